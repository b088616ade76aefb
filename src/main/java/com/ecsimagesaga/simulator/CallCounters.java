package com.ecsimagesaga.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts API calls per action and outcome, and keeps the simulator-clock time of the first and the
 * last call of each. The outcome is {@code OK}, the ECS error code of the answer, {@code
 * BadGateway} for the HTML 502 fault, {@code EmptyBody} for the empty 200 fault, or {@code
 * LOST_RESPONSE} when the answer was dropped or delayed.
 */
public final class CallCounters {
  /** Outcome of a call answered with success. */
  public static final String OK = "OK";

  /** Outcome of a call whose answer was lost or delayed after commit. */
  public static final String LOST_RESPONSE = "LOST_RESPONSE";

  private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();
  private final Map<String, Instant[]> times = new ConcurrentHashMap<>();
  private final Clock clock;

  /** Counters that read the time of calls from the system clock. */
  public CallCounters() {
    this(Clock.systemUTC());
  }

  /** Counters that read the time of calls from {@code clock}. */
  public CallCounters(Clock clock) {
    this.clock = clock;
  }

  /** Records one call. */
  public void record(String action, String outcome) {
    counts
        .computeIfAbsent(action, a -> new ConcurrentHashMap<>())
        .computeIfAbsent(outcome, o -> new LongAdder())
        .increment();
    Instant now = clock.instant();
    times.compute(
        action + '|' + outcome,
        (k, firstAndLast) ->
            firstAndLast == null ? new Instant[] {now, now} : new Instant[] {firstAndLast[0], now});
  }

  /**
   * When the first call of {@code action} that ended with {@code outcome} was answered, if any was.
   */
  public Optional<Instant> firstAt(String action, String outcome) {
    return Optional.ofNullable(times.get(action + '|' + outcome)).map(t -> t[0]);
  }

  /**
   * When the last call of {@code action} that ended with {@code outcome} was answered, if any was.
   */
  public Optional<Instant> lastAt(String action, String outcome) {
    return Optional.ofNullable(times.get(action + '|' + outcome)).map(t -> t[1]);
  }

  /** Calls of {@code action}, whatever the outcome. */
  public long count(String action) {
    return counts.getOrDefault(action, Map.of()).values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Calls of {@code action} that ended with {@code outcome}. */
  public long count(String action, String outcome) {
    LongAdder adder = counts.getOrDefault(action, Map.of()).get(outcome);
    return adder == null ? 0 : adder.sum();
  }

  /** All calls of all actions. */
  public long total() {
    return counts.keySet().stream().mapToLong(this::count).sum();
  }

  /** Forgets every count. */
  public void reset() {
    counts.clear();
    times.clear();
  }

  /** A sorted copy: action to (outcome to count). */
  public Map<String, Map<String, Long>> snapshot() {
    Map<String, Map<String, Long>> copy = new TreeMap<>();
    counts.forEach(
        (action, outcomes) -> {
          Map<String, Long> inner = new TreeMap<>();
          outcomes.forEach((outcome, adder) -> inner.put(outcome, adder.sum()));
          copy.put(action, inner);
        });
    return copy;
  }
}
