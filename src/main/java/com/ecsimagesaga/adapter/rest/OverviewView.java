package com.ecsimagesaga.adapter.rest;

import com.ecsimagesaga.config.EcsConfig;
import com.ecsimagesaga.port.OverviewQueries;
import com.ecsimagesaga.port.ServiceRates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The console's overview.
 *
 * @param sagas counts by type and status (combinations with no saga are left out)
 * @param stuck unfinished sagas overdue by more than {@code stuckAfterSeconds}
 * @param outboxBacklog events stored but not yet published
 * @param failures failure codes of the sagas that failed in the last {@code failureWindowMinutes}
 * @param regions every region with unfinished sagas or recent ECS calls
 * @param events lifecycle events published
 * @param liveInstances instances sharing the ECS budget
 */
public record OverviewView(
    Instant at,
    long stuckAfterSeconds,
    long failureWindowMinutes,
    List<OverviewQueries.Count> sagas,
    long stuck,
    long outboxBacklog,
    List<OverviewQueries.FailureCount> failures,
    List<Region> regions,
    Events events,
    int liveInstances) {

  /**
   * One region.
   *
   * @param active unfinished sagas
   * @param waitingForQuota unfinished sagas whose current step waited for ECS quota
   * @param calls this instance's ECS calls per action over the rate window, with the budget
   */
  public record Region(String regionId, long active, long waitingForQuota, List<Calls> calls) {}

  /**
   * ECS calls of one action in one region.
   *
   * @param perSecond this instance's calls per second over the rate window
   * @param budgetPerSecond the service-wide budget of the action in a region (null: no budget)
   * @param instanceBudgetPerSecond this instance's share of it
   */
  public record Calls(
      String action, double perSecond, Double budgetPerSecond, Double instanceBudgetPerSecond) {}

  /**
   * @param perSecond events per second over the rate window
   * @param seenSinceStart events read from the event topic since this instance started
   * @param windowSeconds the rate window
   */
  public record Events(double perSecond, long seenSinceStart, double windowSeconds) {}

  static OverviewView of(
      Instant now,
      Duration stuckAfter,
      Duration failureWindow,
      OverviewQueries.Overview o,
      ServiceRates.Rates rates,
      EcsConfig.RateLimit budget,
      int liveInstances) {
    var names = new TreeSet<String>(rates.ecsCallsPerSecond().keySet());
    o.regions().forEach(r -> names.add(r.regionId()));
    List<Region> regions =
        names.stream()
            .map(
                name -> {
                  var load =
                      o.regions().stream()
                          .filter(r -> r.regionId().equals(name))
                          .findFirst()
                          .orElse(new OverviewQueries.RegionLoad(name, 0, 0));
                  var calls =
                      rates.ecsCallsPerSecond().getOrDefault(name, Map.of()).entrySet().stream()
                          .map(e -> calls(e.getKey(), e.getValue(), budget, liveInstances))
                          .toList();
                  return new Region(name, load.active(), load.waitingForQuota(), calls);
                })
            .toList();
    return new OverviewView(
        now,
        stuckAfter.toSeconds(),
        failureWindow.toMinutes(),
        o.sagas(),
        o.stuck(),
        o.outboxBacklog(),
        o.failures(),
        regions,
        new Events(rates.eventsPerSecond(), rates.eventsSeen(), rates.windowSeconds()),
        liveInstances);
  }

  private static Calls calls(
      String action, double perSecond, EcsConfig.RateLimit budget, int liveInstances) {
    double configured = budget.actions().getOrDefault(action, budget.perSecond());
    if (configured <= 0) {
      return new Calls(action, perSecond, null, null);
    }
    return new Calls(action, perSecond, configured, configured / Math.max(1, liveInstances));
  }
}
