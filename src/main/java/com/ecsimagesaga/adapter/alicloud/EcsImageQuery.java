package com.ecsimagesaga.adapter.alicloud;

import com.ecsimagesaga.image.ImageObservation;
import com.ecsimagesaga.port.CloudImageGateway;
import com.ecsimagesaga.port.ImageQuery;
import com.ecsimagesaga.saga.CloudAction;
import com.ecsimagesaga.saga.StepOutcome;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * {@link ImageQuery} through the same gateway, rate budget and error classification as the sagas.
 */
@ApplicationScoped
public class EcsImageQuery implements ImageQuery {

  @Inject CloudImageGateway gateway;

  @Override
  public Uni<Optional<ImageObservation>> find(String regionId, String imageId) {
    return gateway
        .execute(new CloudAction.ObserveImage(regionId, imageId))
        .map(
            outcome -> {
              if (outcome instanceof StepOutcome.ImageSeen seen) {
                return Optional.of(seen.image());
              }
              if (outcome instanceof StepOutcome.Failed f) {
                throw new IllegalStateException(
                    "ECS could not be asked about "
                        + imageId
                        + ": "
                        + f.error().code()
                        + " "
                        + f.error().message()
                        + " (request "
                        + f.error().requestId()
                        + ")");
              }
              return Optional.empty();
            });
  }
}
