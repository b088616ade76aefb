package com.ecsimagesaga.adapter.alicloud;

import com.aliyuncs.exceptions.ClientException;
import com.ecsimagesaga.adapter.CallerContext;
import com.ecsimagesaga.config.EcsConfig;
import com.ecsimagesaga.port.ImageLookup;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@link ImageLookup} on DescribeImages filtered by the saga tag every image of the service
 * carries. It finds an image even when the saga never learnt its id (a CreateImage whose answer was
 * lost). Its own small worker pool keeps operator replays from queueing behind saga traffic.
 */
@ApplicationScoped
public class EcsImageLookup implements ImageLookup {

  private final EcsClients clients;
  private final ExecutorService workers =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "ecs-sdk-lookup");
            t.setDaemon(true);
            return t;
          });

  @Inject
  EcsImageLookup(EcsConfig config, RateBudget budget) {
    // Replays' lookups are rare and not held, but what ECS says about the quota still reaches the
    // budget.
    this.clients = new EcsClients(config, budget::answered);
  }

  @PreDestroy
  void stop() {
    workers.shutdownNow();
  }

  @Override
  public Uni<Optional<String>> liveImage(String regionId, UUID sagaId, String knownImageId) {
    Uni<Optional<String>> call =
        Uni.createFrom()
            .item(() -> describe(regionId, sagaId, knownImageId))
            .runSubscriptionOn(workers);
    return CallerContext.returnTo(call);
  }

  private Optional<String> describe(String regionId, UUID sagaId, String knownImageId) {
    var request = SagaTagQuery.imagesOf(clients, regionId, sagaId);
    try {
      String body = clients.client(regionId).getCommonResponse(request).getData();
      var images = DescribeImagesReader.read(body);
      return images.stream()
          .filter(i -> i.imageId().equals(knownImageId))
          .findFirst()
          .or(() -> images.stream().findFirst())
          .map(i -> i.imageId());
    } catch (ClientException e) {
      var error = EcsErrorClassifier.classify(e);
      throw new IllegalStateException(
          "EIS-6101 DescribeImages for saga "
              + sagaId
              + " failed: "
              + error.code()
              + " "
              + error.message()
              + " (request "
              + error.requestId()
              + ")");
    }
  }
}
