package com.ecsimagesaga.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The faults scripted per API action. Counted faults ({@link #next}) are consumed in the order they
 * were added and win over probabilistic ones ({@link #probability}). Thread-safe.
 */
public final class FaultPlan {
  private final Map<String, Deque<Counted>> counted = new HashMap<>();
  private final Map<String, List<Chance>> chances = new HashMap<>();
  private final Random random;

  /** A plan whose probabilistic faults draw from {@code random} (seed it for reproducible runs). */
  public FaultPlan(Random random) {
    this.random = random;
  }

  /** Applies {@code fault} to the next {@code n} calls of {@code action} (e.g. "CreateImage"). */
  public synchronized FaultPlan next(String action, int n, Fault fault) {
    if (n > 0) {
      counted.computeIfAbsent(action, a -> new ArrayDeque<>()).addLast(new Counted(fault, n));
    }
    return this;
  }

  /**
   * Applies {@code fault} to each call of {@code action} with probability {@code p} (0..1) until
   * cleared.
   */
  public synchronized FaultPlan probability(String action, double p, Fault fault) {
    chances.computeIfAbsent(action, a -> new ArrayList<>()).add(new Chance(fault, p));
    return this;
  }

  /** Removes every scripted fault. */
  public synchronized void clear() {
    counted.clear();
    chances.clear();
  }

  /** Number of counted fault applications still pending for {@code action}. */
  public synchronized int pending(String action) {
    return counted.getOrDefault(action, new ArrayDeque<>()).stream()
        .mapToInt(c -> c.remaining)
        .sum();
  }

  /**
   * Draws the fault for one call of {@code action}, consuming a counted fault if one is pending.
   */
  public synchronized Optional<Fault> draw(String action) {
    Deque<Counted> queue = counted.get(action);
    if (queue != null && !queue.isEmpty()) {
      Counted head = queue.peekFirst();
      head.remaining--;
      if (head.remaining == 0) {
        queue.removeFirst();
      }
      return Optional.of(head.fault);
    }
    for (Chance chance : chances.getOrDefault(action, List.of())) {
      if (random.nextDouble() < chance.p) {
        return Optional.of(chance.fault);
      }
    }
    return Optional.empty();
  }

  private static final class Counted {
    final Fault fault;
    int remaining;

    Counted(Fault fault, int remaining) {
      this.fault = fault;
      this.remaining = remaining;
    }
  }

  private record Chance(Fault fault, double p) {}
}
