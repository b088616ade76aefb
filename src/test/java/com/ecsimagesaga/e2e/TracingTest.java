package com.ecsimagesaga.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.contract.v1.CommandRejected;
import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.DeleteImage;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.contract.v1.ImageDeleted;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import com.ecsimagesaga.testsupport.RecordedSpans;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trace context in a command's Kafka headers reaches the saga's steps, every ECS call it makes
 * and the events it emits, across the database (the saga is stored between steps) and the outbox. A
 * call shared by the sagas of a pass (the source check, the image listing) is a trace of its own,
 * linked to the trace of each saga it answers.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class TracingTest extends SagaTestSupport {

  @Inject RecordedSpans spans;

  @BeforeAll
  static void start() {
    connect();
  }

  @Test
  void theCommandsTraceReachesEveryEcsCallAndEveryEvent() {
    String traceId = hex(32);
    String producerSpan = hex(16);
    CreateImage command = createFromInstance(seededInstance()).build();
    publishTraced(command, "00-" + traceId + "-" + producerSpan + "-01");

    awaitEvent(command.getCommandId(), ImageCreated.class);

    List<ConsumerRecord<String, byte[]>> records = recordsFor(command.getCommandId());
    assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(traceIdOf(r)).contains(traceId));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(names(spans.ofTrace(traceId)))
                    .contains(
                        "ECS CreateImage",
                        "CREATE_IMAGE CHECK_SOURCE",
                        "CREATE_IMAGE SUBMIT_CREATE_IMAGE"));
    List<SpanData> trace = spans.ofTrace(traceId);
    SpanData submit = named(trace, "CREATE_IMAGE SUBMIT_CREATE_IMAGE");
    SpanData create = named(trace, "ECS CreateImage");
    assertThat(create.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(create.getParentSpanId())
        .as("the ECS call is a child of the step that made it")
        .isEqualTo(submit.getSpanId());
    assertThat(create.getAttributes().asMap().toString())
        .contains("ecs.request_id")
        .contains("cn-hangzhou");
    assertThat(submit.getAttributes().asMap().toString()).contains(command.getCommandId());
    assertThat(chainReaches(trace, submit, producerSpan))
        .as("the step's ancestry leads back to the producer's span")
        .isTrue();

    // The source check is one DescribeInstances shared by the sagas of a pass: its own trace, a
    // span linked to this saga's trace with the ECS call as its child.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        spans.all().stream()
                            .filter(s -> s.getName().equals("check instances " + REGION))
                            .filter(s -> linksTo(s, traceId))
                            .map(SpanData::getSpanId)
                            .toList())
                    .singleElement()
                    .satisfies(
                        check ->
                            assertThat(spans.all())
                                .anySatisfy(
                                    call -> {
                                      assertThat(call.getName()).isEqualTo("ECS DescribeInstances");
                                      assertThat(call.getParentSpanId()).isEqualTo(check);
                                    })));

    // The batched listing serves many sagas at once: it is its own span, linked to this saga's
    // trace.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                spans.all().stream()
                    .filter(s -> s.getName().startsWith("poll images "))
                    .anyMatch(s -> linksTo(s, traceId)));
  }

  @Test
  void aDeleteContinuesItsOwnCommandsTrace() {
    CreateImage create = createFromInstance(seededInstance()).build();
    publish(create);
    String imageId = awaitEvent(create.getCommandId(), ImageCreated.class).getImageId();
    String traceId = hex(32);
    DeleteImage delete = deleteCommand(imageId, false);
    producer.send(
        COMMANDS,
        delete.getRegionId() + "/" + delete.getImageId(),
        CODEC.encode(delete),
        Map.of("traceparent", "00-" + traceId + "-" + hex(16) + "-01"));

    awaitEvent(delete.getCommandId(), ImageDeleted.class);

    assertThat(recordsFor(delete.getCommandId()))
        .allSatisfy(r -> assertThat(traceIdOf(r)).contains(traceId));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(names(spans.ofTrace(traceId))).contains("ECS DeleteImage"));
    assertThat(recordsFor(create.getCommandId()))
        .allSatisfy(r -> assertThat(traceIdOf(r)).isPresent().isNotEqualTo(Optional.of(traceId)));
  }

  @Test
  void aRejectedCommandAnswersInItsTrace() {
    String traceId = hex(32);
    CreateImage command =
        createFromInstance(seededInstance()).setImageName("http://not-allowed").build();
    publishTraced(command, "00-" + traceId + "-" + hex(16) + "-01");

    awaitEvent(command.getCommandId(), CommandRejected.class);

    assertThat(recordsFor(command.getCommandId()))
        .singleElement()
        .satisfies(r -> assertThat(traceIdOf(r)).contains(traceId));
  }

  @Test
  void aMalformedTraceHeaderStartsAFreshTraceAndStopsNothing() {
    CreateImage garbage = createFromInstance(seededInstance()).build();
    publishTraced(garbage, "00-not-a-trace-at-all");
    CreateImage huge = createFromInstance(seededInstance()).build();
    publishTraced(huge, "00-" + "f".repeat(10_000));

    awaitEvent(garbage.getCommandId(), ImageCreated.class);
    awaitEvent(huge.getCommandId(), ImageCreated.class);

    for (CreateImage c : List.of(garbage, huge)) {
      List<ConsumerRecord<String, byte[]>> records = recordsFor(c.getCommandId());
      Optional<String> trace = traceIdOf(records.get(0));
      assertThat(trace).isPresent().get().asString().matches("[0-9a-f]{32}");
      assertThat(records).allSatisfy(r -> assertThat(traceIdOf(r)).isEqualTo(trace));
    }
  }

  private static void publishTraced(CreateImage c, String traceParent) {
    producer.send(
        COMMANDS,
        c.getRegionId() + "/" + c.getImageName(),
        CODEC.encode(c),
        Map.of("traceparent", traceParent));
  }

  private static Optional<String> traceIdOf(ConsumerRecord<String, byte[]> record) {
    Header h = record.headers().lastHeader("traceparent");
    if (h == null) {
      return Optional.empty();
    }
    String[] parts = new String(h.value(), StandardCharsets.US_ASCII).split("-");
    return parts.length == 4 ? Optional.of(parts[1]) : Optional.empty();
  }

  private static boolean linksTo(SpanData span, String traceId) {
    return span.getLinks().stream().anyMatch(l -> l.getSpanContext().getTraceId().equals(traceId));
  }

  private static boolean chainReaches(List<SpanData> trace, SpanData from, String ancestorSpanId) {
    SpanData at = from;
    for (int hops = 0; at != null && hops < 10; hops++) {
      if (at.getParentSpanId().equals(ancestorSpanId)) {
        return true;
      }
      String parent = at.getParentSpanId();
      at = trace.stream().filter(s -> s.getSpanId().equals(parent)).findFirst().orElse(null);
    }
    return false;
  }

  private static List<String> names(List<SpanData> trace) {
    return trace.stream().map(SpanData::getName).toList();
  }

  private static SpanData named(List<SpanData> trace, String name) {
    return trace.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }

  private static String hex(int length) {
    StringBuilder b = new StringBuilder();
    while (b.length() < length) {
      b.append(Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE));
    }
    return b.substring(0, length);
  }
}
