package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.port.ReplayAudit;
import com.ecsimagesaga.port.ReplayJob;
import com.ecsimagesaga.port.SagaFilter;
import java.time.Instant;
import java.util.List;

/**
 * A bulk replay job as the API shows it, with what it did to each saga so far (a dry run: what it
 * would do).
 */
public record ReplayJobView(
    String id,
    String status,
    boolean dryRun,
    String mode,
    String requestedBy,
    String reason,
    SagaFilter filter,
    int matched,
    int processed,
    int replayed,
    int skipped,
    Instant createdAt,
    Instant updatedAt,
    Instant finishedAt,
    List<Item> items) {

  /**
   * One saga in the job: REPLAYED / WOULD_REPLAY, REFUSED, CONFLICT or ERROR, and what it meant.
   */
  public record Item(String sagaId, String result, String detail, Instant at) {}

  static ReplayJobView of(ReplayJob j, List<ReplayAudit> items) {
    return new ReplayJobView(
        j.id().toString(),
        j.status(),
        j.dryRun(),
        j.mode(),
        j.actor(),
        j.reason(),
        j.filter(),
        j.matched(),
        j.processed(),
        j.replayed(),
        j.skipped(),
        j.createdAt(),
        j.updatedAt(),
        j.finishedAt(),
        items.stream()
            .map(a -> new Item(String.valueOf(a.sagaId()), a.result(), a.detail(), a.at()))
            .toList());
  }
}
