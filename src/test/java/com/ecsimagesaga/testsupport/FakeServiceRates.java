package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.port.ServiceRates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link ServiceRates} counted from what the test reports ({@link #ecsCall}, {@link #eventSeen}) on
 * a clock: a rate is what happened in the window (at most {@code window}, shorter just after the
 * start) divided by the window's length in seconds; right at the start the window is 0 and so are
 * the rates, as in the metrics adapter. {@code eventsSeen} counts every event since the start.
 */
public final class FakeServiceRates implements ServiceRates {

  private record Call(Instant at, String regionId, String action) {}

  private final Clock clock;
  private final Duration window;
  private final Instant start;
  private final List<Call> calls = new ArrayList<>();
  private final List<Instant> events = new ArrayList<>();

  public FakeServiceRates(Clock clock, Duration window) {
    this.clock = clock;
    this.window = window;
    this.start = clock.instant();
  }

  /** Notes an ECS call this instance made now. */
  public synchronized void ecsCall(String regionId, String action) {
    calls.add(new Call(clock.instant(), regionId, action));
  }

  /** Notes a lifecycle event read from the event topic now. */
  public synchronized void eventSeen() {
    events.add(clock.instant());
  }

  @Override
  public synchronized Rates rates() {
    Instant now = clock.instant();
    Duration since = Duration.between(start, now);
    Duration measured = since.compareTo(window) < 0 ? since : window;
    double seconds = measured.toNanos() / 1e9;
    if (seconds <= 0) {
      return new Rates(0, Map.of(), 0, events.size());
    }
    Instant from = now.minus(measured);
    Map<String, Map<String, Double>> perSecond = new TreeMap<>();
    calls.stream()
        .filter(c -> !c.at().isBefore(from))
        .forEach(
            c ->
                perSecond
                    .computeIfAbsent(c.regionId(), r -> new TreeMap<>())
                    .merge(c.action(), 1.0, Double::sum));
    perSecond.values().forEach(byAction -> byAction.replaceAll((action, n) -> n / seconds));
    long recent = events.stream().filter(at -> !at.isBefore(from)).count();
    return new Rates(seconds, perSecond, recent / seconds, events.size());
  }
}
