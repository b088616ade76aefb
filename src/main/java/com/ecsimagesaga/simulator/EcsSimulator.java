package com.ecsimagesaga.simulator;

import com.ecsimagesaga.simulator.control.ControlHandler;
import com.ecsimagesaga.simulator.http.ApiHandler;
import com.ecsimagesaga.simulator.http.RateLimiter;
import com.ecsimagesaga.simulator.http.RpcHttpServer;
import com.ecsimagesaga.simulator.world.Timings;
import com.ecsimagesaga.simulator.world.WorldState;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A local stand-in for the Alibaba Cloud ECS API (version 2014-05-26) that the real Java SDK can
 * talk to over HTTP: {@code DefaultProfile.addEndpoint(region, "Ecs", sim.endpoint())} with
 * protocol HTTP. It models custom images, snapshots and instances of one account, and lets tests
 * script faults and read call counters.
 */
public final class EcsSimulator implements AutoCloseable {
  private final SimulatorConfig initial;
  private volatile SimulatorConfig config;
  private final List<Consumer<SimulatorWorld>> seeds = new CopyOnWriteArrayList<>();
  private final WorldState state;
  private final SimulatorWorld world;
  private final FaultPlan faults = new FaultPlan(new SecureRandom());
  private final CallCounters counters;
  private final RateLimiter rateLimiter;
  private final ExecutorService workers;
  private final ScheduledExecutorService scheduler;
  private final ApiHandler apiHandler;
  private final RpcHttpServer apiServer;
  private final HttpServer controlServer;

  private EcsSimulator(SimulatorConfig config) throws IOException {
    this.initial = config;
    this.config = config;
    this.counters = new CallCounters(config.clock());
    this.state = new WorldState(new Timings(config), config.clientTokenRetention());
    this.world = new SimulatorWorld(state, regionId -> this.config.regions().contains(regionId));
    this.rateLimiter = new RateLimiter(config.rateLimitsPerMinute(), config.clock());
    this.workers = Executors.newCachedThreadPool(daemon("ecs-sim-http"));
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("ecs-sim-delay"));
    this.apiHandler =
        new ApiHandler(() -> this.config, state, rateLimiter, faults, counters, scheduler);
    this.apiServer =
        RpcHttpServer.start(
            new InetSocketAddress(config.bindAddress(), config.apiPort()), workers, apiHandler);
    this.controlServer = config.controlPort() < 0 ? null : controlServer(config);
  }

  private HttpServer controlServer(SimulatorConfig config) throws IOException {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(config.bindAddress(), config.controlPort()), 16);
      server.createContext("/", new ControlHandler(this));
      server.setExecutor(workers);
      return server;
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  /** Binds the API port and the control port and starts serving. */
  public static EcsSimulator start(SimulatorConfig config) {
    try {
      EcsSimulator simulator = new EcsSimulator(config);
      if (simulator.controlServer != null) {
        simulator.controlServer.start();
      }
      return simulator;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the ECS simulator ports", e);
    }
  }

  /** Port of the ECS API. */
  public int apiPort() {
    return apiServer.port();
  }

  /** Port of the control API, or -1 when disabled. */
  public int controlPort() {
    return controlServer == null ? -1 : controlServer.getAddress().getPort();
  }

  /** {@code host:port} of the ECS API, the value for {@code DefaultProfile.addEndpoint}. */
  public String endpoint() {
    return config.bindAddress() + ":" + apiPort();
  }

  /** The settings in force: those it was started with, as changed by {@link #reconfigure}. */
  public SimulatorConfig config() {
    return config;
  }

  /**
   * Changes settings while running, for calls arriving from now on: rate limits, regions, the
   * alternative answers (idempotency codes, DeleteImage variants, page-size clamping), quota,
   * durations, token retention, timestamp tolerance and speed factor. Addresses, ports, keys and
   * the clock are fixed at start; changing one is refused. {@link #reset()} goes back to the
   * settings it was started with.
   *
   * @return the settings now in force
   */
  public synchronized SimulatorConfig reconfigure(UnaryOperator<SimulatorConfigBuilder> change) {
    SimulatorConfig next = change.apply(config.toBuilder()).build();
    fixed("bindAddress", config.bindAddress(), next.bindAddress());
    fixed("apiPort", config.apiPort(), next.apiPort());
    fixed("controlPort", config.controlPort(), next.controlPort());
    fixed("accessKeyId", config.accessKeyId(), next.accessKeyId());
    fixed("accessKeySecret", config.accessKeySecret(), next.accessKeySecret());
    fixed("clock", config.clock(), next.clock());
    apply(next);
    return next;
  }

  private static void fixed(String name, Object was, Object now) {
    if (!was.equals(now)) {
      throw new IllegalArgumentException(name + " is fixed when the simulator starts");
    }
  }

  private void apply(SimulatorConfig next) {
    if (next.speedFactor() != config.speedFactor()) {
      state.timings().speedFactor(next.speedFactor());
    }
    state.timings().durations(next);
    synchronized (state) {
      state.tokens().retention(next.clientTokenRetention());
    }
    rateLimiter.limits(next.rateLimitsPerMinute());
    apiHandler.settingsChanged(next);
    config = next;
  }

  /**
   * Runs {@code seeding} on the world now and again after every {@link #reset()}, so a reset goes
   * back to this seeded state (the standalone simulator seeds its local instance this way).
   */
  public void seed(Consumer<SimulatorWorld> seeding) {
    seeding.accept(world);
    seeds.add(seeding);
  }

  /** Seeding and inspection of instances, snapshots and images. */
  public SimulatorWorld world() {
    return world;
  }

  /** Scripted faults. */
  public FaultPlan faults() {
    return faults;
  }

  /** Calls per action and outcome. */
  public CallCounters counters() {
    return counters;
  }

  /**
   * Tells {@code observer} of every API call from now on, as it arrives (see {@link CallObserver}).
   */
  public void observeCalls(CallObserver observer) {
    apiHandler.observe(observer);
  }

  /** Current speed factor (durations are divided by it). */
  public double speedFactor() {
    return state.timings().speedFactor();
  }

  /** Changes the speed factor for images and snapshots started from now on. */
  public synchronized void speedFactor(double value) {
    state.timings().speedFactor(value);
    config = config.toBuilder().speedFactor(value).build();
  }

  /**
   * Back to the state after start: the world emptied and seeded again by every {@link #seed}, the
   * settings as started (the speed factor stays as it is), the fault plan, the counters, the
   * rate-limit windows and the call observers emptied.
   */
  public void reset() {
    resetEmpty();
    seeds.forEach(seeding -> seeding.accept(world));
  }

  /** As {@link #reset()}, but the world stays empty: the seeds are not run this time. */
  public synchronized void resetEmpty() {
    apply(initial.toBuilder().speedFactor(state.timings().speedFactor()).build());
    world.reset();
    faults.clear();
    counters.reset();
    rateLimiter.reset();
    apiHandler.clearObservers();
  }

  /** Stops both servers and drops delayed answers that were not sent yet. */
  @Override
  public void close() {
    apiServer.close();
    if (controlServer != null) {
      controlServer.stop(0);
    }
    scheduler.shutdownNow();
    apiHandler.abortDelayed();
    workers.shutdownNow();
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
