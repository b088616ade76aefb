package com.ecsimagesaga.adapter.kafka;

import com.ecsimagesaga.app.CommandIntake;
import com.ecsimagesaga.app.IntakeResult;
import com.ecsimagesaga.contract.v1.ReplaySagas;
import com.ecsimagesaga.port.StoreOutages;
import com.ecsimagesaga.saga.SagaKind;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads commands a poll at a time: decode, hand to the intake use case, acknowledge once their
 * effect is durable.
 *
 * <p>A poll's commands are taken in together (one statement for each run of them that depends on
 * nothing stored, see {@link CommandIntake#submitAll}); a replay request, and every command of a
 * run that could not be taken in as a whole for a reason other than an outage, goes through on its
 * own, so that what one record does never decides another's fate. The poll is acknowledged once
 * every record in it was taken in or dead-lettered.
 *
 * <p>Three kinds of failure are told apart, because only one of them is the record's fault:
 *
 * <ul>
 *   <li>A record that is not a command is nacked at once, which sends it to the dead-letter topic
 *       with the reason and its origin in the headers; the rest of its poll goes on.
 *   <li>A command that cannot be stored because the database is unreachable is retried with backoff
 *       for as long as the outage lasts. Each consumer handles one poll at a time, so consumption
 *       pauses, no offset is committed past the poll, and readiness reports DOWN. Sending it to the
 *       dead-letter topic would lose a valid command for an outage it did not cause.
 *   <li>Any other failure (a write conflict with another instance, a defect triggered by odd
 *       values) is retried once, at once, on the record alone; if it fails again the record is
 *       poison and goes to the dead-letter topic, so one bad record holds up its partition for two
 *       attempts only.
 * </ul>
 */
@ApplicationScoped
public class CommandConsumer {

  private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

  private static final Duration OUTAGE_FIRST_BACKOFF = Duration.ofMillis(500);
  private static final Duration OUTAGE_MAX_BACKOFF = Duration.ofSeconds(10);

  /**
   * One immediate retry settles a write race with another instance (the retry then finds the
   * command already taken in). More, or a backoff, would only hold up the partition behind a record
   * that fails the same way every time.
   */
  private static final int OTHER_RETRIES = 1;

  private final AvroCodec codec = new AvroCodec();

  @Inject WireFormat wire;
  @Inject CommandIntake intake;
  @Inject ReplayCommandHandler replays;
  @Inject CommandIntakeState state;
  @Inject StoreOutages outages;

  /** A record of the poll, decoded, or the reason it could not be. */
  private record Read(
      KafkaRecord<String, byte[]> message,
      SpecificRecord command,
      SagaKind.Command kindCommand,
      UndecodableRecordException error) {

    /** Whether the record is the command of a registered saga kind. */
    boolean isKindCommand() {
      return kindCommand != null;
    }
  }

  @Incoming("commands")
  public Uni<Void> consume(KafkaRecordBatch<String, byte[]> poll) {
    List<List<Read>> groups = new ArrayList<>();
    for (KafkaRecord<String, byte[]> message : poll.getRecords()) {
      Read read;
      try {
        SpecificRecord record = codec.decode(wire.incoming(message.getPayload()));
        read = new Read(message, record, KindWires.toCommand(record).orElse(null), null);
      } catch (UndecodableRecordException e) {
        read = new Read(message, null, null, e);
      }
      boolean joins =
          read.isKindCommand()
              && !groups.isEmpty()
              && groups.get(groups.size() - 1).get(0).isKindCommand();
      if (!joins) {
        groups.add(new ArrayList<>());
      }
      groups.get(groups.size() - 1).add(read);
    }
    return inTurn(groups, group -> group.size() > 1 ? commands(group) : one(group.get(0)))
        .chain(() -> Uni.createFrom().completionStage(poll.ack()));
  }

  /** Runs {@code step} on each item, the next once the one before has finished. */
  private static <T> Uni<Void> inTurn(List<T> items, Function<? super T, Uni<?>> step) {
    return Multi.createFrom()
        .iterable(items)
        .onItem()
        .transformToUniAndConcatenate(step)
        .collect()
        .last()
        .replaceWithVoid();
  }

  /**
   * A run of commands, taken in together; if that fails for a reason other than an outage, each is
   * taken in on its own.
   */
  private Uni<Void> commands(List<Read> run) {
    String where = origin(run.get(0).message()) + " and " + (run.size() - 1) + " more";
    return untilStored(() -> intake.submitAll(arrivals(run)), where)
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(
            e -> {
              LOG.warnf(
                  "EIS-1103 the %d commands from %s could not be taken in together (%s); each is"
                      + " taken in on its own",
                  run.size(), where, e.toString());
              return inTurn(run, this::one);
            });
  }

  private static List<CommandIntake.Arrival<SagaKind.Command>> arrivals(List<Read> run) {
    List<CommandIntake.Arrival<SagaKind.Command>> arrivals = new ArrayList<>(run.size());
    for (Read r : run) {
      arrivals.add(
          new CommandIntake.Arrival<>(
              r.kindCommand(),
              r.message().getKey(),
              origin(r.message()),
              KafkaTraces.traceParentOf(r.message())));
    }
    return arrivals;
  }

  /** One record on its own: taken in, or dead-lettered with the reason. */
  private Uni<Void> one(Read read) {
    KafkaRecord<String, byte[]> message = read.message();
    if (read.error() != null) {
      LOG.warnf(
          "EIS-1100 record at %s is not a command: %s", origin(message), read.error().getMessage());
      return Uni.createFrom().completionStage(message.nack(read.error()));
    }
    String traceParent = KafkaTraces.traceParentOf(message);
    return untilStored(
            () -> handle(read.command(), message.getKey(), origin(message), traceParent),
            origin(message))
        .onFailure(e -> !(e instanceof UndecodableRecordException))
        .retry()
        .atMost(OTHER_RETRIES)
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(
            e -> {
              LOG.errorf(
                  e,
                  "EIS-1101 command at %s could not be taken in; sent to the dead-letter topic",
                  origin(message));
              return Uni.createFrom().completionStage(message.nack(e));
            });
  }

  /**
   * Runs intake work, and every retry of it, on the Vert.x context the poll arrived on (Hibernate
   * Reactive binds its session to that context, and Mutiny's backoff would otherwise resubscribe on
   * a plain worker thread), retrying with backoff for as long as the database is unreachable.
   */
  private <T> Uni<T> untilStored(Supplier<Uni<? extends T>> work, String where) {
    Context context = Vertx.currentContext();
    Uni<T> attempt = Uni.createFrom().<T>deferred(work);
    if (context != null) {
      attempt = attempt.runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
    }
    return attempt
        .onFailure(outages::isOutage)
        .invoke(
            e -> {
              state.paused(e.toString());
              LOG.warnf("EIS-1102 commands at %s wait for the database: %s", where, e.toString());
            })
        .onFailure(outages::isOutage)
        .retry()
        .withBackOff(OUTAGE_FIRST_BACKOFF, OUTAGE_MAX_BACKOFF)
        .indefinitely()
        .invoke(state::flowing);
  }

  private Uni<IntakeResult> handle(
      SpecificRecord record, String key, String origin, String traceParent) {
    if (record instanceof ReplaySagas r) {
      return replays.handle(r);
    }
    var kindCommand = KindWires.toCommand(record);
    if (kindCommand.isPresent()) {
      return intake.submit(kindCommand.get(), key, origin, traceParent);
    }
    // An event or another known record on the command topic is not a command.
    return Uni.createFrom()
        .failure(
            new UndecodableRecordException(
                record.getSchema().getName() + " is not a command", null));
  }

  private static String origin(Message<?> message) {
    return message
        .getMetadata(IncomingKafkaRecordMetadata.class)
        .map(m -> m.getTopic() + "/" + m.getPartition() + "@" + m.getOffset())
        .orElse("?");
  }
}
