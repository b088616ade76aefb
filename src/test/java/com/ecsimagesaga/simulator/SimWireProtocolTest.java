package com.ecsimagesaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.CommonRequest;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesResponse;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.HttpResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Signature, version, action routing and response format as ECS implements them. */
class SimWireProtocolTest extends SimulatorFixture {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void signedSdkRequestIsAcceptedAndAnsweredWithJsonAndUppercaseRequestId() throws Exception {
    DescribeImagesResponse response = client.getAcsResponse(new DescribeImagesRequest());

    assertThat(response.getRequestId())
        .matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
    assertThat(response.getImages()).isEmpty();
    assertThat(response.getPageSize()).isEqualTo(10);
    assertThat(sim.counters().count("DescribeImages", "OK")).isEqualTo(1);
  }

  @Test
  void badSecretIsRejectedWithSignatureDoesNotMatch() throws Exception {
    DefaultAcsClient wrong = SdkClients.client(sim, sim.config().accessKeyId(), "not-the-secret");

    HttpResponse raw = wrong.doAction(new DescribeImagesRequest());
    JsonNode body = JSON.readTree(raw.getHttpContent());
    // ECS puts its string-to-sign into the message; when it equals the client's, the SDK concludes
    // the
    // secret is wrong and renames the code. The simulator answers exactly like ECS, so the same
    // happens.
    ClientException e =
        SdkClients.thrown(wrong, new DescribeImagesRequest(), 400, "SDK.InvalidAccessKeySecret");

    assertThat(raw.getStatus()).isEqualTo(400);
    assertThat(body.path("Code").asText()).isEqualTo("SignatureDoesNotMatch");
    assertThat(body.path("Message").asText()).contains("server string to sign is:POST&%2F&");
    assertThat(e.getErrorType()).isEqualTo(com.aliyuncs.exceptions.ErrorType.Client);
    assertThat(sim.counters().count("DescribeImages", "SignatureDoesNotMatch")).isEqualTo(2);
  }

  @Test
  void signatureOverOtherParametersIsSignatureDoesNotMatch() throws Exception {
    java.net.http.HttpResponse<String> response =
        new RawEcsCall(sim, "DescribeImages").signed("POST").with("PageSize", "50").postQuery();

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("Code").asText())
        .isEqualTo("SignatureDoesNotMatch");
  }

  @Test
  void unknownAccessKeyIdIsRejectedWith404() throws Exception {
    DefaultAcsClient stranger =
        SdkClients.client(sim, "someone-else", sim.config().accessKeySecret());

    SdkClients.rejects(stranger, new DescribeImagesRequest(), 404, "InvalidAccessKeyId.NotFound");
  }

  @Test
  void missingSignatureIsIncompleteSignature() throws Exception {
    java.net.http.HttpResponse<String> response = new RawEcsCall(sim, "DescribeImages").postQuery();

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("Code").asText())
        .isEqualTo("IncompleteSignature");
  }

  @Test
  void replayedNonceIsRejectedWithSignatureNonceUsed() throws Exception {
    RawEcsCall call = new RawEcsCall(sim, "DescribeImages").signed("POST");

    assertThat(call.postQuery().statusCode()).isEqualTo(200);
    java.net.http.HttpResponse<String> replay = call.postQuery();

    assertThat(replay.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(replay.body()).path("Code").asText()).isEqualTo("SignatureNonceUsed");
  }

  @Test
  void timestampOutsideToleranceIsIllegalTimestamp() throws Exception {
    clock.advance(Duration.ofMinutes(16));

    SdkClients.rejects(client, new DescribeImagesRequest(), 400, "IllegalTimestamp");
  }

  @Test
  void formBodyAndGetAreAcceptedWithTheirOwnMethodInTheSignature() throws Exception {
    java.net.http.HttpResponse<String> form =
        new RawEcsCall(sim, "DescribeImages").signed("POST").postForm();
    java.net.http.HttpResponse<String> get =
        new RawEcsCall(sim, "DescribeImages").signed("GET").get();
    java.net.http.HttpResponse<String> wrongMethod =
        new RawEcsCall(sim, "DescribeImages").signed("GET").postQuery();

    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.headers().firstValue("Content-Type"))
        .contains("application/json;charset=utf-8");
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(wrongMethod.statusCode()).isEqualTo(400);
  }

  @Test
  void unknownActionIsInvalidActionNotFound() throws Exception {
    CommonRequest request = SdkClients.common(sim, "LaunchRocket");

    ClientException e = catchCommon(request);

    assertThat(e.getErrCode()).isEqualTo("InvalidAction.NotFound");
    assertThat(new RawEcsCall(sim, "LaunchRocket").signed("POST").postQuery().statusCode())
        .isEqualTo(404);
  }

  @Test
  void otherVersionIsInvalidVersion() throws Exception {
    CommonRequest request = SdkClients.common(sim, "DescribeImages");
    request.setSysVersion("2016-03-14");

    assertThat(catchCommon(request).getErrCode()).isEqualTo("InvalidVersion");
    java.net.http.HttpResponse<String> raw =
        new RawEcsCall(sim, "DescribeImages")
            .with("Version", "2016-03-14")
            .signed("POST")
            .postQuery();
    assertThat(raw.statusCode()).isEqualTo(400);
  }

  @Test
  void emptyAndSingleElementArraysAreWrapped() throws Exception {
    java.net.http.HttpResponse<String> empty =
        new RawEcsCall(sim, "DescribeImages").signed("POST").postQuery();
    sim.world().seedInstance(REGION, "i-one", InstanceStatus.Running);
    java.net.http.HttpResponse<String> one =
        new RawEcsCall(sim, "DescribeInstances").signed("POST").postQuery();

    JsonNode images = JSON.readTree(empty.body()).path("Images");
    JsonNode instances = JSON.readTree(one.body()).path("Instances");
    assertThat(images.path("Image").isArray()).isTrue();
    assertThat(images.path("Image")).isEmpty();
    assertThat(instances.path("Instance").isArray()).isTrue();
    assertThat(instances.path("Instance")).hasSize(1);
    assertThat(
            instances.path("Instance").get(0).path("OperationLocks").path("LockReason").isArray())
        .isTrue();
  }

  private ClientException catchCommon(CommonRequest request) {
    try {
      client.getCommonResponse(request);
    } catch (ClientException e) {
      return e;
    }
    throw new AssertionError("expected an error");
  }
}
