package com.ecsimagesaga.saga;

import java.util.List;

/** Renders transition tables as Mermaid state diagrams, for docs/state-diagram.md. */
public final class StateDiagram {

  private StateDiagram() {}

  public static String render(List<TransitionTable> tables) {
    StringBuilder out =
        new StringBuilder("# Saga state diagrams\n\n")
            .append(
                "Generated from the transition tables by `SagaTransitionsTest`; do not edit by hand.\n")
            .append("Edges read `step --> next step: trigger [status after the move]`.\n");
    for (TransitionTable table : tables) {
      out.append("\n## ").append(table.type()).append("\n\n```mermaid\nstateDiagram-v2\n");
      out.append("    [*] --> ").append(table.rows().get(0).from()).append('\n');
      for (Transition t : table.rows()) {
        String to = t.to() == Step.DONE ? "[*]" : t.to().name();
        out.append("    ")
            .append(t.from())
            .append(" --> ")
            .append(to)
            .append(": ")
            .append(t.trigger())
            .append(" [")
            .append(t.status())
            .append("]\n");
      }
      out.append("```\n");
    }
    return out.toString();
  }
}
