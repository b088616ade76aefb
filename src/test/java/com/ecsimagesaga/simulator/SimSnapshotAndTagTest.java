package com.ecsimagesaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.ecs.model.v20140526.CreateSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsResponse;
import com.aliyuncs.ecs.model.v20140526.JoinResourceGroupRequest;
import com.aliyuncs.ecs.model.v20140526.ListTagResourcesRequest;
import com.aliyuncs.ecs.model.v20140526.ListTagResourcesResponse;
import com.aliyuncs.ecs.model.v20140526.TagResourcesRequest;
import com.aliyuncs.ecs.model.v20140526.UntagResourcesRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Snapshot actions, tag actions and JoinResourceGroup. */
class SimSnapshotAndTagTest extends SimulatorFixture {
  private SeededInstance instance;
  private String imageId;

  @BeforeEach
  void seed() throws Exception {
    instance = sim.world().seedInstance(REGION, "i-s", InstanceStatus.Stopped, 200);
    imageId = client.getAcsResponse(Requests.fromInstance("i-s")).getImageId();
  }

  @Test
  void createSnapshotProgressesToAccomplishedAndIsDescribed() throws Exception {
    CreateSnapshotRequest create = new CreateSnapshotRequest();
    create.setDiskId(instance.dataDiskIds().get(0));
    String snapshotId = client.getAcsResponse(create).getSnapshotId();

    assertThat(describe(snapshotId).getStatus()).isEqualTo("progressing");
    clock.advance(Duration.ofSeconds(11));
    DescribeSnapshotsResponse.Snapshot done = describe(snapshotId);
    assertThat(done.getStatus()).isEqualTo("accomplished");
    assertThat(done.getProgress()).isEqualTo("100%");
    assertThat(done.getSourceDiskType()).isEqualTo("data");
    assertThat(done.getSourceDiskSize()).isEqualTo("200");
    assertThat(done.getAvailable()).isTrue();
  }

  @Test
  void describeSnapshotsFiltersByStatusAndDiskType() throws Exception {
    DescribeSnapshotsRequest systemOnly = new DescribeSnapshotsRequest();
    systemOnly.setSourceDiskType("System");
    DescribeSnapshotsRequest accomplished = new DescribeSnapshotsRequest();
    accomplished.setStatus("accomplished");

    assertThat(client.getAcsResponse(systemOnly).getSnapshots()).hasSize(1);
    assertThat(client.getAcsResponse(accomplished).getSnapshots()).isEmpty();
    assertThat(client.getAcsResponse(new DescribeSnapshotsRequest()).getTotalCount()).isEqualTo(2);
  }

  @Test
  void createSnapshotOfUnknownDiskIsNotFound() throws Exception {
    CreateSnapshotRequest create = new CreateSnapshotRequest();
    create.setDiskId("d-unknown");

    SdkClients.rejects(client, create, 404, "InvalidDiskId.NotFound");
  }

  @Test
  void snapshotUsedByAnImageNeedsForceToBeDeleted() throws Exception {
    clock.advance(Duration.ofMinutes(1));
    String snapshotId = sim.world().images(REGION).get(0).snapshotIds().get(0);
    DeleteSnapshotRequest delete = new DeleteSnapshotRequest();
    delete.setSnapshotId(snapshotId);

    SdkClients.rejects(client, delete, 403, "SnapshotCreatedImage");
    delete.setForce(true);
    client.getAcsResponse(delete);
    DeleteSnapshotRequest unknown = new DeleteSnapshotRequest();
    unknown.setSnapshotId(snapshotId);
    SdkClients.rejects(client, unknown, 404, "InvalidSnapshotId.NotFound");
  }

  @Test
  void tagUntagAndListImageTags() throws Exception {
    client.getAcsResponse(tag(imageId, "env", "prod", "team", "saga"));
    client.getAcsResponse(tag(imageId, "env", "staging"));
    UntagResourcesRequest untag = new UntagResourcesRequest();
    untag.setResourceType("image");
    untag.setResourceIds(List.of(imageId));
    untag.setTagKeys(List.of("team"));
    client.getAcsResponse(untag);

    ListTagResourcesRequest list = new ListTagResourcesRequest();
    list.setResourceType("image");
    list.setResourceIds(List.of(imageId));
    List<ListTagResourcesResponse.TagResource> rows = client.getAcsResponse(list).getTagResources();

    assertThat(rows)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getResourceId()).isEqualTo(imageId);
              assertThat(r.getResourceType()).isEqualTo("image");
              assertThat(r.getTagKey()).isEqualTo("env");
              assertThat(r.getTagValue()).isEqualTo("staging");
            });
    assertThat(sim.world().images(REGION).get(0).tags())
        .containsExactly(java.util.Map.entry("env", "staging"));
  }

  @Test
  void untagAllRemovesEveryTag() throws Exception {
    client.getAcsResponse(tag(imageId, "a", "1", "b", "2"));
    UntagResourcesRequest untag = new UntagResourcesRequest();
    untag.setResourceType("image");
    untag.setResourceIds(List.of(imageId));
    untag.setAll(true);

    client.getAcsResponse(untag);

    assertThat(sim.world().images(REGION).get(0).tags()).isEmpty();
  }

  @Test
  void tagRulesAndErrors() throws Exception {
    List<String> nineteen = new ArrayList<>();
    for (int i = 0; i < 19; i++) {
      nineteen.add("k" + i);
      nineteen.add("v");
    }
    client.getAcsResponse(tag(imageId, nineteen.toArray(String[]::new)));
    TagResourcesRequest badType = tag(imageId, "x", "y");
    badType.setResourceType("bucket");

    SdkClients.rejects(client, tag(imageId, "n1", "v", "n2", "v"), 403, "QuotaExceed.Tags");
    SdkClients.rejects(client, tag("m-unknown", "x", "y"), 404, "InvalidResourceId.NotFound");
    SdkClients.rejects(client, badType, 404, "InvalidResourceType.NotFound");
    SdkClients.rejects(client, tag(imageId, "acs:x", "y"), 400, "InvalidTagKey.Malformed");
  }

  @Test
  void joinResourceGroupMovesTheImage() throws Exception {
    sim.world().seedResourceGroup("rg-saga");
    JoinResourceGroupRequest join = new JoinResourceGroupRequest();
    join.setResourceType("image");
    join.setResourceId(imageId);
    join.setResourceGroupId("rg-saga");

    client.getAcsResponse(join);

    assertThat(Requests.anyStatus(client, imageId).get(0).getResourceGroupId())
        .isEqualTo("rg-saga");
    SdkClients.rejects(client, join, 403, "InvalidResourceGroup.Duplicate");
    join.setResourceGroupId("rg-none");
    SdkClients.rejects(client, join, 404, "InvalidResourceGroup.NotFound");
    join.setResourceGroupId("rg-saga");
    join.setResourceId("m-unknown");
    SdkClients.rejects(client, join, 404, "InvalidResourceId.NotFound");
  }

  private DescribeSnapshotsResponse.Snapshot describe(String snapshotId) throws Exception {
    DescribeSnapshotsRequest request = new DescribeSnapshotsRequest();
    request.setSnapshotIds("[\"" + snapshotId + "\"]");
    return client.getAcsResponse(request).getSnapshots().get(0);
  }

  private static TagResourcesRequest tag(String resourceId, String... keyValues) {
    TagResourcesRequest request = new TagResourcesRequest();
    request.setResourceType("image");
    request.setResourceIds(List.of(resourceId));
    List<TagResourcesRequest.Tag> tags = new ArrayList<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      TagResourcesRequest.Tag tag = new TagResourcesRequest.Tag();
      tag.setKey(keyValues[i]);
      tag.setValue(keyValues[i + 1]);
      tags.add(tag);
    }
    request.setTags(tags);
    return request;
  }
}
