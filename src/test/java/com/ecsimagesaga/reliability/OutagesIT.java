package com.ecsimagesaga.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.testsupport.SagaTopics;
import com.ecsimagesaga.testsupport.ServiceProcess;
import com.ecsimagesaga.testsupport.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One packaged service against Kafka, PostgreSQL and ECS outages of several seconds each: sagas go
 * on or wait, nothing is lost, and everything drains afterwards.
 */
class OutagesIT {

  private static ReliabilityStack stack;
  private static ServiceProcess service;
  private static Ledger ledger;

  @BeforeAll
  static void startStack() {
    stack = ReliabilityStack.start("outages", 20.0, 200);
    service = stack.service("outages-service", Map.of());
    service.start();
    ledger = new Ledger(stack);
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  @AfterEach
  void clearFaults() {
    stack.simulator().faults().clear();
  }

  @Test
  void whileKafkaIsDownSagasFinishAndTheirEventsWaitInTheOutboxUntilItReturns() throws Exception {
    List<String> ids = publish(10);
    await().atMost(Duration.ofSeconds(60)).until(() -> sagaCount(ids, null) == ids.size());

    stack.broker().close();
    await("sagas finish without a broker")
        .atMost(Duration.ofSeconds(60))
        .until(() -> sagaCount(ids, "SUCCEEDED") == ids.size());
    long backlog = ledger.outboxBacklog();
    assertThat(backlog).as("events waiting in the outbox").isPositive();
    stack.broker().start();
    long restartedAt = System.nanoTime();

    await("events drain")
        .atMost(Duration.ofSeconds(120))
        .until(() -> ledger.allHaveOutcomes(ids) && ledger.outboxBacklog() == 0);
    System.out.printf(
        "Kafka outage: %d sagas succeeded without a broker, %d events waited in the outbox, drained %d ms after"
            + " the broker accepted connections%n",
        ids.size(), backlog, (System.nanoTime() - restartedAt) / 1_000_000);
    assertThat(ledger.outcomesByCommand())
        .allSatisfy((commandId, eventIds) -> assertThat(eventIds).hasSize(1));
  }

  @Test
  void whilePostgresIsDownConsumptionPausesWithoutCommittingAndNothingIsDeadLettered()
      throws Exception {
    // Offsets of earlier commands are committed up to 5 s late (throttled strategy): let them
    // settle
    // first, or a late commit during the outage would look like intake moving on.
    long[] lastSeen = {committedCommandOffsets()};
    await("earlier commits settle")
        .pollInterval(Duration.ofMillis(500))
        .during(Duration.ofSeconds(6))
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              long now = committedCommandOffsets();
              boolean same = now == lastSeen[0];
              lastSeen[0] = now;
              return same;
            });
    long deadLettersBefore = deadLetters();
    stack.postgres().stop();
    try {
      long committedBefore = committedCommandOffsets();
      List<String> ids = publish(5);
      await("readiness reports the paused intake")
          .atMost(Duration.ofSeconds(30))
          .until(() -> "DOWN".equals(readinessOf("command-intake")));
      // Several retry rounds against the dead database: no offset moves, no command is
      // dead-lettered.
      await("offsets and dead letters stay put")
          .during(Duration.ofSeconds(5))
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  committedCommandOffsets() == committedBefore
                      && deadLetters() == deadLettersBefore);

      System.out.printf(
          "PostgreSQL outage: readiness DOWN, committed offsets stayed at %d, dead letters stayed at %d%n",
          committedBefore, deadLettersBefore);
      stack.postgres().start();
      long restartedAt = System.nanoTime();
      await("every command taken in after the outage")
          .atMost(Duration.ofSeconds(90))
          .until(() -> ledger.allHaveOutcomes(ids));
      await("readiness UP again")
          .atMost(Duration.ofSeconds(30))
          .until(() -> "UP".equals(readinessOf("command-intake")));
      System.out.printf(
          "PostgreSQL outage: %d commands had their outcome %d ms after the database was back%n",
          ids.size(), (System.nanoTime() - restartedAt) / 1_000_000);
      assertThat(deadLetters()).isEqualTo(deadLettersBefore);
      await("offsets committed after the outage")
          .atMost(Duration.ofSeconds(30))
          .until(() -> committedCommandOffsets() >= committedBefore + ids.size());
    } finally {
      stack.postgres().start();
    }
  }

  @Test
  void whileEcsAnswers503ToEverythingSagasBackOffAndResumeAfterwards() throws Exception {
    for (String action : List.of("DescribeInstances", "CreateImage", "DescribeImages")) {
      stack.simulator().faults().probability(action, 1.0, Fault.serviceUnavailable());
    }
    long unavailableBefore = unavailableAnswers();
    List<String> ids = publish(5);
    await().atMost(Duration.ofSeconds(30)).until(() -> sagaCount(ids, null) == ids.size());

    // Ten seconds of outage: no saga gives up, and backoff keeps the calls far below one per tick.
    await()
        .during(Duration.ofSeconds(10))
        .atMost(Duration.ofSeconds(11))
        .until(() -> sagaCount(ids, "SUCCEEDED") == 0 && sagaCount(ids, "FAILED") == 0);
    long calls = unavailableAnswers() - unavailableBefore;
    assertThat(calls)
        .as("503 answers in 10 s for 5 sagas (a 100 ms tick without backoff would make 500)")
        .isPositive()
        .isLessThan(5 * 20);

    System.out.printf("ECS outage: %d answers 503 in 10 s for %d sagas%n", calls, ids.size());
    stack.simulator().faults().clear();
    await("sagas resume")
        .atMost(Duration.ofSeconds(60))
        .until(() -> sagaCount(ids, "SUCCEEDED") == ids.size());
    await().atMost(Duration.ofSeconds(30)).until(() -> ledger.allHaveOutcomes(ids));
  }

  private static List<String> publish(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      CreateImage c = ReliabilityStack.aCreateImage();
      stack.publish(c);
      ids.add(c.getCommandId());
    }
    return ids;
  }

  /** Sagas of these commands, with the given status or any status for {@code null}. */
  private static long sagaCount(List<String> commandIds, String status) throws Exception {
    try (Connection c = stack.postgres().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select command_id, status from saga")) {
      long n = 0;
      while (rs.next()) {
        n +=
            commandIds.contains(rs.getString(1))
                    && (status == null || status.equals(rs.getString(2)))
                ? 1
                : 0;
      }
      return n;
    }
  }

  private static long unavailableAnswers() {
    return List.of("DescribeInstances", "CreateImage", "DescribeImages").stream()
        .mapToLong(a -> stack.simulator().counters().count(a, "ServiceUnavailable"))
        .sum();
  }

  private static long deadLetters() {
    return TopicReader.readAll(stack.broker().bootstrapServers(), SagaTopics.COMMANDS_DLQ).size();
  }

  /** Sum of the service's committed offsets on the command topic. */
  private static long committedCommandOffsets() throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker().bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      Map<?, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets("ecs-image-saga")
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      return offsets.values().stream()
          .filter(o -> o != null)
          .mapToLong(OffsetAndMetadata::offset)
          .sum();
    }
  }

  /** Status of one named readiness check, or null when it is not listed. */
  private static String readinessOf(String check) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(service.managementAddress() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    for (JsonNode node : new ObjectMapper().readTree(response.body()).path("checks")) {
      if (check.equals(node.path("name").asText())) {
        return node.path("status").asText();
      }
    }
    return null;
  }
}
