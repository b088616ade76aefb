package com.ecsimagesaga.adapter.persistence;

import com.ecsimagesaga.port.ReplayAudit;
import com.ecsimagesaga.port.ReplayJob;
import com.ecsimagesaga.port.ReplayJobs;
import com.ecsimagesaga.port.SagaPage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link ReplayJobs} on PostgreSQL; a job is leased to one instance at a time like a saga. */
@ApplicationScoped
public class PanacheReplayJobs implements ReplayJobs {

  private static final String CLAIM =
      """
      update replay_job set lease_owner = :owner, lease_until = :until, version = version + 1
      where id = (select id from replay_job
                  where status = 'RUNNING' and (lease_owner = :owner or lease_until is null or lease_until < :now)
                  order by created_at limit 1 for update skip locked)
      returning *""";

  @Override
  public Uni<Void> create(ReplayJob job) {
    ReplayJobEntity e = new ReplayJobEntity();
    e.id = job.id();
    e.actor = job.actor();
    e.reason = job.reason();
    e.mode = job.mode();
    e.dryRun = job.dryRun();
    e.filter = SagaFilterJson.write(job.filter());
    e.createdAt = job.createdAt();
    copy(job, e);
    return Panache.withTransaction(e::persist).replaceWithVoid();
  }

  @Override
  public Uni<Optional<ReplayJob>> claim(String owner, Instant now, Duration lease) {
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(CLAIM, ReplayJobEntity.class)
                                .setParameter("owner", owner)
                                .setParameter("until", now.plus(lease))
                                .setParameter("now", now)
                                .getResultList()))
        .map(rows -> rows.stream().findFirst().map(PanacheReplayJobs::toJob));
  }

  @Override
  public Uni<Boolean> save(ReplayJob job, String owner) {
    return Panache.withTransaction(
        () ->
            ReplayJobEntity.<ReplayJobEntity>findById(job.id())
                .map(
                    e -> {
                      if (e == null || !owner.equals(e.leaseOwner)) {
                        return false;
                      }
                      copy(job, e);
                      if (job.done()) {
                        e.leaseOwner = null;
                        e.leaseUntil = null;
                      }
                      return true;
                    }));
  }

  @Override
  public Uni<Optional<ReplayJob>> find(UUID id) {
    return Panache.withSession(() -> ReplayJobEntity.<ReplayJobEntity>findById(id))
        .map(e -> Optional.ofNullable(e).map(PanacheReplayJobs::toJob));
  }

  @Override
  public Uni<List<ReplayAudit>> items(UUID jobId, int limit) {
    return Panache.withSession(
            () ->
                ReplayAuditEntity.<ReplayAuditEntity>find("jobId = ?1 order by id", jobId)
                    .page(0, limit)
                    .list())
        .map(rows -> rows.stream().map(ReplayAuditEntity::toAudit).toList());
  }

  private static void copy(ReplayJob job, ReplayJobEntity e) {
    e.status = job.status();
    e.matched = job.matched();
    e.processed = job.processed();
    e.replayed = job.replayed();
    e.skipped = job.skipped();
    e.cursorCreatedAt = job.cursor() == null ? null : job.cursor().createdAt();
    e.cursorId = job.cursor() == null ? null : job.cursor().id();
    e.updatedAt = job.updatedAt();
    e.finishedAt = job.finishedAt();
  }

  private static ReplayJob toJob(ReplayJobEntity e) {
    SagaPage.Position cursor =
        e.cursorId == null ? null : new SagaPage.Position(e.cursorCreatedAt, e.cursorId);
    return new ReplayJob(
        e.id,
        e.actor,
        e.reason,
        e.mode,
        e.dryRun,
        SagaFilterJson.read(e.filter),
        e.status,
        e.matched,
        e.processed,
        e.replayed,
        e.skipped,
        cursor,
        e.createdAt,
        e.updatedAt,
        e.finishedAt);
  }
}
