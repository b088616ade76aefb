package com.ecsimagesaga.port;

import java.time.Instant;
import java.util.UUID;

/**
 * A bulk replay: which sagas, how far it got, what it did.
 *
 * @param mode RESUME or RESTART
 * @param dryRun only plan and list, change nothing
 * @param status RUNNING or DONE
 * @param matched failed sagas that matched the filter when the job started
 * @param processed sagas looked at so far
 * @param replayed sagas replayed (dry run: that would be replayed)
 * @param skipped sagas refused, changed meanwhile or not replayable because the cloud could not be
 *     asked
 * @param cursor the last saga looked at; the job goes on after it, also after a restart
 */
public record ReplayJob(
    UUID id,
    String actor,
    String reason,
    String mode,
    boolean dryRun,
    SagaFilter filter,
    String status,
    int matched,
    int processed,
    int replayed,
    int skipped,
    SagaPage.Position cursor,
    Instant createdAt,
    Instant updatedAt,
    Instant finishedAt) {

  public boolean done() {
    return "DONE".equals(status);
  }

  /** This job after one more slice of sagas. */
  public ReplayJob advanced(
      int looked, int replayedNow, SagaPage.Position next, boolean finished, Instant now) {
    return new ReplayJob(
        id,
        actor,
        reason,
        mode,
        dryRun,
        filter,
        finished ? "DONE" : status,
        matched,
        processed + looked,
        replayed + replayedNow,
        skipped + (looked - replayedNow),
        next == null ? cursor : next,
        createdAt,
        now,
        finished ? now : finishedAt);
  }
}
