package com.ecsimagesaga.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Saga timing, retries and the coordinator's pace. */
@ConfigMapping(prefix = "saga")
public interface SagaConfig {

  /** How often the coordinator looks for due sagas. */
  @WithDefault("200ms")
  Duration tick();

  /**
   * How long after start the coordinator and the relay begin, so that startup is not slowed down.
   */
  @WithDefault("1s")
  Duration startDelay();

  /** The most sagas one tick advances. */
  @WithDefault("200")
  int batchSize();

  /**
   * How many of this instance's passes may run at once, each claiming its own batch: while one
   * waits for ECS or for its commit, another claims and calls. 1 runs one pass after the other.
   */
  @WithDefault("2")
  int passLanes();

  /**
   * How many claimed sagas' inputs an instance keeps, so that a claim does not read and parse them
   * again (an input never changes); a saga's input is read once per instance while it stays among
   * the most recently claimed this many. 0 reads every input on every claim.
   */
  @WithDefault("20000")
  int inputCacheSize();

  /**
   * How long a claimed saga stays reserved for this instance; longer than any pass (a chain stops
   * at half of it). An instance that dies frees its leases sooner: {@link #leaseTakeoverAfter()}.
   */
  @WithDefault("60s")
  Duration lease();

  /**
   * A lease held by an instance whose last heartbeat ({@code
   * saga.ecs.rate-limit.heartbeat-interval}) is older than this is free to claim: a dead instance's
   * sagas are taken over within about this long plus a tick. An instance whose own heartbeat is
   * older than two thirds of it claims nothing and starts no call. Keep it at least three heartbeat
   * intervals.
   */
  @WithDefault("6s")
  Duration leaseTakeoverAfter();

  /**
   * The most steps one saga takes in one pass: a step whose decision leaves the saga due at once (a
   * source that is ready, a compensation to start) is followed by the next one under the same
   * lease, and the moves are stored together. 1 switches chaining off.
   */
  @WithDefault("3")
  int chainSteps();

  /** The name this instance claims sagas under; defaults to a random id per process. */
  Optional<String> instanceId();

  /** How often the outbox relay publishes waiting events. */
  @WithDefault("100ms")
  Duration relayInterval();

  /**
   * The longest the relay waits while the outbox stays empty: after each pass that found nothing
   * its wait doubles from {@link #relayInterval()} up to this. Events this instance stores wake it
   * at once; events stored by other instances wait at most this long.
   */
  @WithDefault("1s")
  Duration relayIdleInterval();

  /** A saga overdue for its next step, or past its deadline, by this long counts as stuck. */
  @WithDefault("5m")
  Duration stuckAfter();

  /** How often stuck sagas are looked for. */
  @WithDefault("30s")
  Duration stuckCheckInterval();

  /** The most events one relay pass publishes. */
  @WithDefault("500")
  int relayBatchSize();

  /** Creation succeeds once ECS reports the image usable (true) or merely Available (false). */
  @WithDefault("true")
  boolean requireUsable();

  Timeouts timeouts();

  Retry retry();

  Poll poll();

  /** Overall deadlines by source kind; a command may set its own. */
  interface Timeouts {
    @WithDefault("60m")
    Duration createFromInstance();

    @WithDefault("60m")
    Duration createFromSnapshot();

    @WithDefault("15m")
    Duration delete();

    /** The longest each step may take; a command may set its own per step. */
    Steps steps();
  }

  /**
   * Step timeouts, counted from when a step first became due. A step's deadline is the earlier of
   * its start plus its timeout and the saga's deadline.
   */
  interface Steps {
    /** CHECK_SOURCE from an instance: waiting for it to be Running or Stopped. */
    @WithDefault("15m")
    Duration checkSourceInstance();

    /**
     * CHECK_SOURCE from a snapshot or disk mappings: waiting for the system snapshot to be
     * accomplished.
     */
    @WithDefault("30m")
    Duration checkSourceSnapshot();

    /** SUBMIT_CREATE_IMAGE, retries included. */
    @WithDefault("10m")
    Duration submitCreateImage();

    /**
     * AWAIT_IMAGE_USABLE from an instance: ECS snapshots its disks first, so this takes longest.
     */
    @WithDefault("60m")
    Duration awaitImageUsableFromInstance();

    /** AWAIT_IMAGE_USABLE from a snapshot or disk mappings. */
    @WithDefault("30m")
    Duration awaitImageUsableFromSnapshot();

    /** COMPENSATE_DELETE_IMAGE; past it the saga ends COMPENSATION_FAILED for an operator. */
    @WithDefault("30m")
    Duration compensateDeleteImage();

    /** DELETE_SNAPSHOTS, in a compensation or after a delete. */
    @WithDefault("15m")
    Duration deleteSnapshots();

    /** CHECK_IMAGE of a delete or an update. */
    @WithDefault("5m")
    Duration checkImage();

    /** SUBMIT_DELETE_IMAGE, retries included. */
    @WithDefault("10m")
    Duration submitDeleteImage();

    /** AWAIT_IMAGE_GONE: until ECS no longer lists a deleted image. */
    @WithDefault("15m")
    Duration awaitImageGone();

    /** Each change step of an update: attributes, tags added, tags removed, resource group. */
    @WithDefault("5m")
    Duration updateImage();

    /**
     * FIND_SUBMITTED_IMAGE: looking up by the saga tag an image a submission that gave up with an
     * unknown outcome may have made; past it the saga ends COMPENSATION_FAILED for an operator.
     */
    @WithDefault("10m")
    Duration findSubmittedImage();
  }

  /** Backoff by error kind. */
  interface Retry {
    /**
     * Backoff after ECS throttled a call. Its {@code max-attempts} is not used: throttling is
     * bounded by {@link #quotaMaxWait()}, not by a count.
     */
    Policy throttled();

    /**
     * The longest one step may wait for ECS quota (the service's own budget, a hold ECS asked for,
     * throttling), after which it fails with {@code Saga.QuotaNeverFreed}. That wait does not count
     * against the step's timeout or the saga's deadline.
     */
    @WithDefault("6h")
    Duration quotaMaxWait();

    Policy transientErrors();

    Policy stateWait();
  }

  /** One backoff policy: exponential with full jitter. */
  interface Policy {
    @WithDefault("1s")
    Duration initialDelay();

    @WithDefault("2.0")
    double multiplier();

    @WithDefault("60s")
    Duration maxDelay();

    @WithDefault("20")
    int maxAttempts();
  }

  /** Image status polling: fast at first, then slower, then slowest for long creations. */
  interface Poll {
    @WithDefault("2s")
    Duration fastInterval();

    @WithDefault("1m")
    Duration fastPhase();

    @WithDefault("15s")
    Duration slowInterval();

    /**
     * How long after the step started the slow interval lasts; a creation still running then is a
     * long one and is looked at every {@link #longInterval()}.
     */
    @WithDefault("10m")
    Duration slowPhase();

    /** The interval for long creations; equal to the slow interval, there is no third tier. */
    @WithDefault("30s")
    Duration longInterval();

    /**
     * The longest wait between looks at a creation whose progress says much remains (it is looked
     * at about ten times in the time its progress says is left); at or below the slow interval,
     * progress stretches nothing.
     */
    @WithDefault("60s")
    Duration maxInterval();
  }
}
