package com.ecsimagesaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.ecs.model.v20140526.CreateImageRequest;
import com.aliyuncs.ecs.model.v20140526.CreateSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsRequest;
import com.aliyuncs.ecs.model.v20140526.JoinResourceGroupRequest;
import com.aliyuncs.ecs.model.v20140526.ListTagResourcesRequest;
import com.aliyuncs.ecs.model.v20140526.ModifyImageAttributeRequest;
import com.aliyuncs.ecs.model.v20140526.TagResourcesRequest;
import com.aliyuncs.ecs.model.v20140526.UntagResourcesRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The less travelled rules and error codes of every action. */
class SimEdgeRulesTest extends SimulatorFixture {
  private SeededInstance instance;

  @BeforeEach
  void seed() {
    instance = sim.world().seedInstance(REGION, "i-e", InstanceStatus.Running, 20);
    sim.world()
        .seedSnapshot(
            REGION,
            "s-sys",
            DiskType.SYSTEM,
            SnapshotStatus.ACCOMPLISHED,
            Instant.parse("2026-01-01T00:00:00Z"),
            40);
  }

  @Test
  void createImageDetectionStrategyAndMappingLimits() throws Exception {
    CreateImageRequest strategy = Requests.fromInstance("i-e");
    strategy.setDetectionStrategy("Deep");
    CreateImageRequest systemWithoutSnapshot = new CreateImageRequest();
    systemWithoutSnapshot.setDiskDeviceMappings(
        List.of(Requests.mapping(null, "system", null, 40)));
    CreateImageRequest tooMany = new CreateImageRequest();
    List<CreateImageRequest.DiskDeviceMapping> mappings = new ArrayList<>();
    mappings.add(Requests.mapping("s-sys", "system", null, null));
    IntStream.range(0, 17).forEach(i -> mappings.add(Requests.mapping(null, "data", null, 20)));
    tooMany.setDiskDeviceMappings(mappings);

    SdkClients.rejects(client, strategy, 400, "InvalidParameter.DetectionStrategy");
    SdkClients.rejects(client, systemWithoutSnapshot, 403, "InvalidSystemSnapshot.Missing");
    SdkClients.rejects(client, tooMany, 400, "InvalidParameter");
  }

  @Test
  void describeImagesAttributeFiltersAndTagFilterErrors() throws Exception {
    sim.world().seedResourceGroup("rg-x");
    CreateImageRequest special = Requests.fromSnapshot("s-sys");
    special.setImageName("golden-web");
    special.setImageFamily("web");
    special.setArchitecture("arm64");
    special.setResourceGroupId("rg-x");
    String imageId = client.getAcsResponse(special).getImageId();
    client.getAcsResponse(Requests.fromInstance("i-e"));
    DescribeImagesRequest byAll = Requests.describe(null, "ALL");
    byAll.setImageName("golden");
    byAll.setSnapshotId("s-sys");
    byAll.setImageFamily("web");
    byAll.setArchitecture("arm64");
    byAll.setResourceGroupId("rg-x");
    DescribeImagesRequest tooManyTags = Requests.describe(null, "ALL");
    List<DescribeImagesRequest.Tag> tags = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      DescribeImagesRequest.Tag tag = new DescribeImagesRequest.Tag();
      tag.setKey("k" + i);
      tags.add(tag);
    }
    tooManyTags.setTags(tags);
    DescribeImagesRequest valueWithoutKey = Requests.describe(null, "ALL");
    DescribeImagesRequest.Tag orphan = new DescribeImagesRequest.Tag();
    orphan.setValue("v");
    valueWithoutKey.setTags(List.of(orphan));
    DescribeImagesRequest pageZero = Requests.describe(null, "ALL");
    pageZero.setPageNumber(0);

    assertThat(client.getAcsResponse(byAll).getImages())
        .singleElement()
        .satisfies(i -> assertThat(i.getImageId()).isEqualTo(imageId));
    SdkClients.rejects(client, tooManyTags, 400, "InvalidTagCount");
    SdkClients.rejects(client, valueWithoutKey, 400, "InvalidTag.Mismatch");
    SdkClients.rejects(client, pageZero, 400, "InvalidParameter");
  }

  @Test
  void modifyImageAttributeFurtherRules() throws Exception {
    String imageId = client.getAcsResponse(Requests.fromInstance("i-e")).getImageId();
    ModifyImageAttributeRequest deprecateEarly = modify(imageId);
    deprecateEarly.setStatus("Deprecated");
    SdkClients.rejects(client, deprecateEarly, 403, "IncorrectImageStatus");
    clock.advance(Duration.ofMinutes(1));
    ModifyImageAttributeRequest badStatus = modify(imageId);
    badStatus.setStatus("Gone");
    ModifyImageAttributeRequest badLicense = modify(imageId);
    badLicense.setLicenseType("GPL");
    ModifyImageAttributeRequest badFamily = modify(imageId);
    badFamily.setImageFamily("acs:family");
    ModifyImageAttributeRequest nvme = modify(imageId);
    ModifyImageAttributeRequest.Features features = new ModifyImageAttributeRequest.Features();
    features.setNvmeSupport("maybe");
    nvme.setFeatures(features);

    SdkClients.rejects(client, badStatus, 400, "InvalidStatus.ValueNotSupported");
    SdkClients.rejects(client, badLicense, 400, "InvalidLicenseType.ValueNotSupported");
    SdkClients.rejects(client, badFamily, 400, "InvalidImageFamily.Malformed");
    SdkClients.rejects(client, nvme, 400, "InvalidParameter.NvmeSupport");
    sim.world().shareImage(REGION, imageId, true);
    SdkClients.rejects(client, deprecateEarly, 403, "ImageUseShared");

    features.setNvmeSupport("unsupported");
    nvme.setFeatures(features);
    nvme.setImageFamily("fam-2");
    nvme.setBootMode("BIOS");
    client.getAcsResponse(nvme);
    var image = Requests.anyStatus(client, imageId).get(0);
    assertThat(image.getFeatures().getNvmeSupport()).isEqualTo("unsupported");
    assertThat(image.getImageFamily()).isEqualTo("fam-2");
    assertThat(image.getBootMode()).isEqualTo("BIOS");
  }

  @Test
  void instanceAndSnapshotListLimitsAndFilters() throws Exception {
    String hundredAndOne =
        IntStream.range(0, 101)
            .mapToObj(i -> "\"i-" + i + "\"")
            .collect(Collectors.joining(",", "[", "]"));
    DescribeInstancesRequest tooManyInstances = new DescribeInstancesRequest();
    tooManyInstances.setInstanceIds(hundredAndOne);
    DescribeSnapshotsRequest tooManySnapshots = new DescribeSnapshotsRequest();
    tooManySnapshots.setSnapshotIds(hundredAndOne.replace("i-", "s-"));
    DescribeInstancesRequest stopped = new DescribeInstancesRequest();
    stopped.setStatus("Stopped");
    DescribeSnapshotsRequest pageTwo = new DescribeSnapshotsRequest();
    pageTwo.setPageSize(1);
    pageTwo.setPageNumber(2);
    client.getAcsResponse(Requests.fromInstance("i-e"));

    SdkClients.rejects(client, tooManyInstances, 400, "InvalidInstanceIds.Malformed");
    SdkClients.rejects(client, tooManySnapshots, 403, "InvalidSnapshotIds.Malformed");
    assertThat(client.getAcsResponse(stopped).getInstances()).isEmpty();
    var page = client.getAcsResponse(pageTwo);
    assertThat(page.getTotalCount()).isEqualTo(3);
    assertThat(page.getSnapshots()).hasSize(1);
  }

  @Test
  void progressingSnapshotCannotBeDeleted() throws Exception {
    CreateSnapshotRequest create = new CreateSnapshotRequest();
    create.setDiskId(instance.dataDiskIds().get(0));
    String snapshotId = client.getAcsResponse(create).getSnapshotId();
    DeleteSnapshotRequest delete = new DeleteSnapshotRequest();
    delete.setSnapshotId(snapshotId);

    SdkClients.rejects(client, delete, 403, "IncorrectSnapshotStatus");
    clock.advance(Duration.ofSeconds(30));
    client.getAcsResponse(delete);
    assertThat(sim.world().snapshots(REGION)).filteredOn(SnapshotView::deleted).hasSize(1);
  }

  @Test
  void tagActionLimitsAndListing() throws Exception {
    String a = client.getAcsResponse(Requests.fromInstance("i-e")).getImageId();
    String b = client.getAcsResponse(Requests.fromInstance("i-e")).getImageId();
    TagResourcesRequest tooManyIds =
        tagging(IntStream.range(0, 51).mapToObj(i -> "m-" + i).toList(), 1);
    TagResourcesRequest tooManyTags = tagging(List.of(a), 21);
    UntagResourcesRequest nothing = new UntagResourcesRequest();
    nothing.setResourceType("image");
    nothing.setResourceIds(List.of(a));
    ListTagResourcesRequest noType = new ListTagResourcesRequest();

    SdkClients.rejects(client, tooManyIds, 400, "NumberExceed.ResourceIds");
    SdkClients.rejects(client, tooManyTags, 400, "NumberExceed.Tags");
    SdkClients.rejects(client, nothing, 400, "MissingParameter");
    SdkClients.rejects(client, noType, 404, "MissingParameter.ResourceType");

    String c = client.getAcsResponse(Requests.fromInstance("i-e")).getImageId();
    client.getAcsResponse(tagging(List.of(a, b, c), 20));
    ListTagResourcesRequest list = new ListTagResourcesRequest();
    list.setResourceType("image");
    var first = client.getAcsResponse(list);
    list.setNextToken(first.getNextToken());
    var second = client.getAcsResponse(list);
    ListTagResourcesRequest onlyA = new ListTagResourcesRequest();
    onlyA.setResourceType("image");
    onlyA.setResourceIds(List.of(a));
    ListTagResourcesRequest.Tag tag = new ListTagResourcesRequest.Tag();
    tag.setKey("k3");
    tag.setValue("other");
    ListTagResourcesRequest noMatch = new ListTagResourcesRequest();
    noMatch.setResourceType("image");
    noMatch.setTags(List.of(tag));

    assertThat(first.getTagResources()).hasSize(50);
    assertThat(first.getNextToken()).isEqualTo("50");
    assertThat(second.getTagResources()).hasSize(10);
    assertThat(second.getNextToken()).isEmpty();
    assertThat(client.getAcsResponse(onlyA).getTagResources())
        .hasSize(20)
        .allSatisfy(r -> assertThat(r.getResourceId()).isEqualTo(a));
    assertThat(client.getAcsResponse(noMatch).getTagResources()).isEmpty();
  }

  @Test
  void joinResourceGroupForSnapshotsAndMissingParameters() throws Exception {
    sim.world().seedResourceGroup("rg-snap");
    JoinResourceGroupRequest join = new JoinResourceGroupRequest();
    join.setResourceType("snapshot");
    join.setResourceId("s-sys");
    join.setResourceGroupId("rg-snap");
    JoinResourceGroupRequest missing = new JoinResourceGroupRequest();
    missing.setResourceType("image");
    missing.setResourceGroupId("rg-snap");

    client.getAcsResponse(join);

    SdkClients.rejects(client, join, 403, "InvalidResourceGroup.Duplicate");
    SdkClients.rejects(client, missing, 403, "MissingParameter");
  }

  private static ModifyImageAttributeRequest modify(String imageId) {
    ModifyImageAttributeRequest request = new ModifyImageAttributeRequest();
    request.setImageId(imageId);
    return request;
  }

  private static TagResourcesRequest tagging(List<String> ids, int tagCount) {
    TagResourcesRequest request = new TagResourcesRequest();
    request.setResourceType("image");
    request.setResourceIds(ids);
    List<TagResourcesRequest.Tag> tags = new ArrayList<>();
    for (int i = 0; i < tagCount; i++) {
      TagResourcesRequest.Tag tag = new TagResourcesRequest.Tag();
      tag.setKey("k" + i);
      tag.setValue("v" + i);
      tags.add(tag);
    }
    request.setTags(tags);
    return request;
  }
}
