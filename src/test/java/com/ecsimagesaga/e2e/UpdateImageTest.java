package com.ecsimagesaga.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.contract.v1.ImageUpdateFailed;
import com.ecsimagesaga.contract.v1.ImageUpdated;
import com.ecsimagesaga.contract.v1.Tag;
import com.ecsimagesaga.contract.v1.UpdateImage;
import com.ecsimagesaga.simulator.ImageStatus;
import com.ecsimagesaga.simulator.InstanceStatus;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Updating what ECS allows to change, and looking an image up by id. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class UpdateImageTest extends SagaTestSupport {

  @BeforeAll
  static void start() {
    connect();
  }

  static String createdImage() {
    String instance = "i-u" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
    EcsSimulatorResource.simulator().world().seedInstance(REGION, instance, InstanceStatus.Running);
    var create =
        createFromInstance(instance)
            .setTags(List.of(Tag.newBuilder().setKey("old").setValue("1").build()))
            .build();
    publish(create);
    return awaitEvent(create.getCommandId(), ImageCreated.class).getImageId();
  }

  static void publish(UpdateImage u) {
    producer.send(COMMANDS, u.getRegionId() + "/" + u.getImageId(), CODEC.encode(u));
  }

  @Test
  void everyKindOfChangeIsAppliedAndReported() {
    String imageId = createdImage();
    EcsSimulatorResource.simulator().world().seedResourceGroup("rg-team2");
    var update =
        UpdateImage.newBuilder()
            .setCommandId(UUID.randomUUID().toString())
            .setIssuedAt(Instant.now())
            .setRegionId(REGION)
            .setImageId(imageId)
            .setImageName("renamed-" + imageId.substring(2, 8))
            .setDescription("updated")
            .setDeprecated(true)
            .setAddTags(List.of(Tag.newBuilder().setKey("env").setValue("prod").build()))
            .setRemoveTagKeys(List.of("old"))
            .setResourceGroupId("rg-team2")
            .build();
    publish(update);
    ImageUpdated updated = awaitEvent(update.getCommandId(), ImageUpdated.class);
    assertThat(updated.getChanges())
        .containsExactly("attributes", "tags added", "tags removed", "resource group");

    var image = EcsSimulatorResource.simulator().world().image(REGION, imageId).orElseThrow();
    assertThat(image.name()).isEqualTo(update.getImageName());
    assertThat(image.status()).isEqualTo(ImageStatus.Deprecated);
    assertThat(image.tags()).containsEntry("env", "prod").doesNotContainKey("old");

    AdminApi.asViewer()
        .get("/api/images/{region}/{id}", REGION, imageId)
        .then()
        .statusCode(200)
        .body("imageName", equalTo(update.getImageName()))
        .body("status", equalTo("Deprecated"))
        .body("tags.env", equalTo("prod"))
        .body("attributes.Description", equalTo("updated"))
        .body("attributes.ResourceGroupId", equalTo("rg-team2"));
  }

  @Test
  void updatingAnImageThatDoesNotExistFails() {
    var update =
        UpdateImage.newBuilder()
            .setCommandId(UUID.randomUUID().toString())
            .setIssuedAt(Instant.now())
            .setRegionId(REGION)
            .setImageId("m-nosuchimage0001")
            .setDescription("x y")
            .build();
    publish(update);
    assertThat(awaitEvent(update.getCommandId(), ImageUpdateFailed.class).getErrorCode())
        .isEqualTo("InvalidImageId.NotFound");
  }

  @Test
  void theLookupAnswers404ForAnUnknownImage() {
    AdminApi.asViewer()
        .get("/api/images/{region}/{id}", REGION, "m-nosuchimage0002")
        .then()
        .statusCode(404);
  }

  @Test
  void theJsonGatewayAcceptsAnUpdate() {
    String imageId = createdImage();
    String commandId =
        AdminApi.asOperator()
            .body(
                "{\"regionId\":\""
                    + REGION
                    + "\",\"imageId\":\""
                    + imageId
                    + "\",\"description\":\"via json\"}")
            .post("/api/commands/update-image")
            .then()
            .statusCode(202)
            .extract()
            .path("commandId");
    awaitEvent(commandId, ImageUpdated.class);
    assertThat(
            EcsSimulatorResource.simulator().world().image(REGION, imageId).orElseThrow().status())
        .isEqualTo(ImageStatus.Available);
  }
}
