package com.ecsimagesaga.adapter.kafka;

import com.ecsimagesaga.app.BulkReplay;
import com.ecsimagesaga.app.IntakeResult;
import com.ecsimagesaga.app.ReplaySaga;
import com.ecsimagesaga.contract.v1.ReplaySagas;
import com.ecsimagesaga.port.SagaFilter;
import com.ecsimagesaga.saga.Replay;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The {@code ReplaySagas} command from the command topic: named sagas are replayed at once, one
 * after the other; a filter starts a throttled bulk replay job whose id is derived from the command
 * id, so a redelivered command starts no second job. An unusable command fails, which sends it to
 * the dead-letter topic with the reason.
 */
@ApplicationScoped
public class ReplayCommandHandler {

  private static final Logger LOG = Logger.getLogger(ReplayCommandHandler.class);

  @Inject BulkReplay bulk;
  @Inject ReplaySaga replay;

  /** The id of the job a ReplaySagas command with this id starts. */
  public static UUID jobId(String commandId) {
    return UUID.nameUUIDFromBytes(("replay:" + commandId).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Carries out the command. Completes with {@code Started(jobId)} for a job, {@code Duplicate} for
   * named sagas.
   */
  public Uni<IntakeResult> handle(ReplaySagas c) {
    Replay.Mode mode;
    List<UUID> sagaIds;
    try {
      mode = Replay.Mode.valueOf(c.getMode().trim().toUpperCase(Locale.ROOT));
      sagaIds = c.getSagaIds().stream().map(UUID::fromString).toList();
    } catch (IllegalArgumentException e) {
      return Uni.createFrom()
          .failure(
              new UndecodableRecordException(
                  "EIS-6301 ReplaySagas "
                      + c.getCommandId()
                      + " is unusable: mode must be resume or restart and sagaIds UUIDs",
                  e));
    }
    if (c.getReason().isBlank() || c.getRequestedBy().isBlank()) {
      return Uni.createFrom()
          .failure(
              new UndecodableRecordException(
                  "EIS-6302 ReplaySagas " + c.getCommandId() + " needs requestedBy and reason",
                  null));
    }
    if (!sagaIds.isEmpty()) {
      return replayEach(c, mode, sagaIds);
    }
    var filter =
        new SagaFilter(
            c.getStatuses(),
            c.getSagaType(),
            c.getRegionId(),
            c.getErrorCode(),
            null,
            c.getSource(),
            c.getCreatedFrom(),
            c.getCreatedTo());
    return bulk.start(
            jobId(c.getCommandId()), filter, mode, c.getRequestedBy(), c.getReason(), c.getDryRun())
        .map(job -> new IntakeResult.Started(job.id()));
  }

  private Uni<IntakeResult> replayEach(ReplaySagas c, Replay.Mode mode, List<UUID> sagaIds) {
    return Multi.createFrom()
        .iterable(sagaIds)
        .onItem()
        .transformToUniAndConcatenate(
            id ->
                replay.replay(
                    new ReplaySaga.Request(
                        id, mode, c.getRequestedBy(), c.getReason(), "kafka", null, c.getDryRun())))
        .collect()
        .asList()
        .map(
            results -> {
              LOG.infof(
                  "EIS-6303 ReplaySagas %s by %s: %s",
                  c.getCommandId(),
                  c.getRequestedBy(),
                  results.stream().map(r -> r.sagaId() + "=" + r.result()).toList());
              return new IntakeResult.Duplicate(c.getCommandId());
            });
  }
}
