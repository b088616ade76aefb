package com.ecsimagesaga.reliability;

import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.contract.v1.CommandRejected;
import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.testsupport.SagaTopics;
import com.ecsimagesaga.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The hostile-input run of issue 5: thousands of malformed records interleaved with valid commands.
 * Prints how many ended in {@code CommandRejected}, how many on the dead-letter topic, and whether
 * the valid commands were served while the garbage arrived. Exits non-zero unless every record
 * ended where its kind demands.
 *
 * <p>Run it with {@code mvn -Pchaos -DskipTests package exec:exec
 * -Dchaos.main=com.ecsimagesaga.reliability.HostileInputRun -Dhostile.records=3000}.
 */
public final class HostileInputRun {

  /**
   * @param hostile malformed records of the bulk kinds, sent round-robin
   * @param validEvery one valid command after every so many malformed records
   * @param hugeRecords 1 MB records (each one megabyte on the broker, so few)
   * @param timeout how long to wait for every outcome after the last record
   */
  record Settings(int hostile, int validEvery, int hugeRecords, Duration timeout) {}

  private static final Set<String> ORIGIN_HEADERS =
      Set.of(
          "dead-letter-reason", "dead-letter-topic", "dead-letter-partition", "dead-letter-offset");

  private final Settings settings;
  private final long startedAt = System.nanoTime();

  HostileInputRun(Settings settings) {
    this.settings = settings;
  }

  public static void main(String[] args) throws Exception {
    HostileReport report =
        new HostileInputRun(
                new Settings(
                    Integer.getInteger("hostile.records", 3000), 20, 10, Duration.ofMinutes(5)))
            .run();
    System.out.println(report.print());
    System.out.println(report.asPromised() ? "RESULT: as promised" : "RESULT: NOT as promised");
    System.exit(report.asPromised() ? 0 : 1);
  }

  HostileReport run() {
    try (ReliabilityStack stack =
        ReliabilityStack.start("hostile", 50.0, settings.hostile() / settings.validEvery() + 50)) {
      stack.service("hostile-service", Map.of()).start();
      log("stack and service up in " + stack.home());
      Random random = new Random(7);
      List<HostileInput> kinds = HostileInput.bulk();
      Map<String, Instant> valid = new HashMap<>();
      int expectedRejected = 0;
      int expectedDeadLetters = 0;
      int either = 0;
      int hugeEvery = Math.max(1, settings.hostile() / Math.max(1, settings.hugeRecords()));
      int sent = 0;
      for (int i = 0; i < settings.hostile(); i++) {
        HostileInput kind =
            i % hugeEvery == hugeEvery - 1
                ? HostileInput.HUGE_DESCRIPTION
                : kinds.get(i % kinds.size());
        stack.publishRaw("hostile/" + i, kind.record(stack, random));
        sent++;
        switch (kind.fate) {
          case REJECTED -> expectedRejected++;
          case DEAD_LETTER -> expectedDeadLetters++;
          case EITHER -> either++;
        }
        if (i % settings.validEvery() == 0) {
          CreateImage command = ReliabilityStack.aCreateImage();
          stack.publish(command);
          valid.put(command.getCommandId(), Instant.now());
        }
      }
      Instant lastHostile = Instant.now();
      log(sent + " hostile and " + valid.size() + " valid records published");
      int rejectedTarget = expectedRejected;
      int deadTarget = expectedDeadLetters;
      int total = sent;
      try {
        await("every record ended somewhere")
            .atMost(settings.timeout())
            .pollInterval(Duration.ofSeconds(2))
            .until(
                () -> {
                  Counts c = count(stack, valid, lastHostile);
                  return c.rejected >= rejectedTarget
                      && c.deadLetters >= deadTarget
                      && c.rejected + c.deadLetters >= total
                      && c.created == valid.size();
                });
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        log("not every record ended: " + e.getMessage());
      }
      Counts c = count(stack, valid, lastHostile);
      return new HostileReport(
          sent,
          expectedRejected,
          expectedDeadLetters,
          either,
          c.rejected,
          c.deadLetters,
          c.withOrigin,
          valid.size(),
          c.created,
          c.createdEarly,
          c.misrouted,
          c.slowest);
    }
  }

  private static final class Counts {
    long rejected;
    long deadLetters;
    long withOrigin;
    long created;
    long createdEarly;
    long misrouted;
    Duration slowest = Duration.ZERO;
  }

  private static Counts count(
      ReliabilityStack stack, Map<String, Instant> valid, Instant lastHostile) {
    Counts c = new Counts();
    Set<String> rejectedEvents = new HashSet<>();
    Set<String> created = new HashSet<>();
    for (ConsumerRecord<String, byte[]> r :
        TopicReader.readAll(stack.broker().bootstrapServers(), SagaTopics.EVENTS)) {
      SpecificRecord event = stack.codec().decode(r.value());
      String commandId = Ledger.field(event, "commandId");
      if (event instanceof CommandRejected) {
        rejectedEvents.add(Ledger.field(event, "eventId"));
        c.misrouted += valid.containsKey(commandId) ? 1 : 0;
      } else if (event instanceof ImageCreated
          && valid.containsKey(commandId)
          && created.add(commandId)) {
        Instant at = Instant.ofEpochMilli(r.timestamp());
        Duration latency = Duration.between(valid.get(commandId), at);
        c.slowest = latency.compareTo(c.slowest) > 0 ? latency : c.slowest;
        c.createdEarly += at.isBefore(lastHostile) ? 1 : 0;
      }
    }
    c.rejected = rejectedEvents.size();
    c.created = created.size();
    for (ConsumerRecord<String, byte[]> r :
        TopicReader.readAll(stack.broker().bootstrapServers(), SagaTopics.COMMANDS_DLQ)) {
      c.deadLetters++;
      Set<String> names = new HashSet<>();
      r.headers().forEach(h -> names.add(h.key()));
      c.withOrigin +=
          names.containsAll(ORIGIN_HEADERS)
                  && SagaTopics.COMMANDS.equals(
                      new String(
                          r.headers().lastHeader("dead-letter-topic").value(),
                          StandardCharsets.UTF_8))
              ? 1
              : 0;
      if (r.value() != null && r.value().length > 10) {
        try {
          SpecificRecord command = stack.codec().decode(r.value());
          c.misrouted += valid.containsKey(Ledger.field(command, "commandId")) ? 1 : 0;
        } catch (RuntimeException undecodable) {
          // Most dead letters are not decodable; that is why they are there.
        }
      }
    }
    return c;
  }

  private void log(String line) {
    System.out.printf("[hostile %6.1fs] %s%n", (System.nanoTime() - startedAt) / 1e9, line);
  }
}
