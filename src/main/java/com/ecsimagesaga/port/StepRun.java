package com.ecsimagesaga.port;

import java.time.Instant;

/**
 * One run of a saga step in its history: the first execution, every retry and poll of the same step
 * folded into one entry.
 *
 * @param executions how often the step ran (calls made, polls included)
 * @param maxAttempt the highest failed-attempt count reached
 * @param outcomeStatus the saga's status after the last execution
 * @param outcomeStep the step the saga moved to after the last execution
 * @param progress the last image progress seen, in percent
 * @param errorCount executions that ended in a cloud error
 * @param lastErrorCode the last ECS error code, or null
 * @param lastRequestId the ECS request id of the last error, or null
 * @param quotaWaitMs how long the step run waited for ECS quota (the service's rate budget, a hold
 *     ECS asked for, throttling), in milliseconds
 */
public record StepRun(
    String step,
    Instant startedAt,
    Instant firstAt,
    Instant lastAt,
    int executions,
    int maxAttempt,
    String outcomeStatus,
    String outcomeStep,
    int progress,
    int errorCount,
    String lastErrorCode,
    String lastRequestId,
    String imageId,
    long quotaWaitMs) {}
