package com.ecsimagesaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.ecs.model.v20140526.DescribeImagesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-action, per-region, per-minute rate limit answering 400 Throttling.User. */
class SimRateLimitTest extends SimulatorFixture {

  @Override
  protected SimulatorConfigBuilder configure(SimulatorConfigBuilder builder) {
    return builder.rateLimit("DescribeImages", 2);
  }

  @Test
  void callsBeyondTheBudgetAreThrottledUntilTheNextMinute() throws Exception {
    client.getAcsResponse(new DescribeImagesRequest());
    HttpResponse second = client.doAction(new DescribeImagesRequest());

    SdkClients.thrown(client, new DescribeImagesRequest(), 400, "Throttling.User");
    assertThat(second.getStatus()).isEqualTo(200);
    assertThat(second.getHeaderValue("X-RateLimit-User-API")).startsWith("Remain:0,TimeLeft:");
    assertThat(client.getAcsResponse(new DescribeInstancesRequest()).getInstances()).isEmpty();

    clock.advance(Duration.ofSeconds(60));
    assertThat(client.getAcsResponse(new DescribeImagesRequest()).getImages()).isEmpty();
    assertThat(sim.counters().count("DescribeImages", "Throttling.User")).isEqualTo(1);
    assertThat(sim.counters().count("DescribeImages", "OK")).isEqualTo(3);
  }

  @Test
  void otherRegionsHaveTheirOwnBudget() throws Exception {
    client.getAcsResponse(new DescribeImagesRequest());
    client.getAcsResponse(new DescribeImagesRequest());
    DescribeImagesRequest otherRegion = new DescribeImagesRequest();
    otherRegion.setSysRegionId("cn-shanghai");
    otherRegion.setSysEndpoint(sim.endpoint());

    assertThat(client.getAcsResponse(otherRegion).getRegionId()).isEqualTo("cn-shanghai");
    SdkClients.thrown(client, new DescribeImagesRequest(), 400, "Throttling.User");
  }
}
