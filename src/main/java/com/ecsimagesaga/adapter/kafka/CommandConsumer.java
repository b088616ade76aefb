package com.ecsimagesaga.adapter.kafka;

import com.ecsimagesaga.adapter.health.CommandIntakeState;
import com.ecsimagesaga.app.CommandIntake;
import com.ecsimagesaga.app.IntakeResult;
import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.contract.v1.DeleteImage;
import com.ecsimagesaga.contract.v1.ReplaySagas;
import com.ecsimagesaga.contract.v1.UpdateImage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.SocketException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads commands: decode, hand to the intake use case, acknowledge once its effect is durable.
 *
 * <p>Three kinds of failure are told apart, because only one of them is the record's fault:
 *
 * <ul>
 *   <li>A record that is not a command is nacked at once, which sends it to the dead-letter topic
 *       with the reason and its origin in the headers; the partition moves on.
 *   <li>A command that cannot be stored because the database is unreachable is retried with backoff
 *       for as long as the outage lasts. The channel processes records one at a time, so
 *       consumption pauses, no offset is committed past the record, and readiness reports DOWN.
 *       Sending it to the dead-letter topic would lose a valid command for an outage it did not
 *       cause.
 *   <li>Any other failure (a write conflict with another instance, a defect triggered by odd
 *       values) is retried once, at once; if it fails again the record is poison and goes to the
 *       dead-letter topic, so one bad record holds up its partition for two attempts only.
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

  /**
   * SQLSTATE classes and codes that mean "the server is not there right now", not "this row is
   * wrong".
   */
  private static final Set<String> TRANSIENT_SQLSTATE_PREFIXES =
      Set.of("08", "57P", "53", "40001", "40P01");

  private final AvroCodec codec = new AvroCodec();

  @Inject CommandIntake intake;
  @Inject ReplayCommandHandler replays;
  @Inject CommandIntakeState state;

  @Incoming("commands")
  public Uni<Void> consume(Message<byte[]> message) {
    SpecificRecord record;
    try {
      record = codec.decode(message.getPayload());
    } catch (UndecodableRecordException e) {
      LOG.warnf("EIS-1100 record at %s is not a command: %s", origin(message), e.getMessage());
      return Uni.createFrom().completionStage(message.nack(e));
    }
    return takeIn(record, message)
        .chain(result -> Uni.createFrom().completionStage(message.ack()))
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
   * Runs the intake, and every retry of it, on the Vert.x context the record arrived on: Hibernate
   * Reactive binds its session to that context, and Mutiny's backoff would otherwise resubscribe on
   * a plain worker thread.
   */
  private Uni<IntakeResult> takeIn(SpecificRecord record, Message<byte[]> message) {
    Context context = Vertx.currentContext();
    String traceParent = KafkaTraces.traceParentOf(message);
    Uni<IntakeResult> attempt =
        Uni.createFrom().deferred(() -> handle(record, origin(message), traceParent));
    if (context != null) {
      attempt = attempt.runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
    }
    return attempt
        .onFailure(CommandConsumer::isOutage)
        .invoke(
            e -> {
              state.paused(e.toString());
              LOG.warnf(
                  "EIS-1102 command at %s waits for the database: %s",
                  origin(message), e.toString());
            })
        .onFailure(CommandConsumer::isOutage)
        .retry()
        .withBackOff(OUTAGE_FIRST_BACKOFF, OUTAGE_MAX_BACKOFF)
        .indefinitely()
        .onFailure(e -> !(e instanceof UndecodableRecordException))
        .retry()
        .atMost(OTHER_RETRIES)
        .invoke(state::flowing);
  }

  private Uni<IntakeResult> handle(SpecificRecord record, String origin, String traceParent) {
    if (record instanceof CreateImage c) {
      return intake.createImage(CommandMapper.toDomain(c), origin, traceParent);
    }
    if (record instanceof DeleteImage d) {
      return intake.deleteImage(CommandMapper.toDomain(d), origin, traceParent);
    }
    if (record instanceof UpdateImage u) {
      return intake.updateImage(CommandMapper.toDomain(u), origin, traceParent);
    }
    if (record instanceof ReplaySagas r) {
      return replays.handle(r);
    }
    // An event or another known record on the command topic is not a command.
    return Uni.createFrom()
        .failure(
            new UndecodableRecordException(
                record.getSchema().getName() + " is not a command", null));
  }

  /**
   * Whether a failure means the database cannot be reached (or refuses work for now), whatever
   * wraps it.
   */
  static boolean isOutage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SocketException
          || t instanceof ClosedConnectionException
          || t instanceof TimeoutException
          || t instanceof java.nio.channels.ClosedChannelException) {
        return true;
      }
      if (t instanceof PgException pg
          && pg.getSqlState() != null
          && TRANSIENT_SQLSTATE_PREFIXES.stream().anyMatch(pg.getSqlState()::startsWith)) {
        return true;
      }
      String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      // The reactive client reports some lost connections only in words, without a typed exception.
      if (text.contains("connection refused")
          || text.contains("connection reset")
          || text.contains("connection is closed")
          || text.contains("connection closed")
          || text.contains("failed to read any response")) {
        return true;
      }
    }
    return false;
  }

  private static String origin(Message<byte[]> message) {
    return message
        .getMetadata(IncomingKafkaRecordMetadata.class)
        .map(m -> m.getTopic() + "/" + m.getPartition() + "@" + m.getOffset())
        .orElse("?");
  }
}
