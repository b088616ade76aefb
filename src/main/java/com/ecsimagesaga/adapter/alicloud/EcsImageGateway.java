package com.ecsimagesaga.adapter.alicloud;

import com.aliyuncs.ecs.model.v20140526.DeleteImageRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsRequest;
import com.aliyuncs.exceptions.ClientException;
import com.ecsimagesaga.adapter.CallerContext;
import com.ecsimagesaga.config.EcsConfig;
import com.ecsimagesaga.image.ImageState;
import com.ecsimagesaga.port.CloudActionNames;
import com.ecsimagesaga.port.CloudImageGateway;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.ErrorKind;
import com.ecsimagesaga.saga.StepOutcome;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link CloudImageGateway} on the Alibaba ECS SDK. The SDK blocks, so every call runs on a
 * dedicated worker pool and its result returns to the caller's context.
 */
@ApplicationScoped
public class EcsImageGateway implements CloudImageGateway {

  private final EcsClients clients;
  private final RateBudget budget;
  private final OwnImageListings listings;
  private final InstanceChecks checks;
  private final ImageChangeCalls changes;
  private final CopyAndShareCalls spreading;
  private final ExecutorService workers;

  @Inject
  EcsImageGateway(EcsConfig config, Clock clock, RateBudget budget) {
    this.budget = budget;
    this.clients = new EcsClients(config, budget::answered);
    this.listings = new OwnImageListings(clients, clock, config.listingReuse(), budget);
    this.checks = new InstanceChecks(clients, budget);
    this.changes = new ImageChangeCalls(clients);
    this.spreading = new CopyAndShareCalls(clients, budget);
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            config.workerThreads(),
            r -> {
              Thread t = new Thread(r, "ecs-sdk-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @PreDestroy
  void stop() {
    workers.shutdownNow();
  }

  @Override
  public Uni<StepOutcome> execute(CloudAction action) {
    Uni<StepOutcome> call =
        Uni.createFrom().item(() -> callSafely(action)).runSubscriptionOn(workers);
    return CallerContext.returnTo(call);
  }

  @Override
  public Uni<Map<String, StepOutcome>> observeOwnImages(
      String regionId, Set<String> imageIds, Instant createdSince, Instant takenAfter) {
    Uni<Map<String, StepOutcome>> call =
        Uni.createFrom()
            .item(() -> listings.observe(regionId, imageIds, createdSince, takenAfter))
            .runSubscriptionOn(workers);
    return CallerContext.returnTo(call);
  }

  /** The chunks of 100 ids are called at once, each on a worker of the pool. */
  @Override
  public Uni<Map<String, StepOutcome>> observeInstances(String regionId, Set<String> instanceIds) {
    if (instanceIds.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    List<String> ids = List.copyOf(instanceIds);
    List<Uni<Map<String, StepOutcome>>> calls = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += InstanceChecks.PER_CALL) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + InstanceChecks.PER_CALL));
      calls.add(
          Uni.createFrom().item(() -> checks.observe(regionId, chunk)).runSubscriptionOn(workers));
    }
    Uni<Map<String, StepOutcome>> all =
        Uni.join()
            .all(calls)
            .andFailFast()
            .map(
                answers -> {
                  Map<String, StepOutcome> out = new HashMap<>();
                  answers.forEach(out::putAll);
                  return out;
                });
    return CallerContext.returnTo(all);
  }

  private StepOutcome callSafely(CloudAction action) {
    String name = CloudActionNames.nameOf(action);
    Duration wait = budget.take(action.regionId(), name);
    if (!wait.isZero()) {
      return new StepOutcome.Failed(RateBudget.spent(action.regionId(), name, wait));
    }
    try {
      return call(action);
    } catch (ClientException e) {
      var error = budget.withHold(EcsErrorClassifier.classify(e, name), action.regionId(), name);
      if (error.kind() == ErrorKind.NOT_FOUND
          && action instanceof CloudAction.SubmitDeleteImage d) {
        // Deleting an image that does not exist has the effect the caller wants.
        return new StepOutcome.DeleteAccepted(d.imageId());
      }
      if (error.kind() == ErrorKind.NOT_FOUND && action instanceof CloudAction.CancelCopyImage) {
        // A copy that is gone (cancelled before, or never made) is what cancelling wants.
        return new StepOutcome.Applied(error.requestId());
      }
      return new StepOutcome.Failed(error);
    } catch (RuntimeException e) {
      return new StepOutcome.Failed(EcsErrorClassifier.unexpected(e));
    }
  }

  private StepOutcome call(CloudAction action) throws ClientException {
    if (action instanceof CloudAction.DescribeInstance a) {
      return describeInstance(a);
    }
    if (action instanceof CloudAction.DescribeSnapshot a) {
      return describeSnapshot(a);
    }
    if (action instanceof CloudAction.SubmitCreateImage a) {
      var request = clients.prepare(CreateImageRequests.of(a), a.regionId());
      var response = clients.client(a.regionId()).getAcsResponse(request);
      return new StepOutcome.ImageSubmitted(response.getImageId(), response.getRequestId());
    }
    if (action instanceof CloudAction.ObserveImage a) {
      return observe(a);
    }
    if (action instanceof CloudAction.FindImageBySagaTag a) {
      return findBySagaTag(a);
    }
    if (action instanceof CloudAction.SubmitDeleteImage a) {
      var request = clients.prepare(new DeleteImageRequest(), a.regionId());
      request.setImageId(a.imageId());
      request.setForce(a.force());
      clients.client(a.regionId()).getAcsResponse(request);
      return new StepOutcome.DeleteAccepted(a.imageId());
    }
    return change(action);
  }

  private StepOutcome change(CloudAction action) throws ClientException {
    if (action instanceof CloudAction.ModifyImageAttributes a) {
      return changes.modify(a);
    }
    if (action instanceof CloudAction.TagImage a) {
      return changes.tag(a);
    }
    if (action instanceof CloudAction.UntagImage a) {
      return changes.untag(a);
    }
    if (action instanceof CloudAction.JoinResourceGroup a) {
      return changes.join(a);
    }
    if (action instanceof CloudAction.DeleteSnapshots a) {
      return deleteSnapshots(a);
    }
    return spread(action);
  }

  private StepOutcome spread(CloudAction action) throws ClientException {
    if (action instanceof CloudAction.CopyImage a) {
      return spreading.copy(a);
    }
    if (action instanceof CloudAction.CancelCopyImage a) {
      return spreading.cancel(a);
    }
    if (action instanceof CloudAction.ModifyImageSharePermission a) {
      return spreading.modifyShares(a);
    }
    if (action instanceof CloudAction.UnshareFromAll a) {
      return spreading.unshareAll(a);
    }
    return spreading.describeShares((CloudAction.DescribeImageSharePermission) action);
  }

  private StepOutcome describeInstance(CloudAction.DescribeInstance a) throws ClientException {
    return checks.describe(a.regionId(), List.of(a.instanceId())).get(a.instanceId());
  }

  private StepOutcome describeSnapshot(CloudAction.DescribeSnapshot a) throws ClientException {
    var request = clients.prepare(new DescribeSnapshotsRequest(), a.regionId());
    request.setSnapshotIds("[\"" + a.snapshotId() + "\"]");
    var snapshots = clients.client(a.regionId()).getAcsResponse(request).getSnapshots();
    if (snapshots == null || snapshots.isEmpty()) {
      return new StepOutcome.SourceMissing(a.snapshotId());
    }
    var s = snapshots.get(0);
    Instant created = s.getCreationTime() == null ? null : Instant.parse(s.getCreationTime());
    return new StepOutcome.SnapshotSeen(
        s.getSnapshotId(), s.getStatus(), s.getSourceDiskType(), created);
  }

  private StepOutcome observe(CloudAction.ObserveImage a) throws ClientException {
    var request = clients.common("DescribeImages", a.regionId());
    request.putQueryParameter("ImageId", a.imageId());
    // The API's default filter hides every image that is not Available.
    request.putQueryParameter("Status", ImageState.allEcsNames());
    request.putQueryParameter("ImageOwnerAlias", "self");
    String body = clients.client(a.regionId()).getCommonResponse(request).getData();
    return DescribeImagesReader.read(body).stream()
        .filter(i -> a.imageId().equals(i.imageId()))
        .findFirst()
        .<StepOutcome>map(StepOutcome.ImageSeen::new)
        .orElseGet(() -> new StepOutcome.ImageMissing(a.imageId()));
  }

  /**
   * An image a saga made, found by its tag, other than the one it already deleted; ImageMissing
   * (with no id) when ECS lists none.
   */
  private StepOutcome findBySagaTag(CloudAction.FindImageBySagaTag a) throws ClientException {
    var request = SagaTagQuery.imagesOf(clients, a.regionId(), a.sagaId());
    String body = clients.client(a.regionId()).getCommonResponse(request).getData();
    return DescribeImagesReader.read(body).stream()
        .filter(img -> !img.imageId().equals(a.exceptImageId()))
        .findFirst()
        .<StepOutcome>map(StepOutcome.ImageSeen::new)
        .orElseGet(() -> new StepOutcome.ImageMissing(null));
  }

  private StepOutcome deleteSnapshots(CloudAction.DeleteSnapshots a) throws ClientException {
    List<String> deleted = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    boolean first = true;
    for (String id : a.snapshotIds()) {
      // The first call drew its token in callSafely; each further one draws its own.
      Duration wait = first ? Duration.ZERO : budget.take(a.regionId(), "DeleteSnapshot");
      first = false;
      if (!wait.isZero()) {
        // Deleted ones answer NotFound on the retry, which counts as deleted.
        return new StepOutcome.Failed(RateBudget.spent(a.regionId(), "DeleteSnapshot", wait));
      }
      var request = clients.prepare(new DeleteSnapshotRequest(), a.regionId());
      request.setSnapshotId(id);
      request.setForce(true);
      try {
        clients.client(a.regionId()).getAcsResponse(request);
        deleted.add(id);
      } catch (ClientException e) {
        if (EcsErrorClassifier.classify(e).kind() == ErrorKind.NOT_FOUND) {
          deleted.add(id);
        } else if (EcsErrorClassifier.classify(e).isRetryable()) {
          throw e;
        } else {
          failed.add(id);
        }
      }
    }
    return new StepOutcome.SnapshotsDeleted(deleted, failed);
  }
}
