package com.ecsimagesaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.aliyuncs.ecs.model.v20140526.CreateImageRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesRequest;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Answer faults and lost responses, as the SDK surfaces them. */
class SimFaultInjectionTest extends SimulatorFixture {

  @BeforeEach
  void seed() {
    sim.world().seedInstance(REGION, "i-f", InstanceStatus.Running);
  }

  @Test
  void droppedResponseAfterCommitThenRetryWithSameTokenReturnsTheSameImage() throws Exception {
    sim.faults().next("CreateImage", 1, Fault.lostResponseAfterCommit());
    CreateImageRequest request = SimClientTokenTest.request("saga-42-create", "img-lost");
    request.setInstanceId("i-f");

    ClientException lost = SdkClients.thrown(client, request, 400, "SDK.ServerUnreachable");
    assertThat(lost).isNotInstanceOf(ServerException.class);
    assertThat(sim.world().imageCount(REGION)).isEqualTo(1);
    String committed = sim.world().images(REGION).get(0).imageId();

    String retried = client.getAcsResponse(request).getImageId();

    assertThat(retried).isEqualTo(committed);
    assertThat(sim.world().imageCount(REGION)).isEqualTo(1);
    assertThat(sim.counters().count("CreateImage", CallCounters.LOST_RESPONSE)).isEqualTo(1);
    assertThat(sim.counters().count("CreateImage", "OK")).isEqualTo(1);
  }

  @Test
  void delayedResponseTimesOutThenTokenIsInFlightThenReturnsTheSameImage() throws Exception {
    sim.faults().next("CreateImage", 1, Fault.lostResponseAfterCommit(Duration.ofMillis(1500)));
    CreateImageRequest request = SimClientTokenTest.request("saga-43-create", "img-late");
    request.setInstanceId("i-f");
    request.setSysReadTimeout(300);

    SdkClients.thrown(client, request, 400, "SDK.ReadTimeout");
    SdkClients.thrown(client, request, 403, "LastTokenProcessing");

    String imageId =
        await()
            .atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(100))
            .ignoreExceptions()
            .until(() -> client.getAcsResponse(request).getImageId(), id -> id != null);
    assertThat(imageId).isEqualTo(sim.world().images(REGION).get(0).imageId());
    assertThat(sim.world().imageCount(REGION)).isEqualTo(1);
  }

  @Test
  void throttlingCarriesTheRateLimitHeader() throws Exception {
    sim.faults().next("DescribeImages", 2, Fault.throttling(Duration.ofMillis(1500)));

    HttpResponse raw = client.doAction(new DescribeImagesRequest());
    SdkClients.thrown(client, new DescribeImagesRequest(), 400, "Throttling.User");

    assertThat(raw.getStatus()).isEqualTo(400);
    assertThat(raw.getHeaderValue("X-RateLimit-User-API")).isEqualTo("Remain:0,TimeLeft:1500");
    assertThat(client.getAcsResponse(new DescribeImagesRequest()).getImages()).isEmpty();
  }

  @Test
  void sdkThrottlingControlHonoursTheRateLimitHeader() throws Exception {
    client.setSysRetryPolicy(com.aliyuncs.policy.retry.RetryPolicy.defaultRetryPolicy(true));
    sim.faults().next("DescribeImages", 1, Fault.throttling(Duration.ofMillis(700)));
    SdkClients.thrown(client, new DescribeImagesRequest(), 400, "Throttling.User");

    long start = System.nanoTime();
    client.getAcsResponse(new DescribeImagesRequest());

    // The SDK reads X-RateLimit-User-API case-sensitively and holds the next call back for TimeLeft
    // + 100 ms.
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(700));
  }

  @Test
  void internalErrorIsServerExceptionWith500() throws Exception {
    sim.faults().next("DescribeImages", 2, Fault.internalError());

    SdkClients.rejects(client, new DescribeImagesRequest(), 500, "InternalError");
  }

  @Test
  void serviceUnavailableIsServerExceptionWith503() throws Exception {
    sim.faults().next("DescribeImages", 2, Fault.serviceUnavailable());

    SdkClients.rejects(client, new DescribeImagesRequest(), 503, "ServiceUnavailable");
  }

  @Test
  void operationConflictIsClientExceptionWith409() throws Exception {
    sim.faults().next("CreateImage", 2, Fault.operationConflict());
    CreateImageRequest request = new CreateImageRequest();
    request.setInstanceId("i-f");

    SdkClients.rejects(client, request, 409, "OperationConflict");
    assertThat(sim.world().imageCount(REGION)).isZero();
  }

  @Test
  void badGatewayHtmlIsClientExceptionWithoutCode() throws Exception {
    sim.faults().next("DescribeImages", 2, Fault.badGatewayHtml());

    HttpResponse raw = client.doAction(new DescribeImagesRequest());
    ClientException e =
        catchThrowableOfType(
            ClientException.class, () -> client.getAcsResponse(new DescribeImagesRequest()));

    assertThat(raw.getStatus()).isEqualTo(502);
    assertThat(e).isNotInstanceOf(ServerException.class);
    assertThat(e.getErrCode()).isNull();
    assertThat(raw.getHeaderValue("Content-Type")).isEqualTo("text/html");
    assertThat(new String(raw.getHttpContent(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("502 Bad Gateway");
    assertThat(e.getMessage()).contains("bad format");
    assertThat(sim.counters().count("DescribeImages", "BadGateway")).isEqualTo(2);
  }

  @Test
  void emptyBody200IsClientExceptionWithoutCodeAndExecutesNothing() throws Exception {
    sim.faults().next("CreateImage", 1, Fault.emptyBody200());

    ClientException e =
        catchThrowableOfType(
            ClientException.class, () -> client.getAcsResponse(Requests.fromInstance("i-f")));

    assertThat(e).isNotInstanceOf(ServerException.class);
    assertThat(e.getErrCode()).isNull();
    assertThat(sim.world().imageCount(REGION)).isZero();
    assertThat(sim.counters().count("CreateImage", "EmptyBody")).isEqualTo(1);
  }

  @Test
  void arbitraryErrorFaultAnswersWithItsStatusAndCode() throws Exception {
    sim.faults().next("CreateImage", 2, Fault.error(400, "IncorrectInstanceStatus", "busy"));
    CreateImageRequest request = new CreateImageRequest();
    request.setInstanceId("i-f");

    SdkClients.rejects(client, request, 400, "IncorrectInstanceStatus");
    assertThat(client.getAcsResponse(request).getImageId()).startsWith("m-");
  }

  @Test
  void probabilisticFaultHitsEveryCallAtProbabilityOneUntilCleared() throws Exception {
    sim.faults().probability("DescribeImages", 1.0, Fault.serviceUnavailable());

    SdkClients.thrown(client, new DescribeImagesRequest(), 503, "ServiceUnavailable");
    SdkClients.thrown(client, new DescribeImagesRequest(), 503, "ServiceUnavailable");
    sim.faults().clear();

    assertThat(client.getAcsResponse(new DescribeImagesRequest()).getImages()).isEmpty();
    assertThat(sim.counters().count("DescribeImages", "ServiceUnavailable")).isEqualTo(2);
  }
}
