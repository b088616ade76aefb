package com.ecsimagesaga.saga;

import com.ecsimagesaga.command.RecordRules;
import com.ecsimagesaga.command.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A kind of saga defined in one package of its own: the command it takes, how that command is
 * checked, the sagas it starts, the steps and transitions they follow and the events they emit. The
 * coordinator, the intake, the store, the REST views and the metrics use a kind only through this
 * interface; it is registered with one line in the kind registry where the service is put together
 * ({@code config.KindRegistry}), paired with the Avro side of its commands and events.
 *
 * @param <C> the kind's command
 */
public interface SagaKind<C extends SagaKind.Command> {

  /** A command that a registered saga kind takes in. */
  interface Command {

    /** The producer's id of the command; a command seen before starts nothing new. */
    String commandId();

    /** When the producer issued it. */
    Instant issuedAt();

    /** The record key the producer must publish it under. */
    String expectedKey();

    /** The region the record key names. */
    String regionId();

    /** What the record key names besides the region (an image id). */
    String subject();
  }

  /** A command about an image that exists, published under {@code <regionId>/<imageId>}. */
  interface ImageCommand extends Command {

    String imageId();

    @Override
    default String subject() {
      return imageId();
    }

    @Override
    default String expectedKey() {
      return RecordRules.imageKey(regionId(), imageId());
    }
  }

  /** The type of the kind's sagas: its table's. */
  default SagaType type() {
    return table().type();
  }

  /** The name of the command on the wire, for example {@code CopyImage}. */
  String commandType();

  Class<C> commandClass();

  /** The type of the input its sagas store; a record the store writes and reads as JSON. */
  Class<? extends SagaInput> inputClass();

  TransitionTable table();

  SagaDefinition definition(SagaPolicies policies);

  /** Every rule the command breaks; empty when it is valid. */
  List<Violation> check(C command);

  /**
   * The ids of the rules of its own that {@link #check} may report, besides the shared ones of
   * {@code RuleIds.VALIDATION} (command id, region, image id, name, description, tags).
   */
  Set<String> ruleIds();

  /** What its commands may warn about without being refused (a deprecated field used); logged. */
  default List<String> warnings(C command) {
    return List.of();
  }

  /**
   * A failed saga of this kind made ready to run again by an operator's replay: {@code reset} is
   * the saga already RUNNING, due now, with a fresh retry budget; the kind sets the step it runs
   * from (and a new ClientToken when what the old one made is gone).
   *
   * @param liveImageId the image the cloud holds for the saga, found by id or by the saga tag, when
   *     the kind asks for it ({@link #replayLooksForImage}); empty otherwise
   */
  Saga.Builder replay(
      Saga failed, Replay.Mode mode, Optional<String> liveImageId, Saga.Builder reset);

  /** Whether a replay first asks the cloud for the image the failed saga may have made. */
  default boolean replayLooksForImage() {
    return false;
  }

  /**
   * Whether a command of this kind must find its image idle: refused ({@code image.busy}) while
   * another saga works on the image its first saga is about, rather than racing it.
   */
  default boolean needsIdleImage() {
    return false;
  }

  /** What the kind's sagas do to the image they are about, as the image pages tell it. */
  default ImageEffect imageEffect() {
    return ImageEffect.NONE;
  }

  /** What a saga does to the image it is about. */
  enum ImageEffect {
    /** It makes the image (a create, a copy). */
    MAKES,
    /** It deletes the image. */
    DELETES,
    /** It changes or shares an image that exists. */
    NONE
  }

  /**
   * Sagas already stored that a command depends on: those of {@code type} in {@code status} whose
   * input has {@code field} equal to {@code value}.
   */
  record Lookup(SagaType type, SagaStatus status, String field, String value) {}

  /**
   * What the intake looks up before it starts a valid command's sagas ({@link #start(Command,
   * Instant, SagaPolicies, List)} is given what it found); empty when the command depends on no
   * stored saga.
   */
  default Optional<Lookup> lookup(C command) {
    return Optional.empty();
  }

  /**
   * As {@link #start(Command, Instant, SagaPolicies)}, given the sagas {@link #lookup} found (empty
   * when it asks for none).
   */
  default List<Saga> start(C command, Instant now, SagaPolicies policies, List<Saga> found) {
    return start(command, now, policies);
  }

  /**
   * The sagas a valid command starts, due at {@code now}. Each has a command id of its own, derived
   * from the command's with {@link SagaKinds#childCommandId}, so that a redelivered command starts
   * none of them again.
   */
  List<Saga> start(C command, Instant now, SagaPolicies policies);
}
