package com.ecsimagesaga.simulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a test can set in process it can set over the control API of the standalone simulator: rate
 * limits, the alternative answers ECS documents, an image stuck in Creating, seeding; and a reset
 * goes back to the seeded state.
 */
class ControlApiConformanceTest extends ConformanceSupport {

  @Test
  @DisplayName(
      "Per-minute rate limits: beyond the limit 400 Throttling.User with X-RateLimit-User-API"
          + " (API throttling page: per action, region and minute)")
  void rateLimits() throws Exception {
    Control.ok("POST", "/config", "{\"rateLimits\":{\"DescribeImages\":2}}");

    SignedRpc.call("DescribeImages", REGION).send();
    SignedRpc.Reply second = SignedRpc.call("DescribeImages", REGION).send();
    SignedRpc.Reply third = SignedRpc.call("DescribeImages", REGION).send();

    assertThat(second.status()).isEqualTo(200);
    assertThat(second.header("X-RateLimit-User-API")).startsWith("Remain:0,TimeLeft:");
    assertThat(third.status()).isEqualTo(400);
    assertThat(third.code()).isEqualTo("Throttling.User");
    assertThat(SignedRpc.call("DescribeImages", "cn-shanghai").send().status())
        .as("another region has its own budget")
        .isEqualTo(200);
  }

  @Test
  @DisplayName(
      "Same ClientToken with other parameters: the code is a setting among those ECS documents"
          + " (IdempotentParameterMismatch, IdempotenceParamNotMatch, InvalidParamter.Conflict)")
  void idempotencyMismatchCode() throws Exception {
    Control.ok("POST", "/config", "{\"idempotencyMismatchCode\":\"IdempotenceParamNotMatch\"}");
    createImage("token-image", Map.of("ClientToken", "conf-token-1"));

    SignedRpc.Reply other =
        SignedRpc.call("CreateImage", REGION)
            .with("InstanceId", INSTANCE)
            .with("ImageName", "other-name")
            .with("ClientToken", "conf-token-1")
            .send();

    assertThat(other.status()).isEqualTo(400);
    assertThat(other.code()).isEqualTo("IdempotenceParamNotMatch");
    assertThat(Control.send("POST", "/config", "{\"idempotencyMismatchCode\":\"Nope\"}").status())
        .isEqualTo(400);
  }

  @Test
  @DisplayName(
      "A ClientToken whose first request is still in flight: 403 LastTokenProcessing or, as set,"
          + " IdempotentProcessing")
  void tokenInFlightCode() throws Exception {
    Control.ok("POST", "/config", "{\"tokenInFlightCode\":\"IdempotentProcessing\"}");
    Control.ok(
        "POST",
        "/faults",
        "{\"action\":\"CreateImage\",\"kind\":\"LOST_RESPONSE_AFTER_COMMIT\",\"delayMillis\":5000}");
    SignedRpc first =
        SignedRpc.call("CreateImage", REGION)
            .with("InstanceId", INSTANCE)
            .with("ImageName", "slow-image")
            .with("ClientToken", "conf-token-2")
            .timeout(Duration.ofMillis(300));
    assertThatThrownBy(first::send).isInstanceOf(HttpTimeoutException.class);

    SignedRpc.Reply again =
        SignedRpc.call("CreateImage", REGION)
            .with("InstanceId", INSTANCE)
            .with("ImageName", "slow-image")
            .with("ClientToken", "conf-token-2")
            .send();

    assertThat(again.status()).isEqualTo(403);
    assertThat(again.code()).isEqualTo("IdempotentProcessing");
  }

  @Test
  @DisplayName(
      "DeleteImage of an unknown id: 200 (current DeleteImage page) or, as set, 404"
          + " InvalidImageId.NotFound (the same page's error table)")
  void deleteUnknownVariant() throws Exception {
    SignedRpc.Reply ignored =
        SignedRpc.call("DeleteImage", REGION).with("ImageId", "m-conformance0").send();
    Control.ok("POST", "/config", "{\"deleteUnknownImageFails\":true}");
    SignedRpc.Reply refused =
        SignedRpc.call("DeleteImage", REGION).with("ImageId", "m-conformance0").send();

    assertThat(ignored.status()).isEqualTo(200);
    assertThat(refused.status()).isEqualTo(404);
    assertThat(refused.code()).isEqualTo("InvalidImageId.NotFound");
  }

  @Test
  @DisplayName(
      "An image stuck in Creating, with the older DeleteImage behaviour set: 403 ImageIsCreating")
  void imageStuckInCreatingRefusesDelete() throws Exception {
    Control.ok("POST", "/config", "{\"deleteCreatingImageFails\":true}");
    Control.ok(
        "POST",
        "/faults",
        "{\"action\":\"CreateImage\",\"kind\":\"STUCK_IN_CREATING\",\"amount\":30}");
    String image = createImage("stuck-for-good", Map.of());

    SignedRpc.Reply delete = SignedRpc.call("DeleteImage", REGION).with("ImageId", image).send();

    assertThat(delete.status()).isEqualTo(403);
    assertThat(delete.code()).isEqualTo("ImageIsCreating");
    assertThat(Control.ok("GET", "/images", null).get(0).path("status").asText())
        .isEqualTo("Creating");
  }

  @Test
  @DisplayName("GET /config shows the settings; an unknown setting or a wrong kind of value is 400")
  void settingsAreShownAndCheckedField() throws Exception {
    assertThat(Control.ok("GET", "/config", null).path("rateLimits").size()).isZero();

    Control.Answer unknown = Control.send("POST", "/config", "{\"rateLimit\":5}");
    Control.Answer wrongKind = Control.send("POST", "/config", "{\"clampPageSize\":\"yes\"}");

    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().path("error").asText()).contains("rateLimit");
    assertThat(wrongKind.status()).isEqualTo(400);
    assertThat(wrongKind.body().path("error").asText()).contains("clampPageSize");
  }

  @Test
  @DisplayName(
      "POST /reset goes back to the seeded state (i-local0001, settings as started);"
          + " POST /reset?empty=true empties the world")
  void resetGoesBackToTheSeededState() throws Exception {
    Control.ok("POST", "/config", "{\"rateLimits\":{\"DescribeInstances\":1}}");
    createImage("before-reset", Map.of());

    Control.ok("POST", "/reset", null);
    assertThat(instances()).contains(INSTANCE);
    assertThat(instances()).as("no limit any more").contains(INSTANCE);
    assertThat(Control.ok("GET", "/images", null)).isEmpty();

    Control.ok("POST", "/reset?empty=true", null);
    assertThat(instances()).doesNotContain(INSTANCE);
  }

  private static String instances() throws Exception {
    return SignedRpc.call("DescribeInstances", REGION)
        .with("InstanceIds", "[\"" + INSTANCE + "\"]")
        .send()
        .body();
  }

  @Test
  @DisplayName(
      "Seeding over the control API: an image, sharing it (DeleteImage 403 ImageUseShared),"
          + " an encrypted snapshot (CreateImage 400 OperationDenied), locks, instance status")
  void seedingParity() throws Exception {
    String image =
        Control.ok("POST", "/images", "{\"name\":\"seeded-image\",\"tags\":{\"team\":\"x\"}}")
            .path("imageId")
            .asText();
    assertThat(listed(Map.of("Tag.1.Key", "team"))).containsExactly(image);

    Control.ok("POST", "/images/share", "{\"imageId\":\"" + image + "\",\"shared\":true}");
    assertThat(SignedRpc.call("DeleteImage", REGION).with("ImageId", image).send().code())
        .isEqualTo("ImageUseShared");

    Control.ok("POST", "/snapshots", "{\"snapshotId\":\"s-secret\",\"sizeGiB\":40}");
    Control.ok("POST", "/snapshots/encrypt", "{\"snapshotId\":\"s-secret\"}");
    SignedRpc.Reply encrypted =
        SignedRpc.call("CreateImage", REGION)
            .with("SnapshotId", "s-secret")
            .with("ImageName", "from-secret")
            .send();
    assertThat(encrypted.status()).isEqualTo(400);
    assertThat(encrypted.code()).isEqualTo("OperationDenied");

    Control.ok("POST", "/instances/lock", "{\"instanceId\":\"" + INSTANCE + "\"}");
    assertThat(createAnswer().code()).isEqualTo("InstanceLockedForSecurity");
    Control.ok("POST", "/instances/unlock", "{\"instanceId\":\"" + INSTANCE + "\"}");
    assertThat(createAnswer().status()).isEqualTo(200);

    Control.ok(
        "POST",
        "/instances/status",
        "{\"instanceId\":\"" + INSTANCE + "\",\"status\":\"Stopped\"}");
    assertThat(Control.ok("GET", "/instances?instanceId=" + INSTANCE, null).path("status").asText())
        .isEqualTo("Stopped");
    assertThat(Control.ok("GET", "/faults?action=CreateImage", null).path("pending").asInt())
        .isZero();
    assertThat(
            Control.ok("GET", "/counters/times?action=CreateImage&outcome=OK", null)
                .path("count")
                .asInt())
        .isEqualTo(1);
  }

  private static SignedRpc.Reply createAnswer() throws Exception {
    return SignedRpc.call("CreateImage", REGION)
        .with("InstanceId", INSTANCE)
        .with("ImageName", "after-unlock")
        .send();
  }
}
