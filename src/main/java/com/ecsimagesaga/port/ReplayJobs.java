package com.ecsimagesaga.port;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Durable bulk replay jobs. */
public interface ReplayJobs {

  /** Records a new job. */
  Uni<Void> create(ReplayJob job);

  /**
   * Leases the oldest running job that no other instance holds (or that this {@code owner} holds
   * already) until {@code now + lease}.
   */
  Uni<Optional<ReplayJob>> claim(String owner, Instant now, Duration lease);

  /**
   * Stores a job's progress if {@code owner} still holds it; a finished job is released.
   *
   * @return false if another instance took the job over
   */
  Uni<Boolean> save(ReplayJob job, String owner);

  /** The job with this id, if any. */
  Uni<Optional<ReplayJob>> find(UUID id);

  /**
   * What the job did (or, for a dry run, would do) to each saga, in order, at most {@code limit}.
   */
  Uni<List<ReplayAudit>> items(UUID jobId, int limit);
}
