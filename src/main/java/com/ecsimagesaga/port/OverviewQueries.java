package com.ecsimagesaga.port;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;

/** The numbers of the operator console's overview, read from the saga store in one go. */
public interface OverviewQueries {

  /**
   * How many sagas of a type are in a status.
   *
   * @param type the saga type, for example CREATE_IMAGE
   * @param status a saga status
   */
  record Count(String type, String status, long count) {}

  /**
   * How many sagas ended with one failure code.
   *
   * @param code the ECS (or service) error code of the failure
   * @param count sagas that failed with it in the window
   * @param lastMessage the message of the latest of them
   * @param lastSagaId the latest of them
   */
  record FailureCount(String code, long count, String lastMessage, String lastSagaId) {}

  /**
   * One region's unfinished sagas.
   *
   * @param active sagas not finished
   * @param waitingForQuota unfinished sagas whose current step has waited for ECS quota (the
   *     service's rate budget, a hold ECS asked for, or throttling)
   */
  record RegionLoad(String regionId, long active, long waitingForQuota) {}

  /**
   * @param sagas counts by type and status (combinations with no saga are left out)
   * @param stuck unfinished sagas overdue for their next step, or past their deadline, by more than
   *     the threshold
   * @param outboxBacklog events stored but not yet published
   * @param failures failure codes of sagas that failed since the window's start, most frequent
   *     first
   * @param regions regions with unfinished sagas
   */
  record Overview(
      List<Count> sagas,
      long stuck,
      long outboxBacklog,
      List<FailureCount> failures,
      List<RegionLoad> regions) {}

  /**
   * Reads the overview.
   *
   * @param stuckBefore a saga due, or past its deadline, before this instant counts as stuck
   * @param failedSince the start of the failure window
   */
  Uni<Overview> overview(Instant stuckBefore, Instant failedSince);
}
