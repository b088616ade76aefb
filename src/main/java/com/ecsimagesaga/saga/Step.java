package com.ecsimagesaga.saga;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A saga step, named by the effect it has. A saga kind declares its own steps in its own package
 * ({@code Step.of("SUBMIT_COPY_IMAGE")}); the steps here are those the shared logic of several
 * kinds moves sagas to. There is one instance per name, so steps compare with {@code ==} as well as
 * {@code equals}, and a step is stored and read back by its name.
 */
public final class Step implements Comparable<Step> {

  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
  private static final ConcurrentHashMap<String, Step> BY_NAME = new ConcurrentHashMap<>();

  /** Marks a finished saga. */
  public static final Step DONE = of("DONE");

  /** Looking at an image a delete or an update is about. */
  public static final Step CHECK_IMAGE = of("CHECK_IMAGE");

  /** Deleting an image's snapshots, after a delete or in a compensation. */
  public static final Step DELETE_SNAPSHOTS = of("DELETE_SNAPSHOTS");

  /**
   * Looking up, by the saga tag, an image a submission that gave up with an unknown outcome may
   * have made.
   */
  public static final Step FIND_SUBMITTED_IMAGE = of("FIND_SUBMITTED_IMAGE");

  /** Deleting an image the saga made but must not leave behind. */
  public static final Step COMPENSATE_DELETE_IMAGE = of("COMPENSATE_DELETE_IMAGE");

  private final String name;

  private Step(String name) {
    this.name = name;
  }

  /**
   * The step of this name.
   *
   * @throws IllegalArgumentException when the name is not upper case letters, digits and
   *     underscores
   */
  public static Step of(String name) {
    Objects.requireNonNull(name, "a step needs a name");
    Step known = BY_NAME.get(name);
    if (known != null) {
      return known;
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a step name: " + name);
    }
    return BY_NAME.computeIfAbsent(name, Step::new);
  }

  /** As {@link #of}: the step a stored name stands for. */
  public static Step valueOf(String name) {
    return of(name);
  }

  public String name() {
    return name;
  }

  @Override
  public int compareTo(Step other) {
    return name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
