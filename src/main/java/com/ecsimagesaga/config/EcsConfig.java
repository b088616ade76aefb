package com.ecsimagesaga.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** How the service reaches the ECS API. */
@ConfigMapping(prefix = "saga.ecs")
public interface EcsConfig {

  /**
   * {@code host:port} of the ECS endpoint for every region. Empty means the SDK's regional
   * endpoints ({@code ecs.<region>.aliyuncs.com}); set it for the simulator or a private endpoint.
   */
  Optional<String> endpoint();

  /** HTTPS for the real service; HTTP only for the local simulator. */
  @WithDefault("HTTPS")
  String protocol();

  /**
   * An AccessKey id. When empty (the production default), credentials come from the SDK's standard
   * provider chain: environment variables, system properties, the credentials file, or the instance
   * RAM role.
   */
  Optional<String> accessKeyId();

  /** The AccessKey secret that goes with {@link #accessKeyId()}. Never logged. */
  Optional<String> accessKeySecret();

  /** Connect timeout of every ECS call. */
  @WithDefault("5s")
  Duration connectTimeout();

  /** Read timeout of every ECS call; a call past it has an unknown outcome. */
  @WithDefault("10s")
  Duration readTimeout();

  /**
   * The longest one listing of the service's images in a region answers polls. A listing answers
   * only sagas that were due (and whose image was submitted) before it was taken, so this bounds
   * the reuse when passes run late, not the freshness of an answer.
   */
  @WithDefault("10s")
  Duration listingReuse();

  /**
   * The service's own budget of ECS calls, per region and action, shared by every saga of every
   * instance: each live instance takes an equal share (docs/adr/0006-service-wide-rate-budget.md).
   */
  RateLimit rateLimit();

  /** Calls per second for the whole service; a value of 0 or less switches the budget off. */
  interface RateLimit {
    /** The budget of every action not named in {@link #actions()}. */
    @WithDefault("20")
    double perSecond();

    /**
     * Budgets by ECS action name, for example {@code saga.ecs.rate-limit.actions.CreateImage=2}.
     */
    Map<String, Double> actions();

    /**
     * How often each instance records its heartbeat and counts the live instances; the heartbeat
     * also keeps its saga leases ({@code saga.lease-takeover-after}).
     */
    @WithDefault("2s")
    Duration heartbeatInterval();

    /**
     * An instance whose last heartbeat is older than this no longer counts; a few heartbeat
     * intervals.
     */
    @WithDefault("20s")
    Duration instanceExpiry();
  }

  /** Threads that run the blocking SDK calls, so that no event-loop thread ever blocks. */
  @WithDefault("16")
  int workerThreads();
}
