package com.ecsimagesaga.simulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.simulator.EcsRegions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Regions: ECS knows a fixed list of regions and refuses any other. */
class RegionConformanceTest extends ConformanceSupport {

  @Test
  @DisplayName(
      "A RegionId ECS does not have is answered 404 InvalidRegionId.NotFound"
          + " (error tables of DeleteImage, TagResources, UntagResources; region list: DescribeRegions)")
  void unknownRegionIsRefused() throws Exception {
    SignedRpc.Reply describe = SignedRpc.call("DescribeImages", "cn-atlantis").send();
    SignedRpc.Reply create =
        SignedRpc.call("CreateImage", "cn-atlantis").with("InstanceId", INSTANCE).send();

    assertThat(describe.status()).isEqualTo(404);
    assertThat(describe.code()).isEqualTo("InvalidRegionId.NotFound");
    assertThat(create.status()).isEqualTo(404);
    assertThat(create.code()).isEqualTo("InvalidRegionId.NotFound");
    assertThat(Control.ok("GET", "/images?regionId=cn-atlantis", null)).isEmpty();
  }

  @Test
  @DisplayName("Every public ECS region is known (Regions and zones; DescribeRegions)")
  void everyPublicRegionIsKnown() throws Exception {
    for (String region : EcsRegions.PUBLIC) {
      assertThat(SignedRpc.call("DescribeImages", region).send().status())
          .as(region)
          .isEqualTo(200);
    }
  }

  @Test
  @DisplayName(
      "The list of regions is a setting of the control API; a reset restores the public list")
  void regionListIsConfigurableOverTheControlApi() throws Exception {
    Control.ok("POST", "/config", "{\"addRegions\":[\"xx-lab-1\"]}");
    assertThat(SignedRpc.call("DescribeImages", "xx-lab-1").send().status()).isEqualTo(200);

    Control.ok("POST", "/config", "{\"regions\":[\"cn-hangzhou\"]}");
    assertThat(SignedRpc.call("DescribeImages", "cn-shanghai").send().code())
        .isEqualTo("InvalidRegionId.NotFound");
    assertThat(Control.ok("GET", "/config", null).path("regions"))
        .extracting(n -> n.asText())
        .containsExactly("cn-hangzhou");

    Control.ok("POST", "/reset", null);
    assertThat(SignedRpc.call("DescribeImages", "cn-shanghai").send().status()).isEqualTo(200);
    assertThat(SignedRpc.call("DescribeImages", "xx-lab-1").send().status()).isEqualTo(404);
  }

  @Test
  @DisplayName("Seeding a region the API does not know is refused with a 400 naming the region")
  void seedingAnUnknownRegionIsRefused() throws Exception {
    Control.Answer answer =
        Control.send(
            "POST", "/instances", "{\"regionId\":\"cn-atlantis\",\"instanceId\":\"i-lost\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("error").asText()).contains("cn-atlantis");
  }
}
