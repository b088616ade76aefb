package com.ecsimagesaga.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rooms of the service (its packages: {@code saga/retry} counts as {@code saga}, each adapter
 * is a room of its own) and the arrows between them, read from the compiled classes, drawn as one
 * Mermaid flowchart together with the path of a command through them.
 */
final class RoomDiagram {

  static final String BASE = "com.ecsimagesaga.";

  /** The rooms that are the adapters' own, each named for its technology. */
  private static final String ADAPTER = "adapter";

  /**
   * One step of a command's way through the service at run time: {@code from} calls {@code to},
   * through the port {@code via} when they meet only at run time (null when {@code from} calls
   * {@code to} directly).
   */
  record Step(Class<?> from, Class<?> to, Class<?> via, String what) {}

  private RoomDiagram() {}

  /** The room of a class of the service; empty for a class outside it. */
  static Optional<String> roomOf(JavaClass c) {
    String pkg = c.getBaseComponentType().getPackageName();
    if (!pkg.startsWith(BASE)) {
      return Optional.empty();
    }
    String[] parts = pkg.substring(BASE.length()).split("\\.");
    if (parts[0].equals(ADAPTER) && parts.length > 1) {
      return Optional.of(ADAPTER + "/" + parts[1]);
    }
    return Optional.of(parts[0]);
  }

  /** Every room, and the rooms each one depends on. */
  static Map<String, Set<String>> arrows(JavaClasses classes) {
    Map<String, Set<String>> arrows = new TreeMap<>();
    for (JavaClass c : classes) {
      Optional<String> from = roomOf(c);
      if (from.isEmpty()) {
        continue;
      }
      Set<String> targets = arrows.computeIfAbsent(from.get(), r -> new TreeSet<>());
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        roomOf(d.getTargetClass()).filter(to -> !to.equals(from.get())).ifPresent(targets::add);
      }
    }
    return arrows;
  }

  /** The flowchart: solid arrows for what each room imports, dotted numbered ones for a command. */
  static String render(Map<String, Set<String>> arrows, List<Step> flow) {
    StringBuilder out = new StringBuilder("```mermaid\nflowchart LR\n");
    arrows
        .keySet()
        .forEach(r -> out.append("    ").append(id(r)).append("[").append(r).append("]\n"));
    arrows.forEach(
        (from, tos) ->
            tos.forEach(
                to ->
                    out.append("    ")
                        .append(id(from))
                        .append(" --> ")
                        .append(id(to))
                        .append('\n')));
    for (int i = 0; i < flow.size(); i++) {
      Step s = flow.get(i);
      out.append("    ")
          .append(id(room(s.from())))
          .append(" -. \"")
          .append(i + 1)
          .append(' ')
          .append(s.what())
          .append("\" .-> ")
          .append(id(room(s.to())))
          .append('\n');
    }
    return out.append("```\n").toString();
  }

  /** The room of a class named by the flow. */
  static String room(Class<?> c) {
    String pkg = c.getPackageName().substring(BASE.length());
    String[] parts = pkg.split("\\.");
    return parts[0].equals(ADAPTER) && parts.length > 1 ? ADAPTER + "/" + parts[1] : parts[0];
  }

  private static String id(String room) {
    return room.replace('/', '_');
  }
}
