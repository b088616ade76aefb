package com.ecsimagesaga.app;

import com.ecsimagesaga.port.ReplayJob;
import com.ecsimagesaga.port.ReplayJobs;
import com.ecsimagesaga.port.SagaFilter;
import com.ecsimagesaga.port.SagaQueries;
import com.ecsimagesaga.saga.Replay;
import com.ecsimagesaga.saga.Saga;
import com.ecsimagesaga.saga.SagaStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Replays every failed saga that matches a query, as a job that runs server-side in slices: each
 * pass replays at most {@code perPass} sagas, one after the other, and stores where it got to. The
 * pace bounds the ECS calls a job adds; the stored cursor lets a job go on after a restart.
 */
public final class BulkReplay {

  private static final Logger LOG = Logger.getLogger(BulkReplay.class);
  private static final List<String> FAILED =
      Replay.REPLAYABLE.stream().map(SagaStatus::name).sorted().toList();

  private final ReplaySaga replay;
  private final ReplayJobs jobs;
  private final SagaQueries queries;
  private final Clock clock;
  private final String owner;
  private final int perPass;
  private final Duration lease;

  public BulkReplay(
      ReplaySaga replay,
      ReplayJobs jobs,
      SagaQueries queries,
      Clock clock,
      String owner,
      int perPass,
      Duration lease) {
    this.replay = replay;
    this.jobs = jobs;
    this.queries = queries;
    this.clock = clock;
    this.owner = owner;
    this.perPass = perPass;
    this.lease = lease;
  }

  /**
   * Starts a job over the failed sagas matching {@code filter}; other statuses in it are ignored. A
   * job id that exists already starts nothing new and returns that job.
   */
  public Uni<ReplayJob> start(
      UUID jobId,
      SagaFilter filter,
      Replay.Mode mode,
      String actor,
      String reason,
      boolean dryRun) {
    return jobs.find(jobId)
        .chain(
            existing ->
                existing.isPresent()
                    ? Uni.createFrom().item(existing.get())
                    : create(jobId, filter, mode, actor, reason, dryRun));
  }

  private Uni<ReplayJob> create(
      UUID jobId,
      SagaFilter filter,
      Replay.Mode mode,
      String actor,
      String reason,
      boolean dryRun) {
    SagaFilter failedOnly = filter.onlyStatuses(FAILED);
    Instant now = clock.instant();
    return queries
        .count(failedOnly)
        .chain(
            matched -> {
              var job =
                  new ReplayJob(
                      jobId,
                      actor,
                      reason,
                      mode.name(),
                      dryRun,
                      failedOnly,
                      "RUNNING",
                      matched.intValue(),
                      0,
                      0,
                      0,
                      null,
                      now,
                      now,
                      null);
              LOG.infof(
                  "EIS-6010 replay job %s by %s (%s): %s%d failed sagas match %s",
                  job.id(), actor, reason, dryRun ? "dry run, " : "", matched, failedOnly);
              return jobs.create(job).replaceWith(job);
            });
  }

  /** Replays the next slice of one running job. Completes with how many sagas it looked at. */
  public Uni<Integer> runOnce() {
    return jobs.claim(owner, clock.instant(), lease)
        .chain(job -> job.isEmpty() ? Uni.createFrom().item(0) : slice(job.get()));
  }

  private Uni<Integer> slice(ReplayJob job) {
    return queries
        .search(job.filter(), perPass, job.cursor())
        .chain(
            page -> {
              var request =
                  Multi.createFrom()
                      .iterable(page.sagas())
                      .onItem()
                      .transformToUniAndConcatenate(s -> replay.replay(s, requestFor(job, s)))
                      .collect()
                      .asList();
              return request.chain(
                  results -> {
                    int replayed =
                        (int)
                            results.stream()
                                .filter(r -> r.replayed() || "WOULD_REPLAY".equals(r.result()))
                                .count();
                    boolean finished = page.next() == null;
                    var next =
                        job.advanced(
                            results.size(), replayed, page.next(), finished, clock.instant());
                    if (finished) {
                      LOG.infof(
                          "EIS-6011 replay job %s done: %d looked at, %d %s, %d skipped",
                          job.id(),
                          next.processed(),
                          next.replayed(),
                          job.dryRun() ? "would be replayed" : "replayed",
                          next.skipped());
                    }
                    return jobs.save(next, owner).replaceWith(results.size());
                  });
            });
  }

  private static ReplaySaga.Request requestFor(ReplayJob job, Saga s) {
    return new ReplaySaga.Request(
        s.id(),
        Replay.Mode.valueOf(job.mode()),
        job.actor(),
        job.reason(),
        "job",
        job.id(),
        job.dryRun());
  }
}
