package com.ecsimagesaga.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the recovery benchmark measured and whether it kept the promise of issue 19: every saga a
 * dead instance held is polled again within 10 s of the kill, whether the instance is restarted or
 * another one survives it.
 *
 * @param sagas sagas in flight
 * @param creating how long an image takes
 * @param waitingAtEnd sagas still waiting for their images after every kill (must be all)
 * @param cycles the kills of the single instance followed by a restart
 * @param takeover the kill of one of two instances
 */
record RecoveryFigures(
    int sagas, Duration creating, long waitingAtEnd, List<Cycle> cycles, Takeover takeover) {

  /** The most the promise allows from the kill to the last held saga polled again. */
  static final Duration PROMISE = Duration.ofSeconds(10);

  /**
   * One kill and restart of the single instance.
   *
   * @param heldFromKill from the kill to the last saga it held polled again; null if it held none
   */
  record Cycle(
      String when,
      long leasedAtKill,
      Duration heldFromKill,
      Duration fromKill,
      Duration fromLaunch,
      Duration fromListening,
      Duration startup) {}

  /**
   * One of two instances killed for good.
   *
   * @param killed the instance id of the one killed
   * @param leasedAtKill sagas leased by each instance right after the kill
   * @param held sagas the killed instance held
   * @param heldFromKill from the kill to the last of those polled again; null if it held none
   * @param everyFromKill from the kill to every waiting saga polled again
   */
  record Takeover(
      String killed,
      Map<String, Long> leasedAtKill,
      long held,
      Duration heldFromKill,
      Duration everyFromKill) {}

  /**
   * Why the run did not happen as described (sagas lost, no lease held at a kill); empty if it did.
   */
  List<String> invalid() {
    List<String> reasons = new ArrayList<>();
    if (waitingAtEnd != sagas) {
      reasons.add(waitingAtEnd + " of " + sagas + " sagas still waiting for their images");
    }
    if (cycles.isEmpty() || cycles.get(0).heldFromKill() == null) {
      reasons.add("the restarted instance held no saga at its kill");
    }
    if (takeover.heldFromKill() == null) {
      reasons.add("the killed one of two instances held no saga");
    }
    return reasons;
  }

  /** Whether the run happened as described and kept the promise. */
  boolean kept() {
    return invalid().isEmpty()
        && within(cycles.get(0).heldFromKill())
        && within(takeover.heldFromKill());
  }

  /** The per-scenario lines and the last line of the run. */
  String verdict() {
    String restart = seconds(cycles.isEmpty() ? null : cycles.get(0).heldFromKill());
    String survivor = seconds(takeover.heldFromKill());
    String figures =
        String.join(
            System.lineSeparator(),
            "every saga the dead instance held, polled again, from the kill (at most 10 s):",
            "  restart of the same instance: " + restart,
            "  one surviving instance:       " + survivor,
            "");
    if (!invalid().isEmpty()) {
      return figures
          + "RESULT: NOT as described; figures are not valid ("
          + String.join("; ", invalid())
          + ")";
    }
    String both = restart + " restarted, " + survivor + " with a surviving instance";
    return figures
        + (kept()
            ? "RESULT: as promised (" + both + ")"
            : "RESULT: NOT as promised (" + both + ")");
  }

  /** The figures as a Markdown table. */
  String table() {
    FigureTable t =
        new FigureTable(
            FigureTable.format(
                "Recovery: %,d sagas in flight (images of %d min, 15 s polls), kill -9",
                sagas, creating.toMinutes()));
    for (Cycle c : cycles) {
      String startup = seconds(c.startup()) + " service start";
      t.add(
          "kill " + c.when() + ": sagas leased by the dead process",
          String.valueOf(c.leasedAtKill()),
          "-");
      if (c.heldFromKill() != null) {
        t.add(
            "  the sagas it held polled again, from the kill",
            seconds(c.heldFromKill()),
            startup,
            "<= 10 s",
            within(c.heldFromKill()));
      }
      t.add("  every saga polled again, from the kill", seconds(c.fromKill()), startup);
      t.add(
          "  every saga polled again, from the restart (process launched)",
          seconds(c.fromLaunch()),
          startup);
      t.add("  every saga polled again, from the HTTP port open", seconds(c.fromListening()), "-");
    }
    t.add(
        "kill one of two instances during a poll pass (" + takeover.killed() + "): sagas leased",
        takeover.leasedAtKill().entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", ")),
        "-");
    t.add(
        "  the sagas it held polled again by the survivor, from the kill",
        seconds(takeover.heldFromKill()),
        "-",
        "<= 10 s",
        within(takeover.heldFromKill()));
    t.add("  every saga polled again, from the kill", seconds(takeover.everyFromKill()), "-");
    return t.render();
  }

  private static boolean within(Duration d) {
    return d != null && d.compareTo(PROMISE) <= 0;
  }

  private static String seconds(Duration d) {
    return d == null ? "-" : FigureTable.format("%.1f s", d.toMillis() / 1000.0);
  }
}
