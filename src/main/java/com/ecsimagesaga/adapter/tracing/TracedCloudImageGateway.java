package com.ecsimagesaga.adapter.tracing;

import com.ecsimagesaga.port.CloudActionNames;
import com.ecsimagesaga.port.CloudImageGateway;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.StepOutcome;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A client span for every ECS call, child of the span that is current when the call is made (the
 * saga step's), without touching the gateway: a CDI decorator around whichever {@link
 * CloudImageGateway} is in use. The context is taken when the call is made, because the call itself
 * runs later on the SDK's worker pool.
 */
@Decorator
@Priority(20)
public class TracedCloudImageGateway implements CloudImageGateway {

  private final CloudImageGateway delegate;
  private final Tracer tracer;

  @Inject
  public TracedCloudImageGateway(@Delegate @Any CloudImageGateway delegate, Tracer tracer) {
    this.delegate = delegate;
    this.tracer = tracer;
  }

  @Override
  public Uni<StepOutcome> execute(CloudAction action) {
    Context parent = Context.current();
    Span span = start(CloudActionNames.nameOf(action), action.regionId(), parent);
    return delegate
        .execute(action)
        .onTermination()
        .invoke(
            (outcome, failure, cancelled) -> {
              if (outcome != null) {
                describe(span, outcome);
              }
              end(span, failure);
            });
  }

  @Override
  public Uni<Map<String, StepOutcome>> observeOwnImages(
      String regionId, Set<String> imageIds, Instant createdSince, Instant takenAfter) {
    Span span = start("DescribeImages", regionId, Context.current());
    span.setAttribute("ecs.image_count", imageIds.size());
    return delegate
        .observeOwnImages(regionId, imageIds, createdSince, takenAfter)
        .onTermination()
        .invoke((outcomes, failure, cancelled) -> endShared(span, outcomes, failure));
  }

  @Override
  public Uni<Map<String, StepOutcome>> observeInstances(String regionId, Set<String> instanceIds) {
    Span span = start("DescribeInstances", regionId, Context.current());
    span.setAttribute("ecs.instance_count", instanceIds.size());
    return delegate
        .observeInstances(regionId, instanceIds)
        .onTermination()
        .invoke((outcomes, failure, cancelled) -> endShared(span, outcomes, failure));
  }

  /** A call that answers many ids ends as its first failed answer, if any failed. */
  private static void endShared(Span span, Map<String, StepOutcome> outcomes, Throwable failure) {
    if (outcomes != null) {
      outcomes.values().stream()
          .filter(o -> o instanceof StepOutcome.Failed)
          .findFirst()
          .ifPresent(o -> describe(span, o));
    }
    end(span, failure);
  }

  private Span start(String action, String regionId, Context parent) {
    return tracer
        .spanBuilder("ECS " + action)
        .setParent(parent)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute("rpc.system", "alibaba_cloud")
        .setAttribute("rpc.service", "Ecs")
        .setAttribute("rpc.method", action)
        .setAttribute("cloud.provider", "alibaba_cloud")
        .setAttribute("cloud.region", regionId == null ? "" : regionId)
        .startSpan();
  }

  private static void describe(Span span, StepOutcome outcome) {
    if (outcome instanceof StepOutcome.Failed f) {
      span.setStatus(StatusCode.ERROR, f.error().kind().name());
      span.setAttribute("ecs.error.kind", f.error().kind().name());
      if (f.error().code() != null) {
        span.setAttribute("ecs.error.code", f.error().code());
      }
      if (f.error().requestId() != null) {
        span.setAttribute("ecs.request_id", f.error().requestId());
      }
    } else if (outcome instanceof StepOutcome.ImageSubmitted s) {
      span.setAttribute("ecs.image_id", s.imageId() == null ? "" : s.imageId());
      if (s.requestId() != null) {
        span.setAttribute("ecs.request_id", s.requestId());
      }
    }
  }

  private static void end(Span span, Throwable failure) {
    if (failure != null) {
      span.recordException(failure);
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }
}
