package com.ecsimagesaga.simulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * DescribeImages filters as the DescribeImages API reference (request parameters and error codes)
 * states them.
 */
class DescribeImagesConformanceTest extends ConformanceSupport {

  @Test
  @DisplayName(
      "Status takes Creating, Waiting, Available, UnAvailable, CreateFailed, Deprecated;"
          + " any other value is 400 InvalidParamter (DescribeImages: Status, error codes)")
  void statusOutsideTheDocumentedValuesIsAParameterError() throws Exception {
    SignedRpc.Reply bogus = describe(Map.of("Status", "Bogus"));
    SignedRpc.Reply mixed = describe(Map.of("Status", "Available,Bogus"));

    assertThat(bogus.status()).isEqualTo(400);
    assertThat(bogus.code()).isEqualTo("InvalidParamter");
    assertThat(mixed.code()).isEqualTo("InvalidParamter");
    assertThat(describe(Map.of("Status", "Creating,Waiting,Available")).status()).isEqualTo(200);
  }

  @Test
  @DisplayName(
      "OSType windows|linux selects by the image's OS type; another value is 404 InvalidOSType"
          + " (DescribeImages: OSType, error codes)")
  void osTypeFilter() throws Exception {
    String linux = createImage("linux-image", Map.of());
    String windows = createImage("windows-image", Map.of("Platform", "Windows Server 2019"));

    assertThat(listed(Map.of("OSType", "windows"))).containsExactly(windows);
    assertThat(listed(Map.of("OSType", "linux"))).containsExactly(linux);
    SignedRpc.Reply bogus = describe(Map.of("OSType", "solaris"));
    assertThat(bogus.status()).isEqualTo(404);
    assertThat(bogus.code()).isEqualTo("InvalidOSType");
  }

  @Test
  @DisplayName(
      "Architecture i386|x86_64|arm64 selects by architecture; another value is 404"
          + " InvalidArchitecture (DescribeImages: Architecture, error codes)")
  void architectureFilter() throws Exception {
    String arm = createImage("arm-image", Map.of("Architecture", "arm64"));
    String x86 = createImage("x86-image", Map.of());

    assertThat(listed(Map.of("Architecture", "arm64"))).containsExactly(arm);
    assertThat(listed(Map.of("Architecture", "x86_64"))).containsExactly(x86);
    SignedRpc.Reply bogus = describe(Map.of("Architecture", "sparc"));
    assertThat(bogus.status()).isEqualTo(404);
    assertThat(bogus.code()).isEqualTo("InvalidArchitecture");
  }

  @Test
  @DisplayName(
      "Usable=true lists the images instances can be launched from now, Usable=false the others"
          + " (DescribeImages response field Usable; the filter of the current API model)")
  void usableFilter() throws Exception {
    String ready = createImage("ready-image", Map.of());
    awaitAvailable(ready);
    Control.ok(
        "POST",
        "/faults",
        "{\"action\":\"CreateImage\",\"kind\":\"STUCK_IN_CREATING\",\"amount\":40}");
    String stuck = createImage("stuck-image", Map.of());

    assertThat(listed(Map.of("Usable", "true"))).containsExactly(ready);
    assertThat(listed(Map.of("Usable", "false"))).containsExactly(stuck);
    assertThat(describe(Map.of("Usable", "maybe")).code()).isEqualTo("InvalidParamter");
  }

  @Test
  @DisplayName(
      "IsSupportIoOptimized and IsSupportCloudinit select by the image's flags (true for every"
          + " custom image here); a value other than true/false is 400 InvalidParamter")
  void supportFlags() throws Exception {
    String image = createImage("io-image", Map.of());

    assertThat(listed(Map.of("IsSupportIoOptimized", "true"))).containsExactly(image);
    assertThat(listed(Map.of("IsSupportIoOptimized", "false"))).isEmpty();
    assertThat(listed(Map.of("IsSupportCloudinit", "false"))).isEmpty();
    assertThat(describe(Map.of("IsSupportIoOptimized", "yes")).code()).isEqualTo("InvalidParamter");
  }

  @Test
  @DisplayName(
      "ActionType CreateEcs|ChangeOS: a custom image serves both; another value is 400"
          + " InvalidParamter (DescribeImages: ActionType)")
  void actionType() throws Exception {
    String image = createImage("action-image", Map.of());

    assertThat(listed(Map.of("ActionType", "CreateEcs"))).containsExactly(image);
    assertThat(listed(Map.of("ActionType", "ChangeOS"))).containsExactly(image);
    assertThat(describe(Map.of("ActionType", "Reboot")).code()).isEqualTo("InvalidParamter");
  }

  @Test
  @DisplayName(
      "ImageOwnerAlias: custom images are 'self'; system, others and marketplace list none of"
          + " them; another value is 400 InvalidImageOwnerAlias.ValueNotSupported")
  void ownerAlias() throws Exception {
    String image = createImage("owned-image", Map.of());

    assertThat(listed(Map.of("ImageOwnerAlias", "self"))).containsExactly(image);
    assertThat(listed(Map.of())).containsExactly(image);
    assertThat(listed(Map.of("ImageOwnerAlias", "system"))).isEmpty();
    assertThat(listed(Map.of("ImageOwnerAlias", "marketplace"))).isEmpty();
    SignedRpc.Reply bogus = describe(Map.of("ImageOwnerAlias", "mine"));
    assertThat(bogus.status()).isEqualTo(400);
    assertThat(bogus.code()).isEqualTo("InvalidImageOwnerAlias.ValueNotSupported");
  }

  @Test
  @DisplayName(
      "Tag.N: the images bound to all the tags given, so two values for one key select none"
          + " (DescribeImages: Tag.N.Key, 'resources that are attached to all specified tags')")
  void everyTagConditionMustHold() throws Exception {
    String a = createImage("tag-a", Map.of("Tag.1.Key", "env", "Tag.1.Value", "a"));
    String b = createImage("tag-b", Map.of("Tag.1.Key", "env", "Tag.1.Value", "b"));

    assertThat(listed(Map.of("Tag.1.Key", "env", "Tag.1.Value", "a"))).containsExactly(a);
    assertThat(listed(Map.of("Tag.1.Key", "env"))).containsExactlyInAnyOrder(a, b);
    assertThat(
            listed(
                Map.of(
                    "Tag.1.Key",
                    "env",
                    "Tag.1.Value",
                    "a",
                    "Tag.2.Key",
                    "env",
                    "Tag.2.Value",
                    "b")))
        .isEmpty();
  }

  @Test
  @DisplayName(
      "Usage=instance lists the images instances run from, Usage=none the others; another"
          + " value is 404 InvalidUsage (DescribeImages: Usage, error codes)")
  void usageFilter() throws Exception {
    String used = createImage("used-image", Map.of());
    String idle = createImage("idle-image", Map.of());
    Control.ok(
        "POST",
        "/instances",
        "{\"regionId\":\"cn-hangzhou\",\"instanceId\":\"i-user\",\"imageId\":\"" + used + "\"}");

    assertThat(listed(Map.of("Usage", "instance"))).containsExactly(used);
    assertThat(listed(Map.of("Usage", "none"))).containsExactly(idle);
    assertThat(
            describe(Map.of("ImageId", used, "Status", "ALL"))
                .json()
                .path("Images")
                .path("Image")
                .get(0)
                .path("Usage")
                .asText())
        .isEqualTo("instance");
    SignedRpc.Reply bogus = describe(Map.of("Usage", "sometimes"));
    assertThat(bogus.status()).isEqualTo(404);
    assertThat(bogus.code()).isEqualTo("InvalidUsage");
  }
}
