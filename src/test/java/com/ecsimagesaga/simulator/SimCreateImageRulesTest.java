package com.ecsimagesaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.ecs.model.v20140526.CreateImageRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteImageRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CreateImage parameter rules: names, descriptions, attributes, tags, resource groups, quota. */
class SimCreateImageRulesTest extends SimulatorFixture {

  @Override
  protected SimulatorConfigBuilder configure(SimulatorConfigBuilder builder) {
    return builder.imageQuotaPerRegion(3);
  }

  @BeforeEach
  void seed() {
    sim.world().seedInstance(REGION, "i-r", InstanceStatus.Running);
  }

  @Test
  void malformedImageNamesAreRejected() throws Exception {
    for (String name :
        List.of("1starts-with-digit", "x", "http://image", "has space", "a".repeat(129))) {
      CreateImageRequest request = Requests.fromInstance("i-r");
      request.setImageName(name);
      SdkClients.rejects(client, request, 400, "InvalidImageName.Malformed");
    }
    CreateImageRequest good = Requests.fromInstance("i-r");
    good.setImageName("Good_name-1.2:3");
    assertThat(client.getAcsResponse(good).getImageId()).startsWith("m-");
  }

  @Test
  void duplicateNameInRegionIsRejectedUntilTheImageIsDeleted() throws Exception {
    CreateImageRequest first = Requests.fromInstance("i-r");
    first.setImageName("dup-name");
    String imageId = client.getAcsResponse(first).getImageId();

    SdkClients.rejects(client, first, 400, "InvalidImageName.Duplicated");
    DeleteImageRequest delete = new DeleteImageRequest();
    delete.setImageId(imageId);
    client.getAcsResponse(delete);
    assertThat(client.getAcsResponse(first).getImageId()).isNotEqualTo(imageId);
  }

  @Test
  void attributeRules() throws Exception {
    CreateImageRequest description = Requests.fromInstance("i-r");
    description.setDescription("https://example.com");
    CreateImageRequest family = Requests.fromInstance("i-r");
    family.setImageFamily("aliyun-family");
    CreateImageRequest version = Requests.fromInstance("i-r");
    version.setImageVersion("v 1");
    CreateImageRequest architecture = Requests.fromInstance("i-r");
    architecture.setArchitecture("sparc");
    CreateImageRequest platform = Requests.fromInstance("i-r");
    platform.setPlatform("Plan9");
    CreateImageRequest bootMode = Requests.fromInstance("i-r");
    bootMode.setBootMode("LEGACY");

    SdkClients.rejects(client, description, 400, "InvalidDescription.Malformed");
    SdkClients.rejects(client, family, 400, "InvalidImageFamily.Malformed");
    SdkClients.rejects(client, version, 400, "InvalidImageVersion.Malformed");
    SdkClients.rejects(client, architecture, 400, "InvalidArchitecture.Malformed");
    SdkClients.rejects(client, platform, 400, "InvalidPlatform.Malformed");
    SdkClients.rejects(client, bootMode, 400, "InvalidBootMode.ValueNotSupported");
    assertThat(sim.world().imageCount(REGION)).isZero();
  }

  @Test
  void validAttributesAreReportedByDescribeImages() throws Exception {
    CreateImageRequest request = Requests.fromInstance("i-r");
    request.setDescription("built by the saga");
    request.setImageFamily("saga-family");
    request.setImageVersion("1.0.3");
    request.setArchitecture("arm64");
    request.setPlatform("Ubuntu");
    request.setBootMode("UEFI");

    String imageId = client.getAcsResponse(request).getImageId();

    var image = Requests.anyStatus(client, imageId).get(0);
    assertThat(image.getDescription()).isEqualTo("built by the saga");
    assertThat(image.getImageFamily()).isEqualTo("saga-family");
    assertThat(image.getImageVersion()).isEqualTo("1.0.3");
    assertThat(image.getArchitecture()).isEqualTo("arm64");
    assertThat(image.getPlatform()).isEqualTo("Ubuntu");
    assertThat(image.getBootMode()).isEqualTo("UEFI");
  }

  @Test
  void tagRules() throws Exception {
    CreateImageRequest duplicate = Requests.fromInstance("i-r");
    duplicate.setTags(Requests.tags("k", "1", "k", "2"));
    CreateImageRequest reservedKey = Requests.fromInstance("i-r");
    reservedKey.setTags(Requests.tags("aliyun-key", "v"));
    CreateImageRequest badValue = Requests.fromInstance("i-r");
    badValue.setTags(Requests.tags("k", "acs:value"));
    CreateImageRequest tooMany = Requests.fromInstance("i-r");
    List<String> keyValues = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      keyValues.add("key" + i);
      keyValues.add("v");
    }
    tooMany.setTags(Requests.tags(keyValues.toArray(String[]::new)));

    SdkClients.rejects(client, duplicate, 400, "Duplicate.TagKey");
    SdkClients.rejects(client, reservedKey, 400, "InvalidTagKey.Malformed");
    SdkClients.rejects(client, badValue, 400, "InvalidTagValue.Malformed");
    SdkClients.rejects(client, tooMany, 403, "QuotaExceed.Tags");
  }

  @Test
  void unknownResourceGroupIsNotFoundAndSeededOneIsAccepted() throws Exception {
    CreateImageRequest request = Requests.fromInstance("i-r");
    request.setResourceGroupId("rg-unknown");
    SdkClients.rejects(client, request, 404, "InvalidResourceGroup.NotFound");

    sim.world().seedResourceGroup("rg-unknown");
    String imageId = client.getAcsResponse(request).getImageId();
    assertThat(Requests.anyStatus(client, imageId).get(0).getResourceGroupId())
        .isEqualTo("rg-unknown");
  }

  @Test
  void imageQuotaPerRegionIsEnforcedOnLiveImages() throws Exception {
    for (int i = 0; i < 3; i++) {
      client.getAcsResponse(Requests.fromInstance("i-r"));
    }

    SdkClients.rejects(client, Requests.fromInstance("i-r"), 403, "QuotaExceed.Image");
    assertThat(sim.world().imageCount(REGION)).isEqualTo(3);
  }
}
