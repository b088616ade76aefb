package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.port.SagaFilter;
import java.time.Instant;
import java.util.List;

/**
 * A bulk replay request: the filter (all fields optional) and how to replay.
 *
 * @param statuses any of FAILED, COMPENSATED, COMPENSATION_FAILED (empty: all three)
 * @param type CREATE_IMAGE or DELETE_IMAGE
 * @param source instance, snapshot, disk-mappings, or image (delete sagas)
 * @param from sagas created at or after
 * @param to sagas created before
 * @param dryRun only list what would be replayed
 */
public record ReplayJobJson(
    List<String> statuses,
    String type,
    String regionId,
    String errorCode,
    String source,
    Instant from,
    Instant to,
    String mode,
    String reason,
    Boolean dryRun) {

  SagaFilter filter() {
    return new SagaFilter(statuses, type, regionId, errorCode, null, source, from, to);
  }
}
