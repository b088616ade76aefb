package com.ecsimagesaga.simulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** ModifyImageSharePermission and DescribeImageSharePermission, called as a client would. */
class ImageShareConformanceTest extends ConformanceSupport {

  static String image() throws Exception {
    return Control.ok("POST", "/images", "{\"regionId\":\"" + REGION + "\",\"name\":\"golden\"}")
        .path("imageId")
        .asText();
  }

  static SignedRpc modify(String imageId) {
    return SignedRpc.call("ModifyImageSharePermission", REGION).with("ImageId", imageId);
  }

  static JsonNode describeShares(String imageId) throws Exception {
    SignedRpc.Reply reply =
        SignedRpc.call("DescribeImageSharePermission", REGION).with("ImageId", imageId).send();
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  static List<String> accounts(JsonNode answer) {
    List<String> ids = new ArrayList<>();
    answer.path("Accounts").path("Account").forEach(a -> ids.add(a.path("AliyunId").asText()));
    return ids;
  }

  @Test
  @DisplayName(
      "AddAccount.N shares, RemoveAccount.N unshares; DescribeImageSharePermission lists"
          + " Accounts.Account[].AliyunId with TotalCount and an empty ShareGroups"
          + " (ModifyImageSharePermission, DescribeImageSharePermission pages)")
  void shareAndUnshare() throws Exception {
    String imageId = image();

    SignedRpc.Reply add =
        modify(imageId)
            .with("AddAccount.1", "1234567890")
            .with("AddAccount.2", "2345678901")
            .send();
    JsonNode both = describeShares(imageId);
    SignedRpc.Reply remove = modify(imageId).with("RemoveAccount.1", "1234567890").send();
    JsonNode one = describeShares(imageId);

    assertThat(add.status()).as(add.body()).isEqualTo(200);
    assertThat(accounts(both)).containsExactly("1234567890", "2345678901");
    assertThat(both.path("TotalCount").asInt()).isEqualTo(2);
    assertThat(both.path("ImageId").asText()).isEqualTo(imageId);
    assertThat(both.path("ShareGroups").path("ShareGroup").isArray()).isTrue();
    assertThat(both.path("Accounts").path("Account").get(0).path("SharedTime").asText())
        .endsWith("Z");
    assertThat(remove.status()).isEqualTo(200);
    assertThat(accounts(one)).containsExactly("2345678901");
  }

  @Test
  @DisplayName(
      "A shared image cannot be deleted: 403 ImageUseShared until every account is removed"
          + " (DeleteImage error codes)")
  void sharedImageIsNotDeleted() throws Exception {
    String imageId = image();
    modify(imageId).with("AddAccount.1", "1234567890").send();

    SignedRpc.Reply refused = SignedRpc.call("DeleteImage", REGION).with("ImageId", imageId).send();
    modify(imageId).with("RemoveAccount.1", "1234567890").send();
    SignedRpc.Reply deleted = SignedRpc.call("DeleteImage", REGION).with("ImageId", imageId).send();

    assertThat(refused.status() + " " + refused.code()).isEqualTo("403 ImageUseShared");
    assertThat(deleted.status()).isEqualTo(200);
  }

  @Test
  @DisplayName(
      "Only the first 10 of AddAccount.N are processed, the rest are ignored"
          + " (ModifyImageSharePermission AddAccount.N)")
  void tenAccountsPerCall() throws Exception {
    String imageId = image();
    SignedRpc call = modify(imageId);
    for (int i = 1; i <= 12; i++) {
      call.with("AddAccount." + i, String.valueOf(1000000000L + i));
    }

    call.send();

    assertThat(describeShares(imageId).path("TotalCount").asInt()).isEqualTo(10);
  }

  @Test
  @DisplayName(
      "Refusals: an unknown image 404 InvalidImageId.NotFound for both actions, an account id"
          + " that is not a number 400 InvalidAccount.Malformed, an image not Available 403"
          + " IncorrectImageStatus")
  void refusals() throws Exception {
    Control.ok("POST", "/config", "{\"creatingMillis\":60000000}");
    String creating = createImage("still-creating", java.util.Map.of());
    String imageId = image();

    SignedRpc.Reply unknown = modify("m-doesnotexist0000000").with("AddAccount.1", "1").send();
    SignedRpc.Reply unknownDescribe =
        SignedRpc.call("DescribeImageSharePermission", REGION)
            .with("ImageId", "m-doesnotexist0000000")
            .send();
    SignedRpc.Reply malformed = modify(imageId).with("AddAccount.1", "alice").send();
    SignedRpc.Reply notReady = modify(creating).with("AddAccount.1", "1234567890").send();

    assertThat(unknown.status() + " " + unknown.code()).isEqualTo("404 InvalidImageId.NotFound");
    assertThat(unknownDescribe.status() + " " + unknownDescribe.code())
        .isEqualTo("404 InvalidImageId.NotFound");
    assertThat(malformed.status() + " " + malformed.code())
        .isEqualTo("400 InvalidAccount.Malformed");
    assertThat(notReady.status() + " " + notReady.code()).isEqualTo("403 IncorrectImageStatus");
    assertThat(accounts(describeShares(imageId))).isEmpty();
  }
}
