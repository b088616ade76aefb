package com.ecsimagesaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.ecs.model.v20140526.DeleteImageRequest;
import com.aliyuncs.ecs.model.v20140526.ModifyImageAttributeRequest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DeleteImage (unknown, in use, Force, shared) and ModifyImageAttribute. */
class SimDeleteAndModifyImageTest extends SimulatorFixture {
  private String imageId;

  @BeforeEach
  void seed() throws Exception {
    sim.world().seedInstance(REGION, "i-m", InstanceStatus.Running);
    var create = Requests.fromInstance("i-m");
    create.setImageName("original");
    imageId = client.getAcsResponse(create).getImageId();
    clock.advance(Duration.ofMinutes(1));
  }

  @Test
  void deleteRemovesTheImageButKeepsItsSnapshots() throws Exception {
    client.getAcsResponse(delete(imageId, null));

    assertThat(Requests.anyStatus(client, imageId)).isEmpty();
    assertThat(sim.world().imageCount(REGION)).isZero();
    assertThat(sim.world().image(REGION, imageId).orElseThrow().deleted()).isTrue();
    assertThat(sim.world().snapshots(REGION))
        .hasSize(1)
        .allSatisfy(s -> assertThat(s.deleted()).isFalse());
  }

  @Test
  void deletingAnUnknownImageSucceedsByDefault() throws Exception {
    assertThat(client.getAcsResponse(delete("m-unknown", null)).getRequestId()).isNotBlank();
    assertThat(client.getAcsResponse(delete(imageId, null)).getRequestId()).isNotBlank();
    assertThat(client.getAcsResponse(delete(imageId, null)).getRequestId()).isNotBlank();
  }

  @Test
  void deletingAnUnknownImageIsNotFoundWhenConfigured() throws Exception {
    sim.close();
    sim =
        EcsSimulator.start(
            SimulatorConfig.builder()
                .clock(clock)
                .controlPort(-1)
                .deleteUnknownImageFails(true)
                .build());
    client = SdkClients.client(sim);

    SdkClients.rejects(client, delete("m-unknown", null), 404, "InvalidImageId.NotFound");
  }

  @Test
  void imageUsedByAnInstanceNeedsForce() throws Exception {
    sim.world().seedInstanceFromImage(REGION, "i-user", imageId);

    SdkClients.rejects(client, delete(imageId, false), 403, "ImageUsingByInstance");
    client.getAcsResponse(delete(imageId, true));
    assertThat(sim.world().imageCount(REGION)).isZero();
  }

  @Test
  void anImageIsInUseOnlyWhileAnInstanceRunsFromIt() throws Exception {
    sim.world().seedInstanceFromImage(REGION, "i-user", imageId);
    // The same instance placed again runs from the public base image: the image is free again.
    sim.world().seedInstance(REGION, "i-user", InstanceStatus.Running);

    client.getAcsResponse(delete(imageId, false));
    assertThat(sim.world().imageCount(REGION)).isZero();
  }

  @Test
  void sharedImageCannotBeDeletedEvenWithForce() throws Exception {
    sim.world().shareImage(REGION, imageId, true);

    SdkClients.rejects(client, delete(imageId, true), 403, "ImageUseShared");
    assertThat(sim.world().imageCount(REGION)).isEqualTo(1);
  }

  @Test
  void imageStillCreatingCanBeDeleted() throws Exception {
    String creating = client.getAcsResponse(Requests.fromInstance("i-m")).getImageId();

    client.getAcsResponse(delete(creating, null));

    assertThat(sim.world().image(REGION, creating).orElseThrow().deleted()).isTrue();
  }

  @Test
  void imageStillCreatingIsImageIsCreatingWhenConfigured() throws Exception {
    sim.close();
    sim =
        EcsSimulator.start(
            SimulatorConfig.builder()
                .clock(clock)
                .controlPort(-1)
                .deleteCreatingImageFails(true)
                .build());
    client = SdkClients.client(sim);
    sim.world().seedInstance(REGION, "i-m", InstanceStatus.Running);
    String creating = client.getAcsResponse(Requests.fromInstance("i-m")).getImageId();

    SdkClients.rejects(client, delete(creating, true), 403, "ImageIsCreating");
    clock.advance(Duration.ofMinutes(1));
    client.getAcsResponse(delete(creating, null));
    assertThat(sim.world().imageCount(REGION)).isZero();
  }

  @Test
  void modifyRenamesDescribesAndDeprecates() throws Exception {
    ModifyImageAttributeRequest modify = modify(imageId);
    modify.setImageName("renamed");
    modify.setDescription("new description");
    modify.setStatus("Deprecated");
    client.getAcsResponse(modify);

    var image = Requests.anyStatus(client, imageId).get(0);
    assertThat(image.getImageName()).isEqualTo("renamed");
    assertThat(image.getDescription()).isEqualTo("new description");
    assertThat(image.getStatus()).isEqualTo("Deprecated");
    assertThat(client.getAcsResponse(Requests.describe(imageId, null)).getImages()).isEmpty();
  }

  @Test
  void aNameIsFreeAgainOnceItsImageIsDeletedOrRenamed() throws Exception {
    var sameName = Requests.fromInstance("i-m");
    sameName.setImageName("original");
    SdkClients.rejects(client, sameName, 400, "InvalidImageName.Duplicated");

    ModifyImageAttributeRequest rename = modify(imageId);
    rename.setImageName("renamed");
    client.getAcsResponse(rename);
    String second = client.getAcsResponse(sameName).getImageId();
    var takesTheNewName = Requests.fromInstance("i-m");
    takesTheNewName.setImageName("renamed");
    SdkClients.rejects(client, takesTheNewName, 400, "InvalidImageName.Duplicated");

    clock.advance(Duration.ofMinutes(1));
    client.getAcsResponse(delete(second, null));
    assertThat(client.getAcsResponse(sameName).getImageId()).isNotEqualTo(second);
    ModifyImageAttributeRequest ownName = modify(imageId);
    ownName.setImageName("renamed");
    client.getAcsResponse(ownName);
    assertThat(sim.world().imageCount(REGION)).isEqualTo(2);
  }

  @Test
  void modifyWithEmptyNameKeepsTheName() throws Exception {
    ModifyImageAttributeRequest modify = modify(imageId);
    modify.setImageName("");
    modify.setDescription("only this");
    client.getAcsResponse(modify);

    assertThat(Requests.anyStatus(client, imageId).get(0).getImageName()).isEqualTo("original");
  }

  @Test
  void modifyRules() throws Exception {
    client.getAcsResponse(Requests.fromInstance("i-m"));
    var second = Requests.fromInstance("i-m");
    second.setImageName("taken");
    client.getAcsResponse(second);
    ModifyImageAttributeRequest reserved = modify(imageId);
    reserved.setImageName("aliyun-name");
    ModifyImageAttributeRequest duplicate = modify(imageId);
    duplicate.setImageName("taken");
    ModifyImageAttributeRequest badDescription = modify(imageId);
    badDescription.setDescription("x");

    SdkClients.rejects(client, reserved, 400, "InvalidImageName.Malformed");
    SdkClients.rejects(client, duplicate, 400, "InvalidImageName.Duplicated");
    SdkClients.rejects(client, badDescription, 400, "InvalidDescription.Malformed");
    SdkClients.rejects(client, modify("m-unknown"), 404, "InvalidImageId.NotFound");
  }

  private static DeleteImageRequest delete(String id, Boolean force) {
    DeleteImageRequest request = new DeleteImageRequest();
    request.setImageId(id);
    request.setForce(force);
    return request;
  }

  private static ModifyImageAttributeRequest modify(String id) {
    ModifyImageAttributeRequest request = new ModifyImageAttributeRequest();
    request.setImageId(id);
    return request;
  }
}
