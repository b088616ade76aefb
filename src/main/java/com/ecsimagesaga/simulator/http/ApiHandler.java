package com.ecsimagesaga.simulator.http;

import com.ecsimagesaga.simulator.CallCounters;
import com.ecsimagesaga.simulator.CallObserver;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.simulator.FaultPlan;
import com.ecsimagesaga.simulator.SimulatorConfig;
import com.ecsimagesaga.simulator.action.Action;
import com.ecsimagesaga.simulator.action.ActionContext;
import com.ecsimagesaga.simulator.action.ActionRouter;
import com.ecsimagesaga.simulator.http.RpcHttpServer.RpcExchange;
import com.ecsimagesaga.simulator.world.Ids;
import com.ecsimagesaga.simulator.world.WorldState;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The ECS RPC endpoint. Order of checks per call: Format, signature, Version, Action, RegionId (one
 * of the configured regions), rate limit, scripted answer faults, then the action itself under the
 * world lock. The answer is rendered in the format asked for (JSON or XML); a lost-response fault
 * is applied to the finished answer.
 */
public final class ApiHandler implements Consumer<RpcExchange> {
  private static final String VERSION = "2014-05-26";
  private final Supplier<SimulatorConfig> settings;
  private final WorldState state;
  private final SignatureVerifier verifier;
  private final RateLimiter rateLimiter;
  private final FaultPlan faults;
  private final CallCounters counters;
  private final ActionRouter router;
  private final ScheduledExecutorService scheduler;
  private final Set<RpcExchange> delayed = ConcurrentHashMap.newKeySet();
  private final List<CallObserver> observers = new CopyOnWriteArrayList<>();

  /**
   * Wires the endpoint; {@code settings} gives the settings of each call as they are at its arrival
   * (they may be changed while running), {@code scheduler} sends delayed answers.
   */
  public ApiHandler(
      Supplier<SimulatorConfig> settings,
      WorldState state,
      RateLimiter rateLimiter,
      FaultPlan faults,
      CallCounters counters,
      ScheduledExecutorService scheduler) {
    this.settings = settings;
    SimulatorConfig config = settings.get();
    this.state = state;
    this.verifier =
        new SignatureVerifier(
            config.accessKeyId(),
            config.accessKeySecret(),
            config.clock(),
            config.timestampTolerance());
    this.rateLimiter = rateLimiter;
    this.faults = faults;
    this.counters = counters;
    this.router = new ActionRouter();
    this.scheduler = scheduler;
  }

  /** Adds an observer told of every call from now on. */
  public void observe(CallObserver observer) {
    observers.add(observer);
  }

  /** Removes every observer. */
  public void clearObservers() {
    observers.clear();
  }

  /** Applies changed settings that the verifier keeps. */
  public void settingsChanged(SimulatorConfig config) {
    verifier.tolerance(config.timestampTolerance());
  }

  @Override
  public void accept(RpcExchange exchange) {
    SimulatorConfig config = settings.get();
    Instant arrivedAt = config.clock().instant();
    String requestId = Ids.requestId();
    RequestParams params =
        RequestParams.parse(
            exchange.rawQuery(), exchange.body(), exchange.headers().get("content-type"));
    String action = params.get("Action", "Unknown");
    if (!observers.isEmpty()) {
      Map<String, String> all = Collections.unmodifiableMap(params.all());
      observers.forEach(o -> o.called(action, all, arrivedAt));
    }
    Fault lost = null;
    List<Runnable> hooks = List.of();
    Answer answer;
    WireFormat format = WireFormat.JSON;
    try {
      format = WireFormat.of(params.get("Format"));
      verifier.verify(exchange.method(), params);
      if (!VERSION.equals(params.get("Version"))) {
        throw new ApiError(400, "InvalidVersion", "Specified parameter Version is not valid.");
      }
      Action handler = router.find(action);
      String regionId = params.get("RegionId");
      if (regionId != null && !config.regions().contains(regionId)) {
        throw new ApiError(
            404, "InvalidRegionId.NotFound", "The specified RegionId does not exist.");
      }
      RateLimiter.Decision quota = rateLimiter.acquire(action, params.get("RegionId", ""));
      if (!quota.allowed()) {
        answer =
            Answer.error(requestId, throttled()).withHeader("X-RateLimit-User-API", quota.header());
      } else {
        Fault fault = faults.draw(action).orElse(null);
        if (fault != null && fault.replacesAnswer()) {
          answer = faultAnswer(requestId, action, params, fault);
        } else {
          lost =
              fault != null && fault.kind() == Fault.Kind.LOST_RESPONSE_AFTER_COMMIT ? fault : null;
          ActionContext ctx = new ActionContext(params, state, config, fault);
          hooks = ctx.afterAnswerHooks();
          answer = run(requestId, handler, router.leavesImagesAsTheyWere(action), ctx);
        }
        if (quota.limited()) {
          answer = answer.withHeader("X-RateLimit-User-API", quota.header());
        }
      }
    } catch (ApiError e) {
      answer = Answer.error(requestId, e);
    }
    deliver(exchange, action, format.render(answer, action), lost, hooks);
  }

  private Answer run(String requestId, Action handler, boolean leavesImages, ActionContext ctx) {
    try {
      Map<String, Object> fields;
      synchronized (state) {
        try {
          fields = handler.execute(ctx);
        } finally {
          if (!leavesImages) {
            state.imagesEdited();
          }
        }
      }
      return Answer.ok(requestId, fields);
    } catch (ApiError e) {
      return Answer.error(requestId, e);
    }
  }

  private Answer faultAnswer(String requestId, String action, RequestParams params, Fault fault) {
    if (fault.kind() == Fault.Kind.BAD_GATEWAY_HTML) {
      return Answer.badGatewayHtml();
    }
    if (fault.kind() == Fault.Kind.EMPTY_BODY_200) {
      return Answer.emptyOk();
    }
    String token = params.get("ClientToken");
    if (fault.kind() == Fault.Kind.INTERNAL_ERROR_TOKEN_FAILED && token != null) {
      synchronized (state) {
        state
            .tokens()
            .fail(params.get("RegionId", ""), action, token, Fingerprint.of(params), state.now());
      }
    }
    Answer answer =
        Answer.error(requestId, new ApiError(fault.httpStatus(), fault.code(), fault.message()));
    if (fault.kind() == Fault.Kind.THROTTLING && fault.delay() != null) {
      answer =
          answer.withHeader(
              "X-RateLimit-User-API", "Remain:0,TimeLeft:" + fault.delay().toMillis());
    }
    return answer;
  }

  private static ApiError throttled() {
    return new ApiError(400, "Throttling.User", "Request was denied due to user flow control.");
  }

  private void deliver(
      RpcExchange exchange, String action, Answer answer, Fault lost, List<Runnable> hooks) {
    if (lost == null) {
      counters.record(action, answer.outcome());
      // The request counts as answered before the answer is written: a client that sends the
      // same token again the instant it reads the answer must not find it still in flight.
      hooks.forEach(Runnable::run);
      exchange.respond(answer);
      return;
    }
    counters.record(action, CallCounters.LOST_RESPONSE);
    if (lost.delay() == null) {
      // The request was carried out and only its answer is lost: the token is done before the
      // connection drops, or a client retrying the instant it sees the drop would find it in
      // flight.
      hooks.forEach(Runnable::run);
      exchange.abort();
      return;
    }
    // The effect is committed; the answer leaves only after the delay, typically after the client
    // gave up.
    delayed.add(exchange);
    scheduler.schedule(
        () -> {
          delayed.remove(exchange);
          exchange.respond(answer);
          hooks.forEach(Runnable::run);
        },
        lost.delay().toNanos(),
        TimeUnit.NANOSECONDS);
  }

  /** Closes the connections of answers still waiting for their delay (used on shutdown). */
  public void abortDelayed() {
    delayed.forEach(RpcExchange::abort);
    delayed.clear();
  }
}
