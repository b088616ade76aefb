package com.ecsimagesaga.adapter.metrics;

import com.ecsimagesaga.port.CloudActionNames;
import com.ecsimagesaga.port.CloudImageGateway;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.ErrorKind;
import com.ecsimagesaga.saga.StepOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Counts and times every ECS call the sagas make, by ECS action and outcome, without touching the
 * gateway: a CDI decorator around whichever {@link CloudImageGateway} is in use. Series: {@code
 * ecs_calls_total{action,outcome,code}}, {@code ecs_call_duration_seconds{action,outcome}}, {@code
 * ecs_throttles_total{action}} (refused by ECS), and {@code ecs_budget_held_total{action}}: calls
 * the service's rate budget kept back, which are neither ECS calls nor throttles; {@code
 * ecs_region_calls_total{region,action}} counts the ECS calls again by region.
 */
@Decorator
@Priority(10)
public class MeteredCloudImageGateway implements CloudImageGateway {

  /** ECS calls by region and action ({@code ecs_region_calls_total{region,action}}). */
  static final String REGION_CALLS = "ecs.region.calls";

  private final CloudImageGateway delegate;
  private final MeterRegistry registry;

  @Inject
  public MeteredCloudImageGateway(
      @Delegate @Any CloudImageGateway delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
  }

  @Override
  public Uni<StepOutcome> execute(CloudAction action) {
    Timer.Sample sample = Timer.start(registry);
    return delegate
        .execute(action)
        .invoke(
            outcome -> record(action.regionId(), CloudActionNames.nameOf(action), outcome, sample));
  }

  /**
   * One shared listing is counted as one DescribeImages call (its pages are not visible here),
   * failed if it failed for every image; the number of images it answered is its own series.
   */
  @Override
  public Uni<Map<String, StepOutcome>> observeOwnImages(
      String regionId, Set<String> imageIds, Instant createdSince, Instant takenAfter) {
    Timer.Sample sample = Timer.start(registry);
    return delegate
        .observeOwnImages(regionId, imageIds, createdSince, takenAfter)
        .invoke(
            outcomes -> {
              record(regionId, "DescribeImages", firstFailedOrOk(outcomes), sample);
              registry.summary("ecs.poll.batch.size", "region", regionId).record(imageIds.size());
            });
  }

  /**
   * One look at many instances is counted as one DescribeInstances call (its chunks of 100 are not
   * visible here), failed if a chunk failed; the number of instances it answered is its own series.
   */
  @Override
  public Uni<Map<String, StepOutcome>> observeInstances(String regionId, Set<String> instanceIds) {
    Timer.Sample sample = Timer.start(registry);
    return delegate
        .observeInstances(regionId, instanceIds)
        .invoke(
            outcomes -> {
              record(regionId, "DescribeInstances", firstFailedOrOk(outcomes), sample);
              registry
                  .summary("ecs.source.check.batch.size", "region", regionId)
                  .record(instanceIds.size());
            });
  }

  private static StepOutcome firstFailedOrOk(Map<String, StepOutcome> outcomes) {
    return outcomes.values().stream()
        .filter(o -> o instanceof StepOutcome.Failed)
        .findFirst()
        .orElse(new StepOutcome.Applied(null));
  }

  private void record(String region, String name, StepOutcome outcome, Timer.Sample sample) {
    if (outcome instanceof StepOutcome.Failed f
        && CloudActionNames.HELD_BY_BUDGET.equals(f.error().code())) {
      // Not an ECS call: the service's own budget (or a hold ECS asked for) kept it back.
      Counter.builder("ecs.budget.held")
          .description("Calls the service's rate budget held back; ECS never saw them")
          .tag("action", name)
          .register(registry)
          .increment();
      return;
    }
    String result = "ok";
    String code = "none";
    if (outcome instanceof StepOutcome.Failed f) {
      result = f.error().kind().name().toLowerCase(Locale.ROOT);
      code = f.error().code() == null ? "none" : f.error().code();
      if (f.error().kind() == ErrorKind.THROTTLED) {
        Counter.builder("ecs.throttles")
            .description("ECS calls refused by flow control")
            .tag("action", name)
            .register(registry)
            .increment();
      }
    }
    sample.stop(
        Timer.builder("ecs.call.duration")
            .description("ECS call latency, retries of the SDK included")
            .tag("action", name)
            .tag("outcome", result)
            .publishPercentileHistogram()
            .register(registry));
    Counter.builder("ecs.calls")
        .description("ECS calls by action and outcome")
        .tag("action", name)
        .tag("outcome", result)
        .tag("code", code)
        .register(registry)
        .increment();
    // The same calls by region, for the console's per-region budget use.
    Counter.builder(REGION_CALLS)
        .description("ECS calls by region and action")
        .tag("region", region == null ? "none" : region)
        .tag("action", name)
        .register(registry)
        .increment();
  }
}
