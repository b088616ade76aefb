package com.ecsimagesaga.saga;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The type of a saga: the name of the {@link SagaKind} that runs it, declared in the kind's own
 * package ({@code SagaType.of("COPY_IMAGE")}). There is one instance per name, so types compare
 * with {@code ==} as well as {@code equals}; a type is stored and read back by its name.
 */
public final class SagaType implements Comparable<SagaType> {

  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
  private static final ConcurrentHashMap<String, SagaType> BY_NAME = new ConcurrentHashMap<>();

  private final String name;

  private SagaType(String name) {
    this.name = name;
  }

  /**
   * The type of this name.
   *
   * @throws IllegalArgumentException when the name is not upper case letters, digits and
   *     underscores
   */
  public static SagaType of(String name) {
    Objects.requireNonNull(name, "a saga type needs a name");
    SagaType known = BY_NAME.get(name);
    if (known != null) {
      return known;
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a saga type name: " + name);
    }
    return BY_NAME.computeIfAbsent(name, SagaType::new);
  }

  /** As {@link #of}: the type a stored name stands for. */
  public static SagaType valueOf(String name) {
    return of(name);
  }

  public String name() {
    return name;
  }

  @Override
  public int compareTo(SagaType other) {
    return name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
