package com.ecsimagesaga.saga;

import com.ecsimagesaga.command.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A kind of saga defined in one package of its own: the command it takes, how that command is
 * checked, the sagas it starts, the steps and transitions they follow and the events they emit. The
 * coordinator, the intake, the store, the REST views and the metrics use a kind only through this
 * interface; it is registered with one line in {@link SagaKinds}.
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

  SagaType type();

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

  /**
   * A failed saga of this kind made ready to run again by an operator's replay: {@code reset} is
   * the saga already RUNNING, due now, with a fresh retry budget; the kind sets the step it runs
   * from (and a new ClientToken when what the old one made is gone).
   */
  Saga.Builder replay(Saga failed, Replay.Mode mode, Saga.Builder reset);

  /**
   * The sagas a valid command starts, due at {@code now}. Each has a command id of its own, derived
   * from the command's with {@link SagaKinds#childCommandId}, so that a redelivered command starts
   * none of them again.
   */
  List<Saga> start(C command, Instant now, SagaPolicies policies);
}
