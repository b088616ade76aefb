package com.ecsimagesaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.ecs.model.v20140526.CreateImageRequest;
import com.aliyuncs.ecs.model.v20140526.CreateImageResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CreateImage from an instance, the image lifecycle and DescribeInstances, through the real SDK.
 */
class SimCreateImageFromInstanceTest extends SimulatorFixture {
  private static final String ALL =
      "Waiting,Creating,Available,UnAvailable,CreateFailed,Deprecated";

  @Test
  void createImageFromRunningInstanceGoesWaitingCreatingAvailableAndUsable() throws Exception {
    sim.world().seedInstance(REGION, "i-run1", InstanceStatus.Running, 100);
    CreateImageRequest create = new CreateImageRequest();
    create.setInstanceId("i-run1");
    create.setImageName("saga-image-1");
    CreateImageRequest.Tag tag = new CreateImageRequest.Tag();
    tag.setKey("saga-id");
    tag.setValue("s-123");
    create.setTags(List.of(tag));

    CreateImageResponse created = client.getAcsResponse(create);

    assertThat(created.getImageId()).matches("m-bp1[a-z0-9]{17}");
    assertThat(created.getRequestId()).matches("[0-9A-F-]{36}");
    assertThat(describe(created.getImageId()).getStatus()).isEqualTo("Waiting");

    clock.advance(Duration.ofSeconds(12));
    DescribeImagesResponse.Image creating = describe(created.getImageId());
    assertThat(creating.getStatus()).isEqualTo("Creating");
    assertThat(creating.getProgress()).isEqualTo("50%");
    assertThat(creating.getTags())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getTagKey()).isEqualTo("saga-id");
              assertThat(t.getTagValue()).isEqualTo("s-123");
            });
    assertThat(creating.getDiskDeviceMappings()).hasSize(2);
    assertThat(creating.getDiskDeviceMappings().get(0).getType()).isEqualTo("system");
    assertThat(creating.getDiskDeviceMappings().get(1).getSize()).isEqualTo("100");
    assertThat(usable(created.getImageId())).isFalse();

    clock.advance(Duration.ofSeconds(10));
    DescribeImagesResponse.Image available = describe(created.getImageId());
    assertThat(available.getStatus()).isEqualTo("Available");
    assertThat(available.getProgress()).isEqualTo("100%");
    assertThat(available.getImageName()).isEqualTo("saga-image-1");
    assertThat(available.getSize()).isEqualTo(40);
    assertThat(available.getImageOwnerAlias()).isEqualTo("self");
    assertThat(usable(created.getImageId())).isTrue();
    assertThat(sim.world().snapshots(REGION))
        .hasSize(2)
        .allSatisfy(s -> assertThat(s.status()).isEqualTo(SnapshotStatus.ACCOMPLISHED));
    assertThat(sim.world().images(REGION))
        .singleElement()
        .satisfies(i -> assertThat(i.snapshotIds()).hasSize(2));
  }

  @Test
  void describeInstancesListsSeededInstancesWithWrappedLocks() throws Exception {
    sim.world().seedInstance(REGION, "i-a", InstanceStatus.Running);
    sim.world().seedInstance(REGION, "i-b", InstanceStatus.Stopped);
    sim.world().lockInstance(REGION, "i-b", "security");
    DescribeInstancesRequest request = new DescribeInstancesRequest();
    request.setInstanceIds("[\"i-b\",\"i-unknown\"]");

    DescribeInstancesResponse response = client.getAcsResponse(request);

    assertThat(response.getTotalCount()).isEqualTo(1);
    DescribeInstancesResponse.Instance instance = response.getInstances().get(0);
    assertThat(instance.getInstanceId()).isEqualTo("i-b");
    assertThat(instance.getStatus()).isEqualTo("Stopped");
    assertThat(instance.getOperationLocks())
        .singleElement()
        .satisfies(l -> assertThat(l.getLockReason()).isEqualTo("security"));
  }

  @Test
  void describeInstancesPagesWithPageSize() throws Exception {
    for (int i = 0; i < 3; i++) {
      sim.world().seedInstance(REGION, "i-p" + i, InstanceStatus.Running);
    }
    DescribeInstancesRequest request = new DescribeInstancesRequest();
    request.setPageSize(2);
    request.setPageNumber(2);

    DescribeInstancesResponse response = client.getAcsResponse(request);

    assertThat(response.getTotalCount()).isEqualTo(3);
    assertThat(response.getPageNumber()).isEqualTo(2);
    assertThat(response.getInstances())
        .extracting(DescribeInstancesResponse.Instance::getInstanceId)
        .containsExactly("i-p2");
  }

  @Test
  void instanceStateChangeWhileCreatingMakesCreationFail() throws Exception {
    sim.world().seedInstance(REGION, "i-flip", InstanceStatus.Running);
    CreateImageRequest create = new CreateImageRequest();
    create.setInstanceId("i-flip");
    String imageId = client.getAcsResponse(create).getImageId();
    clock.advance(Duration.ofSeconds(5));

    sim.world().setInstanceStatus(REGION, "i-flip", InstanceStatus.Stopping);
    clock.advance(Duration.ofMinutes(5));

    DescribeImagesResponse.Image image = describe(imageId);
    assertThat(image.getStatus()).isEqualTo("CreateFailed");
    assertThat(usable(imageId)).isFalse();
  }

  private DescribeImagesResponse.Image describe(String imageId) throws Exception {
    DescribeImagesRequest request = new DescribeImagesRequest();
    request.setImageId(imageId);
    request.setStatus(ALL);
    List<DescribeImagesResponse.Image> images = client.getAcsResponse(request).getImages();
    assertThat(images).hasSize(1);
    return images.get(0);
  }

  private boolean usable(String imageId) throws Exception {
    var request = SdkClients.common(sim, "DescribeImages");
    request.putQueryParameter("ImageId", imageId);
    request.putQueryParameter("Status", ALL);
    JsonNode image = SdkClients.commonJson(client, request).path("Images").path("Image").get(0);
    assertThat(image.has("Usable")).isTrue();
    return image.path("Usable").asBoolean();
  }
}
