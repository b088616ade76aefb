package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.port.ReplayAudit;
import com.ecsimagesaga.port.ReplayJob;
import com.ecsimagesaga.port.ReplayJobs;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ReplayJobs} in memory, leased as the {@code replay_job} table is: a claim takes the oldest
 * running job (by creation) whose lease is free, ran out before {@code now}, or is the caller's
 * already, and leases it until {@code now + lease}; a save is stored only while the caller holds
 * the lease, and a finished job is released. A job's items are the audit rows that the {@link
 * InMemoryReplayStore} holds for it.
 */
public final class InMemoryReplayJobs implements ReplayJobs {

  /** A job row: the job and its lease. */
  private record Row(ReplayJob job, String leaseOwner, Instant leaseUntil) {}

  private final Map<UUID, Row> rows = new LinkedHashMap<>();
  private final InMemoryReplayStore replays;

  public InMemoryReplayJobs(InMemoryReplayStore replays) {
    this.replays = replays;
  }

  /** The holder of the job's lease, or null. */
  public synchronized String leaseOwner(UUID jobId) {
    Row row = rows.get(jobId);
    return row == null ? null : row.leaseOwner();
  }

  @Override
  public synchronized Uni<Void> create(ReplayJob job) {
    if (rows.containsKey(job.id())) {
      return Uni.createFrom()
          .failure(new IllegalStateException("replay job " + job.id() + " exists already"));
    }
    rows.put(job.id(), new Row(job, null, null));
    return Uni.createFrom().voidItem();
  }

  @Override
  public synchronized Uni<Optional<ReplayJob>> claim(String owner, Instant now, Duration lease) {
    Optional<Row> free =
        rows.values().stream()
            .filter(r -> "RUNNING".equals(r.job().status()))
            .filter(
                r ->
                    owner.equals(r.leaseOwner())
                        || r.leaseUntil() == null
                        || r.leaseUntil().isBefore(now))
            .min(Comparator.comparing(r -> r.job().createdAt()));
    free.ifPresent(r -> rows.put(r.job().id(), new Row(r.job(), owner, now.plus(lease))));
    return Uni.createFrom().item(free.map(Row::job));
  }

  @Override
  public synchronized Uni<Boolean> save(ReplayJob job, String owner) {
    Row row = rows.get(job.id());
    if (row == null || !owner.equals(row.leaseOwner())) {
      return Uni.createFrom().item(false);
    }
    rows.put(
        job.id(), job.done() ? new Row(job, null, null) : new Row(job, owner, row.leaseUntil()));
    return Uni.createFrom().item(true);
  }

  @Override
  public synchronized Uni<Optional<ReplayJob>> find(UUID id) {
    return Uni.createFrom().item(Optional.ofNullable(rows.get(id)).map(Row::job));
  }

  @Override
  public Uni<List<ReplayAudit>> items(UUID jobId, int limit) {
    return Uni.createFrom()
        .item(replays.auditsOfJob(jobId).stream().limit(Math.max(0, limit)).toList());
  }
}
