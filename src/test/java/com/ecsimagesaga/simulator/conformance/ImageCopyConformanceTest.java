package com.ecsimagesaga.simulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CopyImage and CancelCopyImage, called as a client would. */
class ImageCopyConformanceTest extends ConformanceSupport {
  static final String DESTINATION = "cn-shanghai";

  /** An Available image in the source region, seeded over the control API; its id. */
  static String sourceImage(String name) throws Exception {
    return Control.ok(
            "POST", "/images", "{\"regionId\":\"" + REGION + "\",\"name\":\"" + name + "\"}")
        .path("imageId")
        .asText();
  }

  static SignedRpc copy(String imageId) {
    return SignedRpc.call("CopyImage", REGION)
        .with("ImageId", imageId)
        .with("DestinationRegionId", DESTINATION);
  }

  /** The image as DescribeImages in the destination region shows it (every status), or null. */
  static JsonNode inDestination(String imageId) throws Exception {
    JsonNode images =
        SignedRpc.call("DescribeImages", DESTINATION)
            .with("ImageId", imageId)
            .with("Status", "ALL")
            .send()
            .json()
            .path("Images")
            .path("Image");
    return images.isEmpty() ? null : images.get(0);
  }

  static List<String> destinationIds(String... filters) throws Exception {
    SignedRpc call = SignedRpc.call("DescribeImages", DESTINATION);
    for (int i = 0; i < filters.length; i += 2) {
      call.with(filters[i], filters[i + 1]);
    }
    return call.send().imageIds();
  }

  @Test
  @DisplayName(
      "CopyImage answers the copy's ImageId at once; the copy is listed in the destination region"
          + " as Creating with a Progress, then Available, IsCopied, with the tags of Tag.N"
          + " (CopyImage page; CopyImageRequest.Tag)")
  void copyProgressesInTheDestinationWithItsTags() throws Exception {
    Control.ok("POST", "/config", "{\"creatingMillis\":1500000}");
    String source = sourceImage("golden");

    SignedRpc.Reply reply =
        copy(source)
            .with("DestinationImageName", "golden-sh")
            .with("DestinationDescription", "golden copy")
            .with("Tag.1.Key", "ecs-image-saga:saga-id")
            .with("Tag.1.Value", "s-1")
            .send();

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    String copyId = reply.json().path("ImageId").asText();
    assertThat(copyId).startsWith("m-").isNotEqualTo(source);
    JsonNode early = inDestination(copyId);
    assertThat(early.path("Status").asText()).isIn("Waiting", "Creating");
    assertThat(early.path("Progress").asText()).endsWith("%");
    assertThat(early.path("ImageName").asText()).isEqualTo("golden-sh");
    assertThat(early.path("IsCopied").asBoolean()).isTrue();
    assertThat(destinationIds("Status", "Creating,Waiting", "Tag.1.Key", "ecs-image-saga:saga-id"))
        .containsExactly(copyId);
    assertThat(SignedRpc.call("DescribeImages", REGION).with("ImageId", copyId).send().imageIds())
        .isEmpty();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "Available".equals(inDestination(copyId).path("Status").asText()));
    assertThat(
            destinationIds(
                "Tag.1.Key", "ecs-image-saga:saga-id", "Tag.1.Value", "s-1", "Status", "Available"))
        .containsExactly(copyId);
    assertThat(inDestination(copyId).path("Progress").asText()).isEqualTo("100%");
  }

  @Test
  @DisplayName(
      "The same ClientToken with the same parameters answers the same copy, also after a lost"
          + " answer; with other parameters 400 IdempotentParameterMismatch (How to ensure"
          + " idempotence; CopyImage ClientToken)")
  void clientTokenMakesOneCopy() throws Exception {
    String source = sourceImage("golden");
    Control.ok(
        "POST",
        "/faults",
        "{\"action\":\"CopyImage\",\"kind\":\"LOST_RESPONSE_AFTER_COMMIT\",\"count\":1}");
    assertThatThrownBy(() -> copy(source).with("ClientToken", "copy-token-1").send())
        .isInstanceOf(java.io.IOException.class);

    SignedRpc.Reply again = copy(source).with("ClientToken", "copy-token-1").send();
    SignedRpc.Reply third = copy(source).with("ClientToken", "copy-token-1").send();
    SignedRpc.Reply other =
        copy(source)
            .with("ClientToken", "copy-token-1")
            .with("DestinationImageName", "other-name")
            .send();

    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(third.json().path("ImageId").asText())
        .isEqualTo(again.json().path("ImageId").asText());
    assertThat(other.status()).isEqualTo(400);
    assertThat(other.code()).isEqualTo("IdempotentParameterMismatch");
    assertThat(Control.ok("GET", "/images?regionId=" + DESTINATION, null)).hasSize(1);
  }

  @Test
  @DisplayName(
      "CopyImage refuses: unknown source 404 InvalidImageId.NotFound, a source not Available 400"
          + " IncorrectImageStatus, unknown destination 400 DestinationRegion.NotFound, the source"
          + " region 403 IncorrectDestinationRegion, KMSKeyId without Encrypted 400"
          + " InvalidParameter.EncryptedIllegal, a full destination 403 QuotaExceed.Image"
          + " (CopyImage error codes)")
  void copyRefusals() throws Exception {
    String source = sourceImage("golden");
    Control.ok("POST", "/config", "{\"creatingMillis\":60000000}");
    String creating = createImage("still-creating", java.util.Map.of());

    List<SignedRpc.Reply> replies = new ArrayList<>();
    replies.add(copy("m-doesnotexist0000000").send());
    replies.add(copy(creating).send());
    replies.add(copy(source).with("DestinationRegionId", "cn-atlantis").send());
    replies.add(copy(source).with("DestinationRegionId", REGION).send());
    replies.add(copy(source).with("KMSKeyId", "key-1").send());
    Control.ok("POST", "/config", "{\"imageQuotaPerRegion\":0}");
    replies.add(copy(source).send());

    List<String> answers = new ArrayList<>();
    for (SignedRpc.Reply r : replies) {
      answers.add(r.status() + " " + r.code());
    }
    assertThat(answers)
        .containsExactly(
            "404 InvalidImageId.NotFound",
            "400 IncorrectImageStatus",
            "400 DestinationRegion.NotFound",
            "403 IncorrectDestinationRegion",
            "400 InvalidParameter.EncryptedIllegal",
            "403 QuotaExceed.Image");
    assertThat(Control.ok("GET", "/images?regionId=" + DESTINATION, null)).isEmpty();
  }

  @Test
  @DisplayName(
      "A destination region set to fail copies (control API failingCopyRegions) makes the copy"
          + " end CreateFailed; a copy elsewhere still succeeds")
  void failingDestination() throws Exception {
    Control.ok("POST", "/config", "{\"failingCopyRegions\":[\"" + DESTINATION + "\"]}");
    String source = sourceImage("golden");
    assertThat(Control.ok("GET", "/config", null).path("failingCopyRegions").get(0).asText())
        .isEqualTo(DESTINATION);

    String failing = copy(source).send().json().path("ImageId").asText();
    String elsewhere =
        copy(source)
            .with("DestinationRegionId", "cn-beijing")
            .send()
            .json()
            .path("ImageId")
            .asText();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "CreateFailed".equals(inDestination(failing).path("Status").asText()));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                SignedRpc.call("DescribeImages", "cn-beijing")
                    .with("ImageId", elsewhere)
                    .send()
                    .imageIds()
                    .contains(elsewhere));
  }

  @Test
  @DisplayName(
      "CancelCopyImage deletes a copy still being made; a finished copy 400 IncorrectImageStatus,"
          + " an image not made by CopyImage 400 ImageCreatedNotFromCopy, an unknown id 404"
          + " (CancelCopyImage page; reference 3.9)")
  void cancelCopy() throws Exception {
    String source = sourceImage("golden");
    String finished = copy(source).send().json().path("ImageId").asText();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "Available".equals(inDestination(finished).path("Status").asText()));
    Control.ok("POST", "/config", "{\"creatingMillis\":60000000}");
    String running = copy(source).send().json().path("ImageId").asText();

    SignedRpc.Reply cancelled =
        SignedRpc.call("CancelCopyImage", DESTINATION).with("ImageId", running).send();
    SignedRpc.Reply done =
        SignedRpc.call("CancelCopyImage", DESTINATION).with("ImageId", finished).send();
    SignedRpc.Reply notACopy =
        SignedRpc.call("CancelCopyImage", REGION).with("ImageId", source).send();
    SignedRpc.Reply again =
        SignedRpc.call("CancelCopyImage", DESTINATION).with("ImageId", running).send();

    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    assertThat(inDestination(running)).isNull();
    assertThat(done.status() + " " + done.code()).isEqualTo("400 IncorrectImageStatus");
    assertThat(notACopy.status() + " " + notACopy.code()).isEqualTo("400 ImageCreatedNotFromCopy");
    assertThat(again.status() + " " + again.code()).isEqualTo("404 InvalidImageId.NotFound");
    assertThat(inDestination(finished).path("Status").asText()).isEqualTo("Available");
  }

  @Test
  @DisplayName(
      "While a copy is being made neither the copy nor its source can be deleted: 403"
          + " OperationDenied.ImageCopying (CopyImage page; DeleteImage error codes)")
  void copyingBlocksDelete() throws Exception {
    String source = sourceImage("golden");
    Control.ok("POST", "/config", "{\"creatingMillis\":60000000}");
    String running = copy(source).send().json().path("ImageId").asText();

    SignedRpc.Reply copyDelete =
        SignedRpc.call("DeleteImage", DESTINATION).with("ImageId", running).send();
    SignedRpc.Reply sourceDelete =
        SignedRpc.call("DeleteImage", REGION).with("ImageId", source).send();
    SignedRpc.call("CancelCopyImage", DESTINATION).with("ImageId", running).send();
    SignedRpc.Reply afterCancel =
        SignedRpc.call("DeleteImage", REGION).with("ImageId", source).send();

    assertThat(copyDelete.status() + " " + copyDelete.code())
        .isEqualTo("403 OperationDenied.ImageCopying");
    assertThat(sourceDelete.status() + " " + sourceDelete.code())
        .isEqualTo("403 OperationDenied.ImageCopying");
    assertThat(afterCancel.status()).isEqualTo(200);
  }

  @Test
  @DisplayName("A reset forgets every copy and its ClientToken")
  void resetForgetsCopies() throws Exception {
    String source = sourceImage("golden");
    String first =
        copy(source).with("ClientToken", "reset-token").send().json().path("ImageId").asText();

    Control.ok("POST", "/reset", null);
    String again =
        copy(sourceImage("golden"))
            .with("ClientToken", "reset-token")
            .send()
            .json()
            .path("ImageId")
            .asText();

    assertThat(Control.ok("GET", "/images?regionId=" + DESTINATION, null)).hasSize(1);
    assertThat(again).isNotEqualTo(first);
  }

  @Test
  @DisplayName(
      "A copy whose answer is delayed keeps its ClientToken in flight: a repeat is 403"
          + " LastTokenProcessing (How to ensure idempotence)")
  void delayedAnswerKeepsTheTokenBusy() throws Exception {
    String source = sourceImage("golden");
    Control.ok(
        "POST",
        "/faults",
        "{\"action\":\"CopyImage\",\"kind\":\"LOST_RESPONSE_AFTER_COMMIT\",\"delayMillis\":5000}");
    assertThatThrownBy(
            () ->
                copy(source)
                    .with("ClientToken", "slow-copy")
                    .timeout(Duration.ofMillis(300))
                    .send())
        .isInstanceOf(HttpTimeoutException.class);

    SignedRpc.Reply again = copy(source).with("ClientToken", "slow-copy").send();

    assertThat(again.status() + " " + again.code()).isEqualTo("403 LastTokenProcessing");
  }
}
