package com.ecsimagesaga.saga;

import com.ecsimagesaga.command.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The per-command step timeouts ({@code stepTimeoutSeconds}): a map from a step of the command's
 * saga type, by its name, to the longest that step may take, in seconds. One violation per bad
 * entry.
 */
public final class StepTimeoutRules {

  public static final String FIELD = "stepTimeoutSeconds";

  /** The longest timeout a command may give one step: a week, as for the whole saga. */
  public static final int MAX_STEP_TIMEOUT_SECONDS = 7 * 24 * 3600;

  private StepTimeoutRules() {}

  public static void check(Map<String, Integer> given, TransitionTable table, List<Violation> out) {
    SagaType type = table.type();
    Set<Step> steps = StepTimeouts.stepsOf(table);
    List<String> keys = new ArrayList<>(given.keySet());
    keys.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
    for (String key : keys) {
      Integer seconds = given.get(key);
      String field = FIELD + "[" + key + "]";
      if (key == null || steps.stream().noneMatch(s -> s.name().equals(key))) {
        out.add(
            Violation.of(
                field,
                "step-timeout.unknown-step",
                key,
                "a "
                    + type
                    + " saga has no step "
                    + key
                    + "; its steps are "
                    + steps.stream().map(Step::name).toList()));
      } else if (seconds == null || seconds <= 0) {
        out.add(
            Violation.of(
                field,
                "step-timeout.not-positive",
                seconds == null ? null : String.valueOf(seconds),
                "a step timeout must be a positive number of seconds"));
      } else if (seconds > MAX_STEP_TIMEOUT_SECONDS) {
        out.add(
            Violation.of(
                field,
                "step-timeout.too-long",
                String.valueOf(seconds),
                "a step timeout must be at most "
                    + MAX_STEP_TIMEOUT_SECONDS
                    + " seconds (7 days)"));
      }
    }
  }

  /** The step timeouts of a command that passed {@link #check}, by step. */
  public static Map<Step, Duration> durations(Map<String, Integer> given) {
    Map<Step, Duration> out = new TreeMap<>();
    given.forEach((step, seconds) -> out.put(Step.valueOf(step), Duration.ofSeconds(seconds)));
    return out;
  }

  /** An unmodifiable copy that keeps the given order; null means no timeouts. */
  public static Map<String, Integer> copyOf(Map<String, Integer> given) {
    return given == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(given));
  }
}
