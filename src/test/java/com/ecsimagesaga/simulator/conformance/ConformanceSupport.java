package com.ecsimagesaga.simulator.conformance;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the conformance classes: the standalone simulator, reset to its seeded state (instance
 * {@value #INSTANCE} Running in {@value #REGION}) before each test.
 */
@ExtendWith(StandaloneSimulator.class)
abstract class ConformanceSupport {
  static final String REGION = "cn-hangzhou";
  static final String INSTANCE = "i-local0001";

  @BeforeEach
  void resetToSeededState() throws Exception {
    Control.ok("POST", "/reset", null);
  }

  /** A CreateImage of the seeded instance with {@code extra} parameters; the new image's id. */
  static String createImage(String name, Map<String, String> extra)
      throws IOException, InterruptedException {
    SignedRpc call =
        SignedRpc.call("CreateImage", REGION).with("InstanceId", INSTANCE).with("ImageName", name);
    extra.forEach(call::with);
    SignedRpc.Reply reply = call.send();
    if (reply.status() != 200) {
      throw new AssertionError("CreateImage answered " + reply.status() + " " + reply.body());
    }
    return reply.json().path("ImageId").asText();
  }

  /** Waits until DescribeImages shows the image Available. */
  static void awaitAvailable(String imageId) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                SignedRpc.call("DescribeImages", REGION)
                    .with("ImageId", imageId)
                    .send()
                    .imageIds()
                    .contains(imageId));
  }

  /** The ids a DescribeImages with {@code params} lists (every status unless given). */
  static java.util.List<String> listed(Map<String, String> params)
      throws IOException, InterruptedException {
    SignedRpc call = SignedRpc.call("DescribeImages", REGION).with("Status", "ALL");
    params.forEach(call::with);
    SignedRpc.Reply reply = call.send();
    if (reply.status() != 200) {
      throw new AssertionError("DescribeImages answered " + reply.status() + " " + reply.body());
    }
    return reply.imageIds();
  }

  /** The answer of a DescribeImages with {@code params}. */
  static SignedRpc.Reply describe(Map<String, String> params)
      throws IOException, InterruptedException {
    SignedRpc call = SignedRpc.call("DescribeImages", REGION);
    params.forEach(call::with);
    return call.send();
  }
}
