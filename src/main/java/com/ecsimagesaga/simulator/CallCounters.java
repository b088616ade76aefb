package com.ecsimagesaga.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts API calls per action and outcome. The outcome is {@code OK}, the ECS error code of the answer,
 * {@code BadGateway} for the HTML 502 fault, {@code EmptyBody} for the empty 200 fault, or {@code LOST_RESPONSE} when the answer was dropped or delayed.
 */
public final class CallCounters {
    /** Outcome of a call answered with success. */
    public static final String OK = "OK";
    /** Outcome of a call whose answer was lost or delayed after commit. */
    public static final String LOST_RESPONSE = "LOST_RESPONSE";

    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();

    /** Records one call. */
    public void record(String action, String outcome) {
        counts.computeIfAbsent(action, a -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, o -> new LongAdder())
                .increment();
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
    }

    /** A sorted copy: action to (outcome to count). */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        counts.forEach((action, outcomes) -> {
            Map<String, Long> inner = new TreeMap<>();
            outcomes.forEach((outcome, adder) -> inner.put(outcome, adder.sum()));
            copy.put(action, inner);
        });
        return copy;
    }
}
