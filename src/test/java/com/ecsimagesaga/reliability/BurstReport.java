package com.ecsimagesaga.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a burst run measured: N create commands published at once against a CreateImage budget of
 * {@code createRate} calls per second, part of them throttled by ECS.
 *
 * @param ledger the seven figures of the event topic, the saga table and the simulator
 * @param failed commands whose outcome was {@code ImageCreationFailed}
 * @param drain from the first command published to the last outcome event
 * @param createRate the service's CreateImage budget, calls per second
 * @param createCalls CreateImage calls that reached ECS while draining, throttled ones included
 * @param createAccepted CreateImage calls ECS answered with success
 * @param cpuCores CPU of the service process while draining, in cores
 * @param dbCommitsPerSaga PostgreSQL transactions committed while draining, divided by N
 * @param samples the per-second samples the figures above come from
 */
public record BurstReport(
    ChaosReport ledger,
    long failed,
    Duration drain,
    double createRate,
    long createCalls,
    long createAccepted,
    double cpuCores,
    double dbCommitsPerSaga,
    List<DrainSampler.Sample> samples) {

  /** Drain time over the calls' bound that is allowed. */
  public static final double MAX_RATIO = 1.2;

  /** Mean CPU of the service while draining that is allowed, in cores. */
  public static final double MAX_CPU_CORES = 1.0;

  /** The quota's lower bound of the drain: N commands at {@code createRate} calls per second. */
  public double boundSeconds() {
    return ledger.commandsSent() / createRate;
  }

  /** Drain time over the quota's lower bound. */
  public double ratio() {
    return seconds(drain) / boundSeconds();
  }

  /**
   * The bound of the drain given the calls ECS refused: every CreateImage call the service made,
   * accepted or throttled, takes one token of the budget (a throttled call was made all the same),
   * so N commands with a share {@code t} throttled need N / (1 - t) calls, and their time at the
   * budget's rate is the least the drain can take without exceeding the budget.
   */
  public double callsBoundSeconds() {
    return createCalls / createRate;
  }

  /** Drain time over the calls' bound: how close the service kept to its budget all along. */
  public double callsRatio() {
    return seconds(drain) / callsBoundSeconds();
  }

  /** CreateImage calls per second that reached ECS, on average over the drain. */
  public double meanCreateCallsPerSecond() {
    return createCalls / seconds(drain);
  }

  /**
   * Coefficient of variation of the per-second CreateImage calls in the steady middle of the drain,
   * the samples from 10 % to 90 % of it (the ramp-up and the tail are not what "steady" is about):
   * near 0 for a flat line, large for a sawtooth; NaN with fewer than two samples.
   */
  public double createCallsCv() {
    double total = seconds(drain);
    double[] middle =
        samples.stream()
            .filter(s -> s.seconds() >= 0.1 * total && s.seconds() <= 0.9 * total)
            .mapToDouble(DrainSampler.Sample::createCalls)
            .toArray();
    double mean = Arrays.stream(middle).average().orElse(0);
    if (middle.length < 2 || mean == 0) {
      return Double.NaN;
    }
    double squares = Arrays.stream(middle).map(x -> (x - mean) * (x - mean)).sum();
    return Math.sqrt(squares / (middle.length - 1)) / mean;
  }

  /** Which parts of the promise were not kept; empty when all were. */
  public List<String> shortfalls() {
    List<String> missed = new ArrayList<>();
    if (!ledger.asPromised()) {
      missed.add("not every command ended in exactly one image and one ImageCreated");
    }
    if (!(callsRatio() <= MAX_RATIO)) {
      missed.add(
          format("drain took %.2f times the calls' bound (at most %.1f)", callsRatio(), MAX_RATIO));
    }
    if (!(cpuCores < MAX_CPU_CORES)) {
      missed.add(format("the service used %.2f cores (less than %.1f)", cpuCores, MAX_CPU_CORES));
    }
    return missed;
  }

  /** Whether every command succeeded once, near the quota's bound, on less than a core. */
  public boolean asPromised() {
    return shortfalls().isEmpty();
  }

  /** The figures, one per line, and the verdict last. */
  public String print() {
    return String.join(
        System.lineSeparator(),
        "commands:                           " + ledger.commandsSent(),
        "sagas succeeded:                    " + ledger.sagasFinished(),
        "sagas failed (ImageCreationFailed): " + failed,
        "images in the simulator:            " + ledger.images(),
        "distinct ImageCreated events:       " + ledger.imageCreatedEvents(),
        "duplicates:                         " + ledger.duplicates(),
        "leaks:                              " + ledger.leaks(),
        "stuck sagas:                        " + ledger.stuck(),
        format("drain time (first publish to last outcome): %.1f s", seconds(drain)),
        format("quota's lower bound (N / %.0f per s):       %.1f s", createRate, boundSeconds()),
        format("drain / bound:                              %.2f", ratio()),
        format(
            "calls' bound (%d CreateImage calls / %.0f per s): %.1f s, drain / calls' bound: %.2f",
            createCalls, createRate, callsBoundSeconds(), callsRatio()),
        format(
            "CreateImage calls/s while draining:         %.1f mean (%d calls, %d accepted)",
            meanCreateCallsPerSecond(), createCalls, createAccepted),
        format("  coefficient of variation, 10-90 %% of the drain: %.3f", createCallsCv()),
        format("service CPU while draining:                 %.2f cores (mean)", cpuCores),
        format("DB commits per saga:                        %.2f", dbCommitsPerSaga),
        verdict());
  }

  /** The last line of a run. */
  public String verdict() {
    return asPromised()
        ? format(
            "RESULT: as promised (%d of %d succeeded, 0 duplicates, drain %.2f x quota bound,"
                + " %.2f x calls' bound, %.2f cores)",
            ledger.sagasFinished(), ledger.commandsSent(), ratio(), callsRatio(), cpuCores)
        : "RESULT: NOT as promised (" + String.join("; ", shortfalls()) + ")";
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
