package com.ecsimagesaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.ecs.model.v20140526.CreateImageRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CreateImage from SnapshotId and DiskDeviceMapping, source priority, and source-state errors. */
class SimCreateImageSourcesTest extends SimulatorFixture {
  private static final Instant RECENT = Instant.parse("2026-01-10T08:00:00Z");

  @BeforeEach
  void seed() {
    sim.world()
        .seedSnapshot(REGION, "s-sys", DiskType.SYSTEM, SnapshotStatus.ACCOMPLISHED, RECENT, 40);
    sim.world()
        .seedSnapshot(REGION, "s-sys2", DiskType.SYSTEM, SnapshotStatus.ACCOMPLISHED, RECENT, 50);
    sim.world()
        .seedSnapshot(REGION, "s-data", DiskType.DATA, SnapshotStatus.ACCOMPLISHED, RECENT, 100);
    sim.world()
        .seedSnapshot(REGION, "s-busy", DiskType.SYSTEM, SnapshotStatus.PROGRESSING, RECENT, 40);
    sim.world()
        .seedSnapshot(
            REGION,
            "s-old",
            DiskType.SYSTEM,
            SnapshotStatus.ACCOMPLISHED,
            Instant.parse("2013-07-15T10:00:00Z"),
            40);
  }

  @Test
  void systemSnapshotBecomesAnImageOfItsSize() throws Exception {
    String imageId = client.getAcsResponse(Requests.fromSnapshot("s-sys")).getImageId();

    DescribeImagesResponse.Image image = Requests.anyStatus(client, imageId).get(0);
    assertThat(image.getSize()).isEqualTo(40);
    assertThat(image.getDiskDeviceMappings())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getSnapshotId()).isEqualTo("s-sys");
              assertThat(m.getDevice()).isEqualTo("/dev/xvda");
            });
  }

  @Test
  void unknownSnapshotIsNotFound() throws Exception {
    SdkClients.rejects(client, Requests.fromSnapshot("s-nope"), 404, "InvalidSnapshotId.NotFound");
  }

  @Test
  void unfinishedSnapshotIsNotReady() throws Exception {
    SdkClients.rejects(client, Requests.fromSnapshot("s-busy"), 403, "InvalidSnapshotId.NotReady");
  }

  @Test
  void snapshotFromBefore20130716IsTooOld() throws Exception {
    SdkClients.rejects(client, Requests.fromSnapshot("s-old"), 403, "InvalidSnapshot.TooOld");
  }

  @Test
  void dataDiskSnapshotAloneIsOperationDenied403() throws Exception {
    SdkClients.rejects(client, Requests.fromSnapshot("s-data"), 403, "OperationDenied");
  }

  @Test
  void encryptedSnapshotIsOperationDenied400() throws Exception {
    sim.world().encryptSnapshot(REGION, "s-sys");

    SdkClients.rejects(client, Requests.fromSnapshot("s-sys"), 400, "OperationDenied");
  }

  @Test
  void diskDeviceMappingBuildsSystemAndDataDisks() throws Exception {
    CreateImageRequest request = new CreateImageRequest();
    request.setDiskDeviceMappings(
        List.of(
            Requests.mapping("s-sys", "system", null, 60),
            Requests.mapping("s-data", "data", null, null),
            Requests.mapping(null, "data", "/dev/xvdd", 30)));

    String imageId = client.getAcsResponse(request).getImageId();

    DescribeImagesResponse.Image image = Requests.anyStatus(client, imageId).get(0);
    assertThat(image.getSize()).isEqualTo(60);
    assertThat(image.getDiskDeviceMappings())
        .extracting(DescribeImagesResponse.Image.DiskDeviceMapping::getDevice)
        .containsExactly("/dev/xvda", "/dev/xvdb", "/dev/xvdd");
    assertThat(image.getDiskDeviceMappings())
        .extracting(DescribeImagesResponse.Image.DiskDeviceMapping::getSize)
        .containsExactly("60", "100", "30");
  }

  @Test
  void mappingWithoutSystemDiskOrWithTwoIsOperationDenied400() throws Exception {
    CreateImageRequest none = new CreateImageRequest();
    none.setDiskDeviceMappings(List.of(Requests.mapping("s-data", "data", null, null)));
    CreateImageRequest two = new CreateImageRequest();
    two.setDiskDeviceMappings(
        List.of(
            Requests.mapping("s-sys", "system", null, null),
            Requests.mapping("s-sys2", "system", null, null)));

    SdkClients.rejects(client, none, 400, "OperationDenied");
    SdkClients.rejects(client, two, 400, "OperationDenied");
  }

  @Test
  void mappingDeviceRules() throws Exception {
    CreateImageRequest malformed = new CreateImageRequest();
    malformed.setDiskDeviceMappings(List.of(Requests.mapping("s-sys", "system", "/dev/sda", null)));
    CreateImageRequest inUse = new CreateImageRequest();
    inUse.setDiskDeviceMappings(
        List.of(
            Requests.mapping("s-sys", "system", null, null),
            Requests.mapping("s-data", "data", "/dev/xvdb", null),
            Requests.mapping(null, "data", "/dev/xvdb", 20)));

    SdkClients.rejects(client, malformed, 400, "InvalidDevice.Malformed");
    SdkClients.rejects(client, inUse, 400, "InvalidDevice.InUse");
  }

  @Test
  void mappingSizeAndTypeRules() throws Exception {
    CreateImageRequest belowSnapshot = new CreateImageRequest();
    belowSnapshot.setDiskDeviceMappings(List.of(Requests.mapping("s-sys", "system", null, 39)));
    CreateImageRequest tooSmallEmpty = new CreateImageRequest();
    tooSmallEmpty.setDiskDeviceMappings(
        List.of(
            Requests.mapping("s-sys", "system", null, null),
            Requests.mapping(null, "data", null, 4)));
    CreateImageRequest tooBig = new CreateImageRequest();
    tooBig.setDiskDeviceMappings(List.of(Requests.mapping("s-sys", "system", null, 32769)));
    CreateImageRequest badType = new CreateImageRequest();
    badType.setDiskDeviceMappings(List.of(Requests.mapping("s-sys", "boot", null, null)));

    SdkClients.rejects(client, belowSnapshot, 400, "InvalidSize.ValueNotSupported");
    SdkClients.rejects(client, tooSmallEmpty, 400, "InvalidSize.ValueNotSupported");
    SdkClients.rejects(client, tooBig, 400, "InvalidSize.ValueNotSupported");
    SdkClients.rejects(client, badType, 400, "InvalidDiskType.ValueNotSupported");
  }

  @Test
  void instanceWinsOverMappingWhichWinsOverSnapshot() throws Exception {
    sim.world().seedInstance(REGION, "i-prio", InstanceStatus.Running);
    CreateImageRequest all = Requests.fromInstance("i-prio");
    all.setSnapshotId("s-sys");
    all.setDiskDeviceMappings(List.of(Requests.mapping("s-sys2", "system", null, null)));
    CreateImageRequest mappingAndSnapshot = Requests.fromSnapshot("s-sys");
    mappingAndSnapshot.setDiskDeviceMappings(
        List.of(Requests.mapping("s-sys2", "system", null, null)));

    String fromInstance = client.getAcsResponse(all).getImageId();
    String fromMapping = client.getAcsResponse(mappingAndSnapshot).getImageId();

    assertThat(sim.world().image(REGION, fromInstance).orElseThrow().snapshotIds())
        .doesNotContain("s-sys", "s-sys2")
        .hasSize(1);
    assertThat(sim.world().image(REGION, fromMapping).orElseThrow().snapshotIds())
        .containsExactly("s-sys2");
  }

  @Test
  void noSourceIsMissingParameter() throws Exception {
    CreateImageRequest request = new CreateImageRequest();
    request.setImageName("nothing");

    SdkClients.rejects(client, request, 400, "MissingParameter");
  }

  @Test
  void instanceStateErrors() throws Exception {
    sim.world().seedInstance(REGION, "i-starting", InstanceStatus.Starting);
    sim.world().seedInstance(REGION, "i-locked", InstanceStatus.Running);
    sim.world().lockInstance(REGION, "i-locked", "security");
    sim.world().seedInstance(REGION, "i-financial", InstanceStatus.Stopped);
    sim.world().lockInstance(REGION, "i-financial", "financial");

    SdkClients.rejects(
        client, Requests.fromInstance("i-missing"), 404, "InvalidInstanceId.NotFound");
    SdkClients.rejects(client, Requests.fromInstance("i-starting"), 400, "IncorrectInstanceStatus");
    SdkClients.rejects(client, Requests.fromInstance("i-locked"), 400, "InstanceLockedForSecurity");
    assertThat(client.getAcsResponse(Requests.fromInstance("i-financial")).getImageId())
        .startsWith("m-");
  }
}
