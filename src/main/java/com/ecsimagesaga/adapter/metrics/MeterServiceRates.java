package com.ecsimagesaga.adapter.metrics;

import com.ecsimagesaga.port.ServiceRates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link ServiceRates} from this instance's own counters: the ECS calls by region and action
 * ({@code ecs.region.calls}) and the records the live event stream read from the event topic
 * ({@code saga_feed_records}, every outcome). The counters are sampled every {@link #SAMPLE_MS}; a
 * rate is the difference between now and the oldest sample, at most {@link #WINDOW_MS} old.
 */
@ApplicationScoped
public class MeterServiceRates implements ServiceRates {

  static final long SAMPLE_MS = 2_000;
  static final long WINDOW_MS = 20_000;
  private static final String FEED_RECORDS = "saga_feed_records";

  @Inject MeterRegistry registry;
  @Inject Vertx vertx;

  private final Deque<Sample> samples = new ArrayDeque<>();
  private long timer = -1;

  /** Counter totals at one moment. */
  private record Sample(long nanos, Map<String, Double> calls, double events) {}

  void start(@Observes StartupEvent ignored) {
    timer = vertx.setPeriodic(SAMPLE_MS, id -> keep(sample()));
  }

  void stop(@Observes ShutdownEvent ignored) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  @Override
  public Rates rates() {
    Sample now = sample();
    Sample then;
    synchronized (samples) {
      then = samples.peekFirst();
    }
    if (then == null || now.nanos() <= then.nanos()) {
      return new Rates(0, Map.of(), 0, (long) now.events());
    }
    double seconds = (now.nanos() - then.nanos()) / 1e9;
    Map<String, Map<String, Double>> calls = new TreeMap<>();
    now.calls()
        .forEach(
            (key, total) -> {
              double rate = (total - then.calls().getOrDefault(key, 0.0)) / seconds;
              String[] regionAndAction = key.split("\\|", 2);
              calls
                  .computeIfAbsent(regionAndAction[0], r -> new TreeMap<>())
                  .put(regionAndAction[1], rate);
            });
    return new Rates(seconds, calls, (now.events() - then.events()) / seconds, (long) now.events());
  }

  private void keep(Sample sample) {
    synchronized (samples) {
      samples.addLast(sample);
      while (samples.size() > 1
          && sample.nanos() - samples.peekFirst().nanos() > WINDOW_MS * 1_000_000) {
        samples.removeFirst();
      }
    }
  }

  private Sample sample() {
    Map<String, Double> calls = new HashMap<>();
    for (Counter c : registry.find(MeteredCloudImageGateway.REGION_CALLS).counters()) {
      calls.merge(
          c.getId().getTag("region") + "|" + c.getId().getTag("action"), c.count(), Double::sum);
    }
    double events =
        registry.find(FEED_RECORDS).counters().stream().mapToDouble(Counter::count).sum();
    return new Sample(System.nanoTime(), calls, events);
  }
}
