package com.ecsimagesaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.ecs.model.v20140526.DeleteImageRequest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults that bend an image's later life: stuck, failed, not yet usable, eventually consistent
 * listing.
 */
class SimImageLifecycleFaultTest extends SimulatorFixture {

  @BeforeEach
  void seed() {
    sim.world().seedInstance(REGION, "i-l", InstanceStatus.Running);
  }

  @Test
  void stuckImageStaysCreatingAtItsPercent() throws Exception {
    sim.faults().next("CreateImage", 1, Fault.stuckInCreating(30));
    String imageId = client.getAcsResponse(Requests.fromInstance("i-l")).getImageId();

    clock.advance(Duration.ofMinutes(10));

    var image = Requests.anyStatus(client, imageId).get(0);
    assertThat(image.getStatus()).isEqualTo("Creating");
    assertThat(image.getProgress()).isEqualTo("30%");
  }

  @Test
  void imageFailsAtTheGivenPercent() throws Exception {
    sim.faults().next("CreateImage", 1, Fault.createFailedAt(60));
    String imageId = client.getAcsResponse(Requests.fromInstance("i-l")).getImageId();

    clock.advance(Duration.ofSeconds(8));
    assertThat(Requests.anyStatus(client, imageId).get(0).getStatus()).isEqualTo("Creating");
    clock.advance(Duration.ofSeconds(10));

    var image = Requests.anyStatus(client, imageId).get(0);
    assertThat(image.getStatus()).isEqualTo("CreateFailed");
    assertThat(image.getProgress()).isEqualTo("60%");
  }

  @Test
  void imageEndsUnavailableAndNeverUsable() throws Exception {
    sim.faults().next("CreateImage", 1, Fault.endsUnavailable());
    String imageId = client.getAcsResponse(Requests.fromInstance("i-l")).getImageId();

    clock.advance(Duration.ofMinutes(1));

    JsonNode image = usableView(imageId);
    assertThat(image.path("Status").asText()).isEqualTo("UnAvailable");
    assertThat(image.path("Usable").asBoolean()).isFalse();
    assertThat(client.getAcsResponse(Requests.describe(imageId, null)).getImages()).isEmpty();
  }

  @Test
  void availableBeforeUsableForTheLag() throws Exception {
    sim.faults().next("CreateImage", 1, Fault.availableBeforeUsable(Duration.ofSeconds(30)));
    String imageId = client.getAcsResponse(Requests.fromInstance("i-l")).getImageId();

    clock.advance(Duration.ofSeconds(25));
    JsonNode early = usableView(imageId);
    clock.advance(Duration.ofSeconds(30));
    JsonNode late = usableView(imageId);

    assertThat(early.path("Status").asText()).isEqualTo("Available");
    assertThat(early.path("Usable").asBoolean()).isFalse();
    assertThat(late.path("Usable").asBoolean()).isTrue();
  }

  @Test
  void newImageIsHiddenForTheGivenNumberOfPolls() throws Exception {
    sim.faults().next("CreateImage", 1, Fault.hiddenAfterCreate(2));
    String imageId = client.getAcsResponse(Requests.fromInstance("i-l")).getImageId();

    assertThat(Requests.anyStatus(client, imageId)).isEmpty();
    assertThat(Requests.anyStatus(client, imageId)).isEmpty();
    assertThat(Requests.anyStatus(client, imageId)).hasSize(1);
  }

  @Test
  void deletedImageStaysListedForTheGivenNumberOfPolls() throws Exception {
    String imageId = client.getAcsResponse(Requests.fromInstance("i-l")).getImageId();
    sim.faults().next("DeleteImage", 1, Fault.listedAfterDelete(1));
    DeleteImageRequest delete = new DeleteImageRequest();
    delete.setImageId(imageId);
    client.getAcsResponse(delete);

    assertThat(Requests.anyStatus(client, imageId)).hasSize(1);
    assertThat(Requests.anyStatus(client, imageId)).isEmpty();
    assertThat(sim.world().imageCount(REGION)).isZero();
  }

  private JsonNode usableView(String imageId) throws Exception {
    var request = SdkClients.common(sim, "DescribeImages");
    request.putQueryParameter("ImageId", imageId);
    request.putQueryParameter("Status", Requests.ALL_STATUSES);
    return SdkClients.commonJson(client, request).path("Images").path("Image").get(0);
  }
}
