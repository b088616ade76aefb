package com.ecsimagesaga.port;

import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.StepOutcome;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** The cloud that makes images. */
public interface CloudImageGateway {

  /**
   * Performs one cloud call. Never fails: every cloud error arrives classified as {@link
   * StepOutcome.Failed}. Completes on the caller's context.
   */
  Uni<StepOutcome> execute(CloudAction action);

  /**
   * Looks at many images this service made in one region, with one listing of every image that
   * carries the service's tag and was created no earlier than {@code createdSince} (pages of 100),
   * instead of one call per image. Never fails: when the listing fails, every id gets the same
   * {@link StepOutcome.Failed}. Completes on the caller's context.
   *
   * @param takenAfter a listing is shared between sagas only if it was taken after this instant:
   *     the latest moment one of the asking sagas had its image submitted or became due, so an
   *     image submitted after an earlier listing is never reported missing because of it, and no
   *     saga gets an answer older than the moment it was due
   * @return an outcome for each requested id: {@link StepOutcome.ImageSeen} or {@link
   *     StepOutcome.ImageMissing}
   */
  Uni<Map<String, StepOutcome>> observeOwnImages(
      String regionId, Set<String> imageIds, Instant createdSince, Instant takenAfter);

  /**
   * Looks at many instances of one region (the sources sagas check before they create an image)
   * with one DescribeInstances per 100 ids, instead of one call per instance. Never fails: when a
   * call fails, every id it asked about gets the same {@link StepOutcome.Failed}, classified as
   * {@link #execute} classifies the failure of a single {@link CloudAction.DescribeInstance}.
   * Completes on the caller's context.
   *
   * @return an outcome for each requested id: {@link StepOutcome.InstanceSeen}, {@link
   *     StepOutcome.SourceMissing} when ECS does not list it, or {@link StepOutcome.Failed}
   */
  Uni<Map<String, StepOutcome>> observeInstances(String regionId, Set<String> instanceIds);
}
