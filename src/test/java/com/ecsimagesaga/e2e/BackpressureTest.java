package com.ecsimagesaga.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.contract.v1.ImageCreationFailed;
import com.ecsimagesaga.contract.v1.ImageCreationProgressed;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.simulator.ImageView;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A backlog waits, it does not fail; and not seeing is not failing. The service runs with a
 * CreateImage budget of 20 calls a second and only 5 attempts for every error kind: a burst of 300
 * creates (15 s of budget) with ECS throttling a fifth of them all succeed, once each, at the
 * budget's pace; and 20 images ECS builds while half of all DescribeImages calls fail (errors,
 * throttling, lost answers) all succeed, and none is deleted.
 */
@QuarkusTest
@TestProfile(BackpressureTest.StarvedBudget.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class BackpressureTest extends SagaTestSupport {

  static final double CREATE_BUDGET = 20;

  /** A CreateImage budget far below the burst, and few attempts. */
  public static class StarvedBudget implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "saga.ecs.rate-limit.actions.CreateImage", String.valueOf(CREATE_BUDGET),
          "saga.retry.throttled.max-attempts", "5",
          "saga.retry.transient-errors.max-attempts", "5",
          "saga.retry.state-wait.max-attempts", "5");
    }
  }

  @BeforeAll
  static void start() {
    connect();
  }

  @AfterEach
  void clearFaults() {
    sim().faults().clear();
    sim().speedFactor(1000);
  }

  /** Every event of these commands, each decoded once. */
  private static List<SpecificRecord> eventsOf(Set<String> commandIds) {
    return events.records().stream()
        .map(r -> decodeOrNull(r.value()))
        .filter(Objects::nonNull)
        .filter(
            e ->
                commandIds.contains(
                    String.valueOf(e.get(e.getSchema().getField("commandId").pos()))))
        .toList();
  }

  private static long count(List<SpecificRecord> events, Class<?> type) {
    return events.stream().filter(type::isInstance).count();
  }

  /** Waits until every command has its outcome, success or failure, and returns their events. */
  private static List<SpecificRecord> awaitOutcomes(Set<String> commandIds) {
    await("an outcome for each of " + commandIds.size() + " commands")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              List<SpecificRecord> events = eventsOf(commandIds);
              return count(events, ImageCreated.class) + count(events, ImageCreationFailed.class)
                  >= commandIds.size();
            });
    return eventsOf(commandIds);
  }

  private static Set<String> publishCreates(String instance, int n) {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < n; i++) {
      CreateImage c = createFromInstance(instance).build();
      publish(c);
      ids.add(c.getCommandId());
    }
    return ids;
  }

  private static List<ImageView> imagesNamedFor(Set<String> commandIds) {
    Set<String> names = new HashSet<>();
    commandIds.forEach(id -> names.add("img-" + id.substring(0, 8)));
    return sim().world().images(REGION).stream().filter(i -> names.contains(i.name())).toList();
  }

  @Test
  void aBurstOfThreeHundredCreatesAgainstABudgetOfTwentyASecondAllSucceedAtTheBudgetsPace() {
    sim().faults().probability("CreateImage", 0.2, Fault.throttling());
    String instance = seededInstance();
    long callsBefore = sim().counters().count("CreateImage");
    Instant started = Instant.now();
    Set<String> ids = publishCreates(instance, 300);

    List<SpecificRecord> outcomes = awaitOutcomes(ids);
    Duration drained = Duration.between(started, Instant.now());
    assertThat(count(outcomes, ImageCreationFailed.class)).as("failed sagas").isZero();
    assertThat(count(outcomes, ImageCreated.class)).isEqualTo(300);
    assertThat(imagesNamedFor(ids)).as("one image per command").hasSize(300);
    assertThat(
            outcomes.stream()
                .filter(ImageCreationProgressed.class::isInstance)
                .map(ImageCreationProgressed.class::cast)
                .filter(p -> "WAITING_FOR_QUOTA".equals(p.getPhase()))
                .count())
        .as("queued creates said so, with their expected turn")
        .isPositive();
    long calls = sim().counters().count("CreateImage") - callsBefore;
    assertThat(calls)
        .as("CreateImage calls within the budget over %s", drained)
        .isLessThanOrEqualTo((long) (CREATE_BUDGET * (1 + drained.toMillis() / 1000.0)));
    assertThat(drained)
        .as("300 calls at 20 a second take at least 14 s")
        .isGreaterThan(Duration.ofSeconds(14));
  }

  @Test
  void imagesBuiltWhileHalfOfAllStatusReadsFailAllSucceedAndNoneIsDeleted() {
    sim().speedFactor(1);
    sim()
        .faults()
        .probability("DescribeImages", 0.2, Fault.internalError())
        .probability("DescribeImages", 0.1, Fault.serviceUnavailable())
        .probability("DescribeImages", 0.1, Fault.throttling())
        .probability("DescribeImages", 0.1, Fault.lostResponseAfterCommit());
    String instance = seededInstance();
    long deletesBefore = sim().counters().count("DeleteImage");
    long readsBefore = sim().counters().count("DescribeImages");
    Set<String> ids = publishCreates(instance, 20);

    List<SpecificRecord> outcomes = awaitOutcomes(ids);
    assertThat(count(outcomes, ImageCreationFailed.class)).as("failed sagas").isZero();
    assertThat(count(outcomes, ImageCreated.class)).isEqualTo(20);
    assertThat(sim().counters().count("DeleteImage") - deletesBefore)
        .as("no image deleted for not being seen")
        .isZero();
    List<String> failedReads = new ArrayList<>();
    sim()
        .counters()
        .snapshot()
        .forEach(
            (key, n) -> {
              if (key.startsWith("DescribeImages") && !key.endsWith("OK")) {
                failedReads.add(key + "=" + n);
              }
            });
    assertThat(sim().counters().count("DescribeImages") - readsBefore)
        .as("many reads, half of them failed: %s", failedReads)
        .isGreaterThan(20);
  }
}
