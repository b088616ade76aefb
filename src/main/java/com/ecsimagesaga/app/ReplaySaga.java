package com.ecsimagesaga.app;

import com.ecsimagesaga.port.ImageLookup;
import com.ecsimagesaga.port.ReplayAudit;
import com.ecsimagesaga.port.ReplayStore;
import com.ecsimagesaga.port.SagaStore;
import com.ecsimagesaga.saga.Replay;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaKinds;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Replays one failed saga: look at the cloud first, plan the replay, store it with its audit row.
 * Used for single replays and by every bulk replay job.
 */
public final class ReplaySaga {

  private static final Logger LOG = Logger.getLogger(ReplaySaga.class);

  private final SagaStore sagas;
  private final ReplayStore replays;
  private final ImageLookup lookup;
  private final SagaKinds kinds;
  private final Clock clock;

  public ReplaySaga(
      SagaStore sagas, ReplayStore replays, ImageLookup lookup, SagaKinds kinds, Clock clock) {
    this.kinds = kinds;
    this.sagas = sagas;
    this.replays = replays;
    this.lookup = lookup;
    this.clock = clock;
  }

  /**
   * Who asks, why, and in which context.
   *
   * @param jobId the bulk job, or null
   * @param scope {@code saga}, {@code job} or {@code kafka}
   * @param dryRun plan and audit only, change nothing
   */
  public record Request(
      UUID sagaId,
      Replay.Mode mode,
      String actor,
      String reason,
      String scope,
      UUID jobId,
      boolean dryRun) {}

  /**
   * What happened: the result as audited, the step the saga runs next, and a sentence for people.
   */
  public record Result(UUID sagaId, String result, String step, String detail) {
    public boolean replayed() {
      return "REPLAYED".equals(result);
    }
  }

  /** Replays the saga, or explains why not. Completes with NOT_FOUND when there is no such saga. */
  public Uni<Result> replay(Request r) {
    return sagas
        .find(r.sagaId())
        .chain(
            found ->
                found.isEmpty()
                    ? Uni.createFrom()
                        .item(new Result(r.sagaId(), "NOT_FOUND", null, "no saga " + r.sagaId()))
                    : replay(found.get(), r));
  }

  /** Replays a saga already read (bulk jobs read their sagas in pages). */
  public Uni<Result> replay(Saga s, Request r) {
    if (!Replay.REPLAYABLE.contains(s.status())) {
      var refused = Replay.plan(kinds, s, r.mode(), Optional.empty(), clock.instant());
      return record(s, r, "REFUSED", null, refused.refusal());
    }
    return cloudState(s)
        .chain(
            live -> {
              var plan = Replay.plan(kinds, s, r.mode(), live, clock.instant());
              String detail =
                  r.mode()
                      + " at "
                      + plan.next().step()
                      + live.map(id -> ", found image " + id).orElse("")
                      + (plan.next().tokenGeneration() != s.tokenGeneration()
                          ? ", new ClientToken generation " + plan.next().tokenGeneration()
                          : ", same ClientToken");
              if (r.dryRun()) {
                return record(s, r, "WOULD_REPLAY", plan.next().step().name(), detail);
              }
              var audit = audit(s, r, "REPLAYED", detail);
              return replays
                  .replay(plan.next(), s.version(), audit)
                  .map(
                      written -> {
                        if (!written) {
                          LOG.warnf(
                              "EIS-6002 saga %s step %s attempt %d moved on while being replayed by %s; nothing changed",
                              s.id(), s.step(), s.attempt(), r.actor());
                          return new Result(
                              s.id(),
                              "CONFLICT",
                              null,
                              "the saga changed while it was being replayed; read it and retry");
                        }
                        LOG.infof(
                            "EIS-6001 saga %s replayed by %s (%s): %s; step %s attempt 0",
                            s.id(), r.actor(), r.reason(), detail, plan.next().step());
                        return new Result(s.id(), "REPLAYED", plan.next().step().name(), detail);
                      });
            })
        .onFailure()
        .recoverWithUni(
            e -> {
              LOG.warnf(
                  "EIS-6003 saga %s step %s attempt %d not replayed: the cloud could not be asked (%s)",
                  s.id(), s.step(), s.attempt(), e.getMessage());
              return record(
                  s,
                  r,
                  "ERROR",
                  null,
                  "the cloud could not be asked whether the image exists: " + e.getMessage());
            });
  }

  private Uni<Optional<String>> cloudState(Saga s) {
    if (!kinds.of(s.type()).replayLooksForImage()) {
      return Uni.createFrom().item(Optional.empty());
    }
    return lookup.liveImage(s.regionId(), s.id(), s.imageId());
  }

  private Uni<Result> record(Saga s, Request r, String result, String step, String detail) {
    if (!"WOULD_REPLAY".equals(result)) {
      LOG.infof(
          "EIS-6004 saga %s step %s attempt %d replay by %s: %s (%s)",
          s.id(), s.step(), s.attempt(), r.actor(), result, detail);
    }
    return replays
        .audit(audit(s, r, result, detail))
        .replaceWith(new Result(s.id(), result, step, detail));
  }

  private ReplayAudit audit(Saga s, Request r, String result, String detail) {
    return new ReplayAudit(
        s.id(),
        r.jobId(),
        r.actor(),
        r.reason(),
        r.scope(),
        r.mode().name(),
        result,
        detail,
        clock.instant());
  }
}
