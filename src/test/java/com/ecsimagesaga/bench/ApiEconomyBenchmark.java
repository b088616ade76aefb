package com.ecsimagesaga.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.adapter.kafka.AvroCodec;
import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.simulator.EcsSimulator;
import com.ecsimagesaga.simulator.InstanceStatus;
import com.ecsimagesaga.testsupport.CommandProducer;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.EventTopicRecorder;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * API economy: N concurrent creations of images that take {@code bench.creating-seconds} each,
 * driven by the service, beside the same number driven by a Terraform-style per-image poller in the
 * same run against the same simulator. Prints ECS calls per created image for both. Not part of the
 * test suite: run with {@code mvn -Pbench verify} (see docs/benchmarks.md).
 */
@QuarkusTest
@TestProfile(BenchmarkProfile.class)
@Tag("benchmark")
class ApiEconomyBenchmark {

  static final int IMAGES = Integer.getInteger("bench.images", 200);
  static final String REGION = "cn-hangzhou";

  @Test
  void describeImagesCallsPerCreatedImageAgainstAPerImagePoller() {
    EcsSimulator sim = EcsSimulatorResource.simulator();
    AvroCodec codec = new AvroCodec();
    List<CreateImage> commands = new ArrayList<>();
    List<String> baselineInstances = new ArrayList<>();
    for (int i = 0; i < IMAGES; i++) {
      String service = "i-svc" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      String baseline = "i-tf" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      sim.world().seedInstance(REGION, service, InstanceStatus.Running);
      sim.world().seedInstance(REGION, baseline, InstanceStatus.Running);
      baselineInstances.add(baseline);
      commands.add(
          CreateImage.newBuilder()
              .setCommandId(UUID.randomUUID().toString())
              .setIssuedAt(Instant.now())
              .setRegionId(REGION)
              .setInstanceId(service)
              .setImageName("svc-" + service.substring(2))
              .build());
    }
    sim.counters().reset();
    String bootstrap = KafkaBrokerResource.bootstrapServers();
    long started = System.nanoTime();
    try (var producer = new CommandProducer(bootstrap);
        var events = new EventTopicRecorder(bootstrap, "ecs.image.events");
        var poller =
            new TerraformStylePoller(
                sim.endpoint(), sim.config().accessKeyId(), sim.config().accessKeySecret())) {
      List<CompletableFuture<String>> baseline =
          baselineInstances.stream().map(poller::createAndWait).toList();
      commands.forEach(
          c ->
              producer.send(
                  "ecs.image.commands", REGION + "/" + c.getImageName(), codec.encode(c)));
      Duration limit = Duration.ofSeconds(BenchmarkProfile.CREATING_SECONDS * 3L + 120);
      await()
          .atMost(limit)
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  created(events, codec) >= IMAGES
                      && baseline.stream().allMatch(CompletableFuture::isDone));
      double seconds = (System.nanoTime() - started) / 1e9;

      long allDescribe = sim.counters().count("DescribeImages");
      long baselineDescribe = poller.describeCalls.get();
      long serviceDescribe = allDescribe - baselineDescribe;
      long serviceCreate = sim.counters().count("CreateImage") - poller.createCalls.get();
      long serviceInstances = sim.counters().count("DescribeInstances");
      System.out.printf(
          "%n=== API economy: %d images per driver, %d s each, run took %.0f s ===%n",
          IMAGES, BenchmarkProfile.CREATING_SECONDS, seconds);
      System.out.printf("%-34s %12s %12s%n", "ECS calls per created image", "service", "baseline");
      System.out.printf(
          "%-34s %12.3f %12.3f%n",
          "DescribeImages", serviceDescribe / (double) IMAGES, baselineDescribe / (double) IMAGES);
      System.out.printf(
          "%-34s %12.3f %12.3f%n",
          "CreateImage",
          serviceCreate / (double) IMAGES,
          poller.createCalls.get() / (double) IMAGES);
      System.out.printf(
          "%-34s %12.3f %12s%n",
          "DescribeInstances", serviceInstances / (double) IMAGES, "0 (none)");
      System.out.printf(
          "%-34s %12.1fx%n",
          "baseline / service DescribeImages",
          baselineDescribe / (double) Math.max(1, serviceDescribe));
      assertThat(serviceCreate).as("one CreateImage per image").isEqualTo(IMAGES);
    }
  }

  private static long created(EventTopicRecorder events, AvroCodec codec) {
    return events.records().stream()
        .filter(r -> codec.decode(r.value()) instanceof ImageCreated)
        .count();
  }
}
