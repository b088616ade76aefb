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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the Alibaba Cloud ECS API (version 2014-05-26) that the real Java SDK can
 * talk to over HTTP: {@code DefaultProfile.addEndpoint(region, "Ecs", sim.endpoint())} with
 * protocol HTTP. It models custom images, snapshots and instances of one account, and lets tests
 * script faults and read call counters.
 */
public final class EcsSimulator implements AutoCloseable {
  private final SimulatorConfig config;
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
    this.config = config;
    this.counters = new CallCounters(config.clock());
    this.state = new WorldState(new Timings(config), config.clientTokenRetention());
    this.world = new SimulatorWorld(state);
    this.rateLimiter = new RateLimiter(config.rateLimitsPerMinute(), config.clock());
    this.workers = Executors.newCachedThreadPool(daemon("ecs-sim-http"));
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("ecs-sim-delay"));
    this.apiHandler = new ApiHandler(config, state, rateLimiter, faults, counters, scheduler);
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

  /** The settings it was started with. */
  public SimulatorConfig config() {
    return config;
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
  public void speedFactor(double value) {
    state.timings().speedFactor(value);
  }

  /**
   * Empties the world, the fault plan, the counters, the rate-limit windows and the call observers.
   */
  public void reset() {
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
