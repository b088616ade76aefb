package com.ecsimagesaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ErrorType;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.HttpResponse;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/** The real Alibaba SDK pointed at a simulator, plus assertions on how it surfaces ECS errors. */
final class SdkClients {
  static final String REGION = "cn-hangzhou";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SdkClients() {}

  /** A client with the simulator's own key pair. */
  static DefaultAcsClient client(EcsSimulator sim) {
    return client(sim, sim.config().accessKeyId(), sim.config().accessKeySecret());
  }

  /** A client with any key pair, talking plain HTTP to the simulator. */
  static DefaultAcsClient client(EcsSimulator sim, String keyId, String secret) {
    DefaultProfile profile = DefaultProfile.getProfile(REGION, keyId, secret);
    DefaultProfile.addEndpoint(REGION, "Ecs", sim.endpoint());
    profile.getHttpClientConfig().setProtocolType(ProtocolType.HTTP);
    return new DefaultAcsClient(profile);
  }

  /**
   * A CommonRequest for an ECS action, the SDK's way to read fields it does not map (e.g. Usable).
   */
  static CommonRequest common(EcsSimulator sim, String action) {
    CommonRequest request = new CommonRequest();
    request.setSysDomain(sim.endpoint());
    request.setSysProtocol(ProtocolType.HTTP);
    request.setSysVersion("2014-05-26");
    request.setSysAction(action);
    request.setSysMethod(MethodType.POST);
    request.putQueryParameter("RegionId", REGION);
    return request;
  }

  /** Runs a CommonRequest and parses the JSON answer. */
  static JsonNode commonJson(DefaultAcsClient client, CommonRequest request) throws Exception {
    return JSON.readTree(client.getCommonResponse(request).getData());
  }

  /**
   * Sends {@code request} twice: once raw to check the HTTP status and error document, once through
   * the typed API to check what the SDK throws. Returns the thrown exception for further checks.
   */
  static <T extends AcsResponse> ClientException rejects(
      DefaultAcsClient client, AcsRequest<T> request, int status, String code) throws Exception {
    HttpResponse raw = client.doAction(request);
    assertThat(raw.getStatus()).as("HTTP status").isEqualTo(status);
    JsonNode body = JSON.readTree(new String(raw.getHttpContent(), StandardCharsets.UTF_8));
    assertThat(body.path("Code").asText()).isEqualTo(code);
    assertThat(body.path("HostId").asText()).isEqualTo("ecs.aliyuncs.com");
    assertThat(body.path("RequestId").asText()).matches("[0-9A-F-]{36}");
    assertThat(body.path("Recommend").asText()).isNotEmpty();
    return thrown(client, request, status, code);
  }

  /**
   * Sends {@code request} once through the typed API and checks exception type, error type and
   * code.
   */
  static <T extends AcsResponse> ClientException thrown(
      DefaultAcsClient client, AcsRequest<T> request, int status, String code) {
    ClientException e =
        catchThrowableOfType(ClientException.class, () -> client.getAcsResponse(request));
    assertThat(e).as("SDK exception for " + code).isNotNull();
    assertThat(e.getErrCode()).isEqualTo(code);
    if (status >= 500) {
      assertThat(e).isInstanceOf(ServerException.class);
      assertThat(e.getErrorType()).isEqualTo(ErrorType.Server);
    } else {
      assertThat(e).isNotInstanceOf(ServerException.class);
      assertThat(e.getErrorType()).isEqualTo(ErrorType.Client);
    }
    return e;
  }
}
