package com.ecsimagesaga.saga;

import com.ecsimagesaga.command.CommandIds;
import com.ecsimagesaga.saga.copy.CopyImageKind;
import com.ecsimagesaga.saga.create.CreateImageKind;
import com.ecsimagesaga.saga.delete.DeleteImageKind;
import com.ecsimagesaga.saga.share.ShareImageKind;
import com.ecsimagesaga.saga.update.UpdateImageKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every saga kind, each defined in a package of its own. Registering a kind is one line here. */
public final class SagaKinds {

  public static final List<SagaKind<?>> ALL =
      List.of(
          new CreateImageKind(),
          new DeleteImageKind(),
          new UpdateImageKind(),
          new CopyImageKind(),
          new ShareImageKind());

  private static final int MAX_COMMAND_ID = 160;

  private SagaKinds() {}

  /** The type of every registered kind, in the order they are registered. */
  public static List<SagaType> types() {
    return ALL.stream().<SagaType>map(SagaKind::type).toList();
  }

  /** The registered kind of a saga type. */
  public static SagaKind<?> of(SagaType type) {
    return find(type)
        .orElseThrow(() -> new IllegalArgumentException(type + " is not a registered saga kind"));
  }

  public static Optional<SagaKind<?>> find(SagaType type) {
    return ALL.stream().filter(k -> k.type() == type).findFirst();
  }

  /** The kind that takes a command of this class. */
  public static Optional<SagaKind<?>> forCommand(Object command) {
    return ALL.stream().filter(k -> k.commandClass().isInstance(command)).findFirst();
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
