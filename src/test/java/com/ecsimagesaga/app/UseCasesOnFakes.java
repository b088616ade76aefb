package com.ecsimagesaga.app;

import com.ecsimagesaga.config.KindRegistry;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaKind;
import com.ecsimagesaga.saga.SagaPolicies;
import com.ecsimagesaga.saga.StepTimeouts;
import com.ecsimagesaga.saga.create.CreateImageCommand;
import com.ecsimagesaga.saga.delete.DeleteImageCommand;
import com.ecsimagesaga.testsupport.FakeClock;
import com.ecsimagesaga.testsupport.FakeCloudImageGateway;
import com.ecsimagesaga.testsupport.FakeEventEncoder;
import com.ecsimagesaga.testsupport.FakeSagaTracing;
import com.ecsimagesaga.testsupport.InMemoryEventOutbox;
import com.ecsimagesaga.testsupport.InMemorySagaStore;
import com.ecsimagesaga.testsupport.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The intake and the coordinator wired on in-memory fakes of their ports and a clock that moves
 * only when told: no Quarkus, no broker, no database. A test gives commands and cloud answers and
 * expects sagas and events.
 */
final class UseCasesOnFakes {

  static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  static final String OWNER = "instance-a";
  static final Duration LEASE = Duration.ofSeconds(30);

  /** The service's default retry and poll numbers, with the default step timeouts. */
  static final SagaPolicies POLICIES = TestPolicies.policies(StepTimeouts.DEFAULTS);

  final FakeClock clock = new FakeClock(T0);
  final InMemoryEventOutbox outbox = new InMemoryEventOutbox(clock);
  final InMemorySagaStore store = new InMemorySagaStore(outbox, clock);
  final FakeCloudImageGateway cloud = new FakeCloudImageGateway();
  final SagaDefinitions definitions = new SagaDefinitions(POLICIES, KindRegistry.kinds());
  final CommandIntake intake = new CommandIntake(store, new FakeEventEncoder(), definitions, clock);
  final SagaCoordinator coordinator =
      new SagaCoordinator(
          store,
          cloud,
          new FakeEventEncoder(),
          definitions,
          clock,
          OWNER,
          100,
          LEASE,
          1,
          new FakeSagaTracing());

  /** Takes a create in as the Kafka consumer would, under the record key it must have. */
  IntakeResult give(CreateImageCommand c) {
    return intake.submit(c, c.expectedKey(), "commands/0@1", null).await().indefinitely();
  }

  /** Takes commands in as the Kafka consumer takes a poll of them, each under its own key. */
  List<IntakeResult> giveAll(SagaKind.Command... commands) {
    List<CommandIntake.Arrival<SagaKind.Command>> arrivals = new ArrayList<>();
    for (int i = 0; i < commands.length; i++) {
      arrivals.add(
          new CommandIntake.Arrival<>(
              commands[i], commands[i].expectedKey(), "commands/0@" + (10 + i), null));
    }
    return intake.submitAll(arrivals).await().indefinitely();
  }

  /** Takes a delete in as the Kafka consumer would. */
  IntakeResult give(DeleteImageCommand c) {
    return intake.submit(c, c.expectedKey(), "commands/0@2", null).await().indefinitely();
  }

  /** One pass of the coordinator at the clock's time; how many sagas moved. */
  int pass() {
    return coordinator.advanceDue().await().indefinitely();
  }

  /**
   * Passes, each at the saga's stored wake-up time, until the saga is finished or {@code maxPasses}
   * ran; the saga as it ends.
   */
  Saga runToEnd(UUID sagaId, int maxPasses) {
    for (int i = 0; i < maxPasses && !saga(sagaId).status().isTerminal(); i++) {
      wakeUp(sagaId);
      pass();
    }
    return saga(sagaId);
  }

  /** Moves the clock to the saga's stored wake-up time, if that is later. */
  void wakeUp(UUID sagaId) {
    Instant wake = saga(sagaId).nextWakeAt();
    if (wake != null && wake.isAfter(clock.instant())) {
      clock.advance(Duration.between(clock.instant(), wake));
    }
  }

  Saga saga(UUID id) {
    return store.saga(id);
  }

  static UUID started(IntakeResult result) {
    if (result instanceof IntakeResult.Started s) {
      return s.sagaId();
    }
    throw new AssertionError("expected a started saga, got " + result);
  }
}
