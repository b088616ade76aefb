package com.ecsimagesaga.saga;

/**
 * One row of a saga's transition table: on {@code trigger} in step {@code from}, go to step {@code
 * to} with status {@code status}.
 */
public record Transition(SagaType type, Step from, String trigger, Step to, SagaStatus status) {

  @Override
  public String toString() {
    return type + ": " + from + " --" + trigger + "--> " + to + " [" + status + "]";
  }
}
