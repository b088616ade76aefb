package com.ecsimagesaga.reliability;

import com.ecsimagesaga.contract.v1.CommandRejected;
import com.ecsimagesaga.contract.v1.ImageCopied;
import com.ecsimagesaga.contract.v1.ImageCopyFailed;
import com.ecsimagesaga.contract.v1.ImageCreated;
import com.ecsimagesaga.contract.v1.ImageCreationFailed;
import com.ecsimagesaga.contract.v1.ImageDeleted;
import com.ecsimagesaga.contract.v1.ImageDeletionFailed;
import com.ecsimagesaga.saga.create.CreateImageSaga;
import com.ecsimagesaga.simulator.ImageView;
import com.ecsimagesaga.testsupport.SagaTopics;
import com.ecsimagesaga.testsupport.TopicReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the three places a command leaves traces (the event topic, the saga table, the simulator's
 * images) and reconciles them.
 */
final class Ledger {

  private static final Set<Class<?>> OUTCOMES =
      Set.of(
          ImageCreated.class,
          ImageCreationFailed.class,
          ImageDeleted.class,
          ImageDeletionFailed.class,
          CommandRejected.class);

  private final ReliabilityStack stack;

  Ledger(ReliabilityStack stack) {
    this.stack = stack;
  }

  /** Distinct outcome event ids by command id, read from the whole event topic. */
  Map<String, Set<String>> outcomesByCommand() {
    return outcomesByCommand(
        TopicReader.readAll(stack.broker().bootstrapServers(), SagaTopics.EVENTS));
  }

  Map<String, Set<String>> outcomesByCommand(List<ConsumerRecord<String, byte[]>> records) {
    Map<String, Set<String>> byCommand = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      SpecificRecord event = stack.codec().decode(r.value());
      if (OUTCOMES.contains(event.getClass())) {
        byCommand
            .computeIfAbsent(field(event, "commandId"), k -> new HashSet<>())
            .add(field(event, "eventId"));
      }
    }
    return byCommand;
  }

  /** Whether every one of {@code commandIds} has at least one outcome event on the topic now. */
  boolean allHaveOutcomes(Collection<String> commandIds) {
    return outcomesByCommand().keySet().containsAll(commandIds);
  }

  /**
   * Whether every one of {@code commandIds} has its outcome and, for each of its {@code copies}
   * copies, an outcome of the copy (the copies start once the image is made, so they end later).
   */
  boolean allHaveOutcomes(Collection<String> commandIds, int copies) {
    if (!allHaveOutcomes(commandIds)) {
      return false;
    }
    if (copies == 0) {
      return true;
    }
    Map<String, Set<String>> copySagas = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r :
        TopicReader.readAll(stack.broker().bootstrapServers(), SagaTopics.EVENTS)) {
      SpecificRecord event = stack.codec().decode(r.value());
      if (event instanceof ImageCopied || event instanceof ImageCopyFailed) {
        copySagas
            .computeIfAbsent(field(event, "commandId"), k -> new HashSet<>())
            .add(field(event, "sagaId"));
      }
    }
    return commandIds.stream()
        .allMatch(id -> copySagas.getOrDefault(id, Set.of()).size() >= copies);
  }

  /** The seven figures of a chaos run for the create commands {@code sent}. */
  ChaosReport report(Collection<String> sent) throws SQLException {
    return report(sent, List.of());
  }

  /**
   * The figures of a chaos run for the create commands {@code sent}, each of which asked for a copy
   * in every one of {@code copyRegions}.
   */
  ChaosReport report(Collection<String> sent, List<String> copyRegions) throws SQLException {
    List<ConsumerRecord<String, byte[]>> records =
        TopicReader.readAll(stack.broker().bootstrapServers(), SagaTopics.EVENTS);
    Map<String, Set<String>> outcomes = outcomesByCommand(records);
    long duplicates = outcomes.values().stream().filter(ids -> ids.size() > 1).count();
    long created =
        records.stream()
            .map(r -> stack.codec().decode(r.value()))
            .filter(ImageCreated.class::isInstance)
            .map(e -> field(e, "eventId"))
            .distinct()
            .count();
    Map<String, String> statusBySaga = sagaStatuses();
    Map<String, String> typeBySaga = sagaTypes();
    long succeeded =
        statusBySaga.entrySet().stream()
            .filter(e -> "CREATE_IMAGE".equals(typeBySaga.get(e.getKey())))
            .filter(e -> "SUCCEEDED".equals(e.getValue()))
            .count();
    long stuck =
        statusBySaga.values().stream()
            .filter(
                s ->
                    !Set.of("SUCCEEDED", "FAILED", "COMPENSATED", "COMPENSATION_FAILED")
                        .contains(s))
            .count();
    List<ImageView> images =
        stack.simulator().world().images(ReliabilityStack.REGION).stream()
            .filter(i -> !i.deleted() && i.tags().containsKey(CreateImageSaga.SAGA_TAG))
            .toList();
    Map<String, Integer> imagesBySaga = new HashMap<>();
    images.forEach(
        i -> imagesBySaga.merge(i.tags().get(CreateImageSaga.SAGA_TAG), 1, Integer::sum));
    long leaks =
        imagesBySaga.entrySet().stream()
            .mapToLong(
                e ->
                    (long) e.getValue()
                        - 1
                        + ("SUCCEEDED".equals(statusBySaga.get(e.getKey())) ? 0 : 1))
            .sum();
    return new ChaosReport(
        sent.size(),
        succeeded,
        images.size(),
        created,
        duplicates,
        leaks,
        stuck,
        copies(
            sent.size() * (long) copyRegions.size(),
            copyRegions,
            records,
            statusBySaga,
            typeBySaga));
  }

  private CopyFigures copies(
      long asked,
      List<String> regions,
      List<ConsumerRecord<String, byte[]>> records,
      Map<String, String> statusBySaga,
      Map<String, String> typeBySaga) {
    if (asked == 0) {
      return CopyFigures.NONE;
    }
    Map<String, Set<String>> outcomesBySaga = new HashMap<>();
    Set<String> copied = new HashSet<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      SpecificRecord event = stack.codec().decode(r.value());
      if (event instanceof ImageCopied || event instanceof ImageCopyFailed) {
        outcomesBySaga
            .computeIfAbsent(field(event, "sagaId"), k -> new HashSet<>())
            .add(field(event, "eventId"));
      }
      if (event instanceof ImageCopied) {
        copied.add(field(event, "sagaId"));
      }
    }
    long duplicates = outcomesBySaga.values().stream().filter(ids -> ids.size() > 1).count();
    long succeeded =
        statusBySaga.entrySet().stream()
            .filter(e -> "COPY_IMAGE".equals(typeBySaga.get(e.getKey())))
            .filter(e -> "SUCCEEDED".equals(e.getValue()))
            .count();
    Map<String, Integer> imagesBySaga = new HashMap<>();
    long images = 0;
    for (String region : regions) {
      for (ImageView i : stack.simulator().world().images(region)) {
        String saga = i.tags().get(CreateImageSaga.SAGA_TAG);
        if (!i.deleted() && saga != null && "COPY_IMAGE".equals(typeBySaga.get(saga))) {
          images++;
          imagesBySaga.merge(saga, 1, Integer::sum);
        }
      }
    }
    long leaks =
        imagesBySaga.entrySet().stream()
            .mapToLong(
                e ->
                    (long) e.getValue()
                        - 1
                        + ("SUCCEEDED".equals(statusBySaga.get(e.getKey())) ? 0 : 1))
            .sum();
    return new CopyFigures(asked, succeeded, images, copied.size(), duplicates, leaks);
  }

  /** Status of every saga, by saga id. */
  Map<String, String> sagaStatuses() throws SQLException {
    return bySagaId("status");
  }

  /** Type of every saga, by saga id. */
  Map<String, String> sagaTypes() throws SQLException {
    return bySagaId("type");
  }

  /** One column of the saga table by saga id. */
  private Map<String, String> bySagaId(String column) throws SQLException {
    Map<String, String> values = new HashMap<>();
    try (Connection c = stack.postgres().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id, " + column + " from saga")) {
      while (rs.next()) {
        values.put(rs.getString(1), rs.getString(2));
      }
    }
    return values;
  }

  /** Rows of the outbox not yet published. */
  long outboxBacklog() throws SQLException {
    try (Connection c = stack.postgres().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from outbox where published_at is null")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String field(SpecificRecord record, String name) {
    return String.valueOf(record.get(record.getSchema().getField(name).pos()));
  }
}
