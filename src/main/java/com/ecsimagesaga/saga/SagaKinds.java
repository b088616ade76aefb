package com.ecsimagesaga.saga;

import com.ecsimagesaga.command.CommandIds;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The saga kinds the service runs, each defined in a package of its own and registered once where
 * the service is put together (the configuration's kind registry); looked up by saga type or by
 * command.
 */
public final class SagaKinds {

  private static final int MAX_COMMAND_ID = 160;

  private final List<SagaKind<?>> all;

  /**
   * @throws IllegalArgumentException when two kinds share a type, a command class or an input
   *     class, which would make a saga or a command mean two things
   */
  public SagaKinds(List<SagaKind<?>> all) {
    this.all = List.copyOf(all);
    Set<Object> seen = new HashSet<>();
    for (SagaKind<?> k : this.all) {
      for (Object key : List.of(k.type(), k.commandClass(), k.inputClass())) {
        if (!seen.add(key)) {
          throw new IllegalArgumentException("two saga kinds share " + key);
        }
      }
    }
  }

  /** Every kind, in the order registered. */
  public List<SagaKind<?>> all() {
    return all;
  }

  /** The type of every kind, in the order registered. */
  public List<SagaType> types() {
    return all.stream().<SagaType>map(SagaKind::type).toList();
  }

  /** The registered kind of a saga type. */
  public SagaKind<?> of(SagaType type) {
    return find(type)
        .orElseThrow(() -> new IllegalArgumentException(type + " is not a registered saga kind"));
  }

  public Optional<SagaKind<?>> find(SagaType type) {
    return all.stream().filter(k -> k.type() == type).findFirst();
  }

  /** The kind that takes a command of this class. */
  public Optional<SagaKind<?>> forCommand(Object command) {
    return all.stream().filter(k -> k.commandClass().isInstance(command)).findFirst();
  }

  /** The kind whose sagas store inputs of this class. */
  public Optional<SagaKind<?>> forInput(SagaInput input) {
    return all.stream().filter(k -> k.inputClass().isInstance(input)).findFirst();
  }

  /**
   * The command id of one of the sagas a command starts: the command's id with {@code part}
   * appended, or a digest of both when that would be longer than a command id may be.
   */
  public static String childCommandId(String commandId, String part) {
    String id = commandId + "/" + part;
    return id.length() <= MAX_COMMAND_ID ? id : "derived/" + CommandIds.digest(id);
  }

  /** The saga id of a derived command id, as the intake derives it for every command. */
  public static UUID sagaId(String commandId) {
    return UUID.nameUUIDFromBytes(("saga/" + commandId).getBytes(StandardCharsets.UTF_8));
  }
}
