package com.ecsimagesaga.config;

import com.ecsimagesaga.app.CommandIntake;
import com.ecsimagesaga.app.OutboxRelay;
import com.ecsimagesaga.app.SagaCoordinator;
import com.ecsimagesaga.app.SagaDefinitions;
import com.ecsimagesaga.app.ServiceShare;
import com.ecsimagesaga.app.StuckSagaDetector;
import com.ecsimagesaga.port.CloudImageGateway;
import com.ecsimagesaga.port.EventEncoder;
import com.ecsimagesaga.port.EventOutbox;
import com.ecsimagesaga.port.EventPublisher;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.port.SagaTracing;
import com.ecsimagesaga.port.ServiceInstances;
import com.ecsimagesaga.saga.SagaPolicies;
import com.ecsimagesaga.saga.StepTimeouts;
import com.ecsimagesaga.saga.retry.PollPolicy;
import com.ecsimagesaga.saga.retry.RetryPolicy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;

/** Builds the framework-free use cases from configuration and the adapters. */
public class ServiceWiring {

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Produces
  @Singleton
  SagaDefinitions definitions(SagaConfig c) {
    var retry = c.retry();
    var poll = c.poll();
    var timeouts = c.timeouts();
    var policies =
        new SagaPolicies(
            policy(retry.throttled()),
            policy(retry.transientErrors()),
            policy(retry.stateWait()),
            new PollPolicy(
                poll.fastInterval(),
                poll.fastPhase(),
                poll.slowInterval(),
                poll.slowPhase(),
                poll.longInterval(),
                poll.maxInterval()),
            timeouts.createFromInstance(),
            timeouts.createFromSnapshot(),
            timeouts.delete(),
            c.requireUsable(),
            steps(timeouts.steps()),
            retry.quotaMaxWait());
    return new SagaDefinitions(policies, KindRegistry.kinds());
  }

  private static StepTimeouts steps(SagaConfig.Steps s) {
    return new StepTimeouts(
        s.checkSourceInstance(),
        s.checkSourceSnapshot(),
        s.submitCreateImage(),
        s.awaitImageUsableFromInstance(),
        s.awaitImageUsableFromSnapshot(),
        s.compensateDeleteImage(),
        s.deleteSnapshots(),
        s.checkImage(),
        s.submitDeleteImage(),
        s.awaitImageGone(),
        s.updateImage(),
        s.findSubmittedImage());
  }

  @Produces
  @Singleton
  CommandIntake intake(
      SagaStore store, EventEncoder encoder, SagaDefinitions definitions, Clock clock) {
    return new CommandIntake(store, encoder, definitions, clock);
  }

  @Produces
  @Singleton
  SagaCoordinator coordinator(
      SagaStore store,
      CloudImageGateway gateway,
      EventEncoder encoder,
      SagaDefinitions definitions,
      Clock clock,
      SagaConfig c,
      ServiceShare share,
      SagaTracing tracing) {
    return new SagaCoordinator(
        store,
        gateway,
        encoder,
        definitions,
        clock,
        share.instanceId(),
        c.batchSize(),
        c.lease(),
        c.chainSteps(),
        tracing,
        new SagaCoordinator.Takeover(c.leaseTakeoverAfter(), share::beatSince));
  }

  /**
   * The instance's name, under which it claims sagas and beats in the instance table, and its share
   * of the ECS budget.
   */
  @Produces
  @Singleton
  ServiceShare share(ServiceInstances instances, Clock clock, SagaConfig c, EcsConfig ecs) {
    String name = c.instanceId().orElse("eis-" + UUID.randomUUID());
    return new ServiceShare(instances, clock, name, ecs.rateLimit().instanceExpiry());
  }

  @Produces
  @Singleton
  OutboxRelay relay(EventOutbox outbox, EventPublisher publisher, SagaConfig c) {
    return new OutboxRelay(outbox, publisher, c.relayBatchSize());
  }

  @Produces
  @Singleton
  StuckSagaDetector stuckDetector(
      SagaStore store, EventEncoder encoder, Clock clock, SagaConfig c) {
    return new StuckSagaDetector(store, encoder, clock, c.stuckAfter());
  }

  private static RetryPolicy policy(SagaConfig.Policy p) {
    return new RetryPolicy(p.initialDelay(), p.multiplier(), p.maxDelay(), p.maxAttempts());
  }
}
