package com.ecsimagesaga.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable settings of one simulator instance. Durations are "real world" values; the simulator
 * divides them by {@link #speedFactor()} so tests can run the same lifecycle in milliseconds.
 *
 * @param bindAddress address both ports bind to
 * @param apiPort ECS API port, 0 = ephemeral
 * @param controlPort control API port, 0 = ephemeral, negative = no control server
 * @param accessKeyId the only AccessKeyId the API accepts
 * @param accessKeySecret its secret, used to verify request signatures
 * @param speedFactor divisor applied to every lifecycle duration (1.0 = realistic)
 * @param clock source of "now" for lifecycles, timestamps and rate-limit windows
 * @param waitingDuration how long a new image stays {@code Waiting}
 * @param creatingDuration how long an image stays {@code Creating}
 * @param snapshotDuration how long a snapshot stays {@code progressing}
 * @param imageQuotaPerRegion live custom images allowed per region ({@code QuotaExceed.Image}
 *     beyond)
 * @param deleteUnknownImageFails DeleteImage of an unknown id answers 404 instead of the documented
 *     200
 * @param deleteCreatingImageFails DeleteImage of an image still being created answers 403 {@code
 *     ImageIsCreating} (older documentation) instead of deleting it
 * @param clampPageSize PageSize above 100 is clamped instead of rejected with 400
 * @param timestampTolerance allowed skew of the request {@code Timestamp} ({@code
 *     IllegalTimestamp})
 * @param rateLimitsPerMinute calls allowed per action, per region, per clock minute; empty = no
 *     limit
 * @param idempotencyMismatchCode error code for same ClientToken with other parameters
 * @param tokenInFlightCode error code for a ClientToken whose first request is still being
 *     processed
 * @param clientTokenRetention how long a ClientToken is remembered (ECS does not document it);
 *     after that the same token creates a new image
 * @param regions the region ids the API knows; any other {@code RegionId} is answered 404 {@code
 *     InvalidRegionId.NotFound} (default: {@link EcsRegions#PUBLIC})
 * @param failingCopyRegions destination regions where every CopyImage copy started from now on ends
 *     {@code CreateFailed} (at half its progress) instead of Available; empty by default
 */
public record SimulatorConfig(
    String bindAddress,
    int apiPort,
    int controlPort,
    String accessKeyId,
    String accessKeySecret,
    double speedFactor,
    Clock clock,
    Duration waitingDuration,
    Duration creatingDuration,
    Duration snapshotDuration,
    int imageQuotaPerRegion,
    boolean deleteUnknownImageFails,
    boolean deleteCreatingImageFails,
    boolean clampPageSize,
    Duration timestampTolerance,
    Map<String, Integer> rateLimitsPerMinute,
    String idempotencyMismatchCode,
    String tokenInFlightCode,
    Duration clientTokenRetention,
    Set<String> regions,
    Set<String> failingCopyRegions) {

  /** The codes ECS documents for a reused ClientToken with other parameters. */
  public static final List<String> IDEMPOTENCY_MISMATCH_CODES =
      List.of(
          "IdempotentParameterMismatch", "IdempotenceParamNotMatch", "InvalidParamter.Conflict");

  /** The codes seen for a ClientToken whose first request is still being processed. */
  public static final List<String> TOKEN_IN_FLIGHT_CODES =
      List.of("LastTokenProcessing", "IdempotentProcessing");

  /** The AccessKeyId accepted unless configured otherwise. */
  public static final String DEFAULT_ACCESS_KEY_ID = "sim-access-key-id";

  /** The AccessKeySecret matching {@link #DEFAULT_ACCESS_KEY_ID}. */
  public static final String DEFAULT_ACCESS_KEY_SECRET = "sim-access-key-secret";

  /** Validates and freezes the settings. */
  public SimulatorConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(accessKeySecret, "accessKeySecret");
    Objects.requireNonNull(clock, "clock");
    if (!(speedFactor > 0)) {
      throw new IllegalArgumentException("speedFactor must be positive: " + speedFactor);
    }
    rateLimitsPerMinute = Map.copyOf(rateLimitsPerMinute);
    rateLimitsPerMinute.forEach(
        (action, limit) -> {
          if (limit < 0) {
            throw new IllegalArgumentException(
                "rate limit of " + action + " is negative: " + limit);
          }
        });
    Objects.requireNonNull(clientTokenRetention, "clientTokenRetention");
    Objects.requireNonNull(timestampTolerance, "timestampTolerance");
    Objects.requireNonNull(waitingDuration, "waitingDuration");
    Objects.requireNonNull(creatingDuration, "creatingDuration");
    Objects.requireNonNull(snapshotDuration, "snapshotDuration");
    if (!IDEMPOTENCY_MISMATCH_CODES.contains(idempotencyMismatchCode)) {
      throw new IllegalArgumentException(
          "idempotencyMismatchCode must be one of "
              + IDEMPOTENCY_MISMATCH_CODES
              + ": "
              + idempotencyMismatchCode);
    }
    if (!TOKEN_IN_FLIGHT_CODES.contains(tokenInFlightCode)) {
      throw new IllegalArgumentException(
          "tokenInFlightCode must be one of " + TOKEN_IN_FLIGHT_CODES + ": " + tokenInFlightCode);
    }
    if (imageQuotaPerRegion < 0) {
      throw new IllegalArgumentException("imageQuotaPerRegion is negative: " + imageQuotaPerRegion);
    }
    regions = Set.copyOf(regions);
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("regions must name at least one region");
    }
    failingCopyRegions = Set.copyOf(failingCopyRegions);
  }

  /**
   * A builder preset with the defaults: ephemeral ports on 127.0.0.1, speed 1.0, system UTC clock.
   */
  public static SimulatorConfigBuilder builder() {
    return new SimulatorConfigBuilder();
  }

  /** The defaults, equivalent to {@code builder().build()}. */
  public static SimulatorConfig defaults() {
    return builder().build();
  }

  /** A builder preset with every value of this config. */
  public SimulatorConfigBuilder toBuilder() {
    return new SimulatorConfigBuilder(this);
  }
}
