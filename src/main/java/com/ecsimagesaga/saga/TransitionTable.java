package com.ecsimagesaga.saga;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every move a saga type may make, as data. A decider can only move along a row of its table; the
 * table is also what the state diagram in {@code docs/} is generated from.
 */
public final class TransitionTable {

  private final SagaType type;
  private final Map<String, Transition> rows = new LinkedHashMap<>();

  private TransitionTable(SagaType type) {
    this.type = type;
  }

  public static TransitionTable of(SagaType type) {
    return new TransitionTable(type);
  }

  public TransitionTable row(Step from, String trigger, Step to, SagaStatus status) {
    Transition t = new Transition(type, from, trigger, to, status);
    if (rows.putIfAbsent(key(from, trigger), t) != null) {
      throw new IllegalArgumentException("duplicate row " + t);
    }
    return this;
  }

  /**
   * For every row on {@code trigger}, a row on {@code alsoTrigger} from and to the same step, with
   * the same status: a second way of staying in a step wherever the first one exists.
   */
  public TransitionTable alsoOn(String trigger, String alsoTrigger) {
    for (Transition t : List.copyOf(rows.values())) {
      if (t.trigger().equals(trigger) && t.from() == t.to()) {
        row(t.from(), alsoTrigger, t.to(), t.status());
      }
    }
    return this;
  }

  /** The row for a trigger in a step; a missing row is a bug in the decider. */
  public Transition require(Step from, String trigger) {
    Transition t = rows.get(key(from, trigger));
    if (t == null) {
      throw new IllegalStateException(
          type + " has no transition from " + from + " on '" + trigger + "'");
    }
    return t;
  }

  public SagaType type() {
    return type;
  }

  public List<Transition> rows() {
    return Collections.unmodifiableList(new ArrayList<>(rows.values()));
  }

  private static String key(Step from, String trigger) {
    return from + "|" + trigger;
  }
}
