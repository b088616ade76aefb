package com.ecsimagesaga.port;

import java.time.Instant;
import java.util.UUID;

/**
 * One audited replay decision.
 *
 * @param sagaId the saga replayed, or refused
 * @param jobId the bulk replay job it belongs to, or null for a single replay
 * @param actor who asked (the authenticated user, or the Kafka command's requester)
 * @param reason why, in the requester's words
 * @param scope {@code saga}, {@code job} or {@code kafka}
 * @param mode RESUME or RESTART
 * @param result REPLAYED, REFUSED, CONFLICT, WOULD_REPLAY (dry run) or ERROR
 * @param detail what the replay did (the step it resumed at, the image it found) or why it refused
 */
public record ReplayAudit(
    UUID sagaId,
    UUID jobId,
    String actor,
    String reason,
    String scope,
    String mode,
    String result,
    String detail,
    Instant at) {}
