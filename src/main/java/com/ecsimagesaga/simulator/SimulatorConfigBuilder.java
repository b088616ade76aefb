package com.ecsimagesaga.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Fluent builder of {@link SimulatorConfig}; every setter returns this builder. */
public final class SimulatorConfigBuilder {
  private String bindAddress = "127.0.0.1";
  private int apiPort;
  private int controlPort;
  private String accessKeyId = SimulatorConfig.DEFAULT_ACCESS_KEY_ID;
  private String accessKeySecret = SimulatorConfig.DEFAULT_ACCESS_KEY_SECRET;
  private double speedFactor = 1.0;
  private Clock clock = Clock.systemUTC();
  private Duration waitingDuration = Duration.ofSeconds(2);
  private Duration creatingDuration = Duration.ofSeconds(20);
  private Duration snapshotDuration = Duration.ofSeconds(10);
  private int imageQuotaPerRegion = 100;
  private boolean deleteUnknownImageFails;
  private boolean deleteCreatingImageFails;
  private boolean clampPageSize;
  private Duration timestampTolerance = Duration.ofMinutes(15);
  private final Map<String, Integer> rateLimitsPerMinute = new HashMap<>();
  private String idempotencyMismatchCode = "IdempotentParameterMismatch";
  private String tokenInFlightCode = "LastTokenProcessing";
  private Duration clientTokenRetention = Duration.ofHours(24);
  private final Set<String> regions = new LinkedHashSet<>(EcsRegions.PUBLIC);
  private final Set<String> failingCopyRegions = new LinkedHashSet<>();

  SimulatorConfigBuilder() {}

  SimulatorConfigBuilder(SimulatorConfig c) {
    bindAddress = c.bindAddress();
    apiPort = c.apiPort();
    controlPort = c.controlPort();
    accessKeyId = c.accessKeyId();
    accessKeySecret = c.accessKeySecret();
    speedFactor = c.speedFactor();
    clock = c.clock();
    waitingDuration = c.waitingDuration();
    creatingDuration = c.creatingDuration();
    snapshotDuration = c.snapshotDuration();
    imageQuotaPerRegion = c.imageQuotaPerRegion();
    deleteUnknownImageFails = c.deleteUnknownImageFails();
    deleteCreatingImageFails = c.deleteCreatingImageFails();
    clampPageSize = c.clampPageSize();
    timestampTolerance = c.timestampTolerance();
    rateLimitsPerMinute.putAll(c.rateLimitsPerMinute());
    idempotencyMismatchCode = c.idempotencyMismatchCode();
    tokenInFlightCode = c.tokenInFlightCode();
    clientTokenRetention = c.clientTokenRetention();
    regions.clear();
    regions.addAll(c.regions());
    failingCopyRegions.addAll(c.failingCopyRegions());
  }

  /** Address to bind; default {@code 127.0.0.1}. */
  public SimulatorConfigBuilder bindAddress(String value) {
    bindAddress = value;
    return this;
  }

  /** ECS API port; 0 (default) picks a free one. */
  public SimulatorConfigBuilder apiPort(int value) {
    apiPort = value;
    return this;
  }

  /** Control API port; 0 (default) picks a free one, negative disables the control server. */
  public SimulatorConfigBuilder controlPort(int value) {
    controlPort = value;
    return this;
  }

  /** AccessKeyId the API accepts; default {@code sim-access-key-id}. */
  public SimulatorConfigBuilder accessKeyId(String value) {
    accessKeyId = value;
    return this;
  }

  /** AccessKeySecret for signature checks; default {@code sim-access-key-secret}. */
  public SimulatorConfigBuilder accessKeySecret(String value) {
    accessKeySecret = value;
    return this;
  }

  /** Divisor for every lifecycle duration; 1000 makes a default image Available in about 22 ms. */
  public SimulatorConfigBuilder speedFactor(double value) {
    speedFactor = value;
    return this;
  }

  /** Clock for lifecycles, timestamps and rate-limit windows; default system UTC. */
  public SimulatorConfigBuilder clock(Clock value) {
    clock = value;
    return this;
  }

  /** Time an image spends in {@code Waiting} before the speed factor; default 2 s. */
  public SimulatorConfigBuilder waitingDuration(Duration value) {
    waitingDuration = value;
    return this;
  }

  /** Time an image spends in {@code Creating} before the speed factor; default 20 s. */
  public SimulatorConfigBuilder creatingDuration(Duration value) {
    creatingDuration = value;
    return this;
  }

  /** Time a snapshot spends {@code progressing} before the speed factor; default 10 s. */
  public SimulatorConfigBuilder snapshotDuration(Duration value) {
    snapshotDuration = value;
    return this;
  }

  /** Live custom images allowed per region; default 100 as in the ECS limits page. */
  public SimulatorConfigBuilder imageQuotaPerRegion(int value) {
    imageQuotaPerRegion = value;
    return this;
  }

  /**
   * Answer DeleteImage of an unknown id with 404 {@code InvalidImageId.NotFound} instead of 200.
   */
  public SimulatorConfigBuilder deleteUnknownImageFails(boolean value) {
    deleteUnknownImageFails = value;
    return this;
  }

  /**
   * Answer DeleteImage of a Waiting/Creating image with 403 {@code ImageIsCreating} instead of
   * deleting it.
   */
  public SimulatorConfigBuilder deleteCreatingImageFails(boolean value) {
    deleteCreatingImageFails = value;
    return this;
  }

  /** Clamp PageSize above 100 instead of answering 400 {@code InvalidParameter}. */
  public SimulatorConfigBuilder clampPageSize(boolean value) {
    clampPageSize = value;
    return this;
  }

  /** Allowed clock skew of the request Timestamp; default 15 minutes. */
  public SimulatorConfigBuilder timestampTolerance(Duration value) {
    timestampTolerance = value;
    return this;
  }

  /**
   * Limit an action to {@code callsPerMinute} per region and clock minute ({@code Throttling.User}
   * beyond).
   */
  public SimulatorConfigBuilder rateLimit(String action, int callsPerMinute) {
    rateLimitsPerMinute.put(action, callsPerMinute);
    return this;
  }

  /**
   * Code for a reused ClientToken with other parameters: IdempotentParameterMismatch (default),
   * IdempotenceParamNotMatch or InvalidParamter.Conflict.
   */
  public SimulatorConfigBuilder idempotencyMismatchCode(String value) {
    idempotencyMismatchCode = value;
    return this;
  }

  /**
   * Code for a ClientToken still in flight: LastTokenProcessing (default) or IdempotentProcessing.
   */
  public SimulatorConfigBuilder tokenInFlightCode(String value) {
    tokenInFlightCode = value;
    return this;
  }

  /** How long a ClientToken is remembered (simulated time); default 24 hours. */
  public SimulatorConfigBuilder clientTokenRetention(Duration value) {
    clientTokenRetention = value;
    return this;
  }

  /**
   * Replaces the limit of every action ({@code Throttling.User} beyond); an empty map means no
   * limit.
   */
  public SimulatorConfigBuilder rateLimits(Map<String, Integer> callsPerMinute) {
    rateLimitsPerMinute.clear();
    rateLimitsPerMinute.putAll(callsPerMinute);
    return this;
  }

  /** The region ids the API knows, replacing the default list of public ECS regions. */
  public SimulatorConfigBuilder regions(Collection<String> value) {
    regions.clear();
    regions.addAll(value);
    return this;
  }

  /** One more region the API knows, besides the ones already set. */
  public SimulatorConfigBuilder addRegion(String regionId) {
    regions.add(regionId);
    return this;
  }

  /**
   * Destination regions where CopyImage copies fail: a copy started into one of them ends {@code
   * CreateFailed} instead of Available (replaces the set; empty = every copy succeeds).
   */
  public SimulatorConfigBuilder failingCopyRegions(Collection<String> value) {
    failingCopyRegions.clear();
    failingCopyRegions.addAll(value);
    return this;
  }

  /** Freezes the settings. */
  public SimulatorConfig build() {
    return new SimulatorConfig(
        bindAddress,
        apiPort,
        controlPort,
        accessKeyId,
        accessKeySecret,
        speedFactor,
        clock,
        waitingDuration,
        creatingDuration,
        snapshotDuration,
        imageQuotaPerRegion,
        deleteUnknownImageFails,
        deleteCreatingImageFails,
        clampPageSize,
        timestampTolerance,
        rateLimitsPerMinute,
        idempotencyMismatchCode,
        tokenInFlightCode,
        clientTokenRetention,
        regions,
        failingCopyRegions);
  }
}
