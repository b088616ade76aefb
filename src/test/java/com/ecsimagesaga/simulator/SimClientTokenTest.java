package com.ecsimagesaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.ecs.model.v20140526.CreateImageRequest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ClientToken idempotency of CreateImage (reference section 6.4). */
class SimClientTokenTest extends SimulatorFixture {

  @BeforeEach
  void seed() {
    sim.world().seedInstance(REGION, "i-tok", InstanceStatus.Stopped);
  }

  @Test
  void sameTokenAndSameParametersReturnTheSameImageWithoutCreatingAnother() throws Exception {
    String first = client.getAcsResponse(request("tok-1", "img-a")).getImageId();
    clock.advance(Duration.ofMinutes(2));

    String second = client.getAcsResponse(request("tok-1", "img-a")).getImageId();

    assertThat(second).isEqualTo(first);
    assertThat(sim.world().imageCount(REGION)).isEqualTo(1);
    assertThat(sim.world().images(REGION).get(0).clientToken()).isEqualTo("tok-1");
  }

  @Test
  void tokenIsForgottenAfterTheRetentionWindow() throws Exception {
    sim.close();
    sim =
        EcsSimulator.start(
            SimulatorConfig.builder()
                .clock(clock)
                .controlPort(-1)
                .clientTokenRetention(Duration.ofMinutes(5))
                .build());
    client = SdkClients.client(sim);
    sim.world().seedInstance(REGION, "i-tok", InstanceStatus.Stopped);
    String first = client.getAcsResponse(request("tok-r", null)).getImageId();
    clock.advance(Duration.ofMinutes(4));
    assertThat(client.getAcsResponse(request("tok-r", null)).getImageId()).isEqualTo(first);

    clock.advance(Duration.ofMinutes(2));

    assertThat(client.getAcsResponse(request("tok-r", null)).getImageId()).isNotEqualTo(first);
    assertThat(sim.world().imageCount(REGION)).isEqualTo(2);
  }

  @Test
  void sameTokenWithOtherParametersIsIdempotentParameterMismatch() throws Exception {
    client.getAcsResponse(request("tok-2", "img-a"));

    SdkClients.rejects(client, request("tok-2", "img-b"), 400, "IdempotentParameterMismatch");
    assertThat(sim.world().imageCount(REGION)).isEqualTo(1);
  }

  @Test
  void withoutTokenEveryCallCreatesAnImage() throws Exception {
    client.getAcsResponse(request(null, null));
    client.getAcsResponse(request(null, null));

    assertThat(sim.world().imageCount(REGION)).isEqualTo(2);
  }

  @Test
  void tokenLongerThan64CharactersIsInvalidParameter() throws Exception {
    SdkClients.rejects(client, request("x".repeat(65), "img-a"), 400, "InvalidParameter");
    assertThat(sim.world().imageCount(REGION)).isZero();
  }

  @Test
  void tokenWhoseFirstCallFailedOnTheServerIsIdempotentFailed() throws Exception {
    sim.faults().next("CreateImage", 1, Fault.internalErrorTokenFailed());
    SdkClients.thrown(client, request("tok-3", "img-a"), 500, "InternalError");

    SdkClients.rejects(client, request("tok-3", "img-a"), 400, "IdempotentFailed");
    assertThat(client.getAcsResponse(request("tok-4", "img-a")).getImageId()).startsWith("m-");
  }

  @Test
  void plainInternalErrorLeavesTheTokenUsableForRetry() throws Exception {
    sim.faults().next("CreateImage", 1, Fault.internalError());
    SdkClients.thrown(client, request("tok-5", "img-a"), 500, "InternalError");

    assertThat(client.getAcsResponse(request("tok-5", "img-a")).getImageId()).startsWith("m-");
    assertThat(sim.world().imageCount(REGION)).isEqualTo(1);
  }

  @Test
  void failedBusinessCheckDoesNotConsumeTheToken() throws Exception {
    sim.world().setInstanceStatus(REGION, "i-tok", InstanceStatus.Stopping);
    SdkClients.thrown(client, request("tok-6", "img-a"), 400, "IncorrectInstanceStatus");
    sim.world().setInstanceStatus(REGION, "i-tok", InstanceStatus.Stopped);

    assertThat(client.getAcsResponse(request("tok-6", "img-a")).getImageId()).startsWith("m-");
  }

  @Test
  void mismatchCodeIsConfigurable() throws Exception {
    sim.close();
    sim =
        EcsSimulator.start(
            SimulatorConfig.builder()
                .clock(clock)
                .controlPort(-1)
                .idempotencyMismatchCode("InvalidParamter.Conflict")
                .build());
    client = SdkClients.client(sim);
    sim.world().seedInstance(REGION, "i-tok", InstanceStatus.Stopped);
    client.getAcsResponse(request("tok-7", "img-a"));

    SdkClients.rejects(client, request("tok-7", "img-c"), 403, "InvalidParamter.Conflict");
  }

  static CreateImageRequest request(String token, String name) {
    CreateImageRequest request = new CreateImageRequest();
    request.setInstanceId("i-tok");
    request.setImageName(name);
    request.setClientToken(token);
    return request;
  }
}
