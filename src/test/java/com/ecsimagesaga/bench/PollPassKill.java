package com.ecsimagesaga.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The moments and the saga-table reads of a recovery measurement: the poll grid a kill is aimed at,
 * the leases each instance holds, and when the sagas a dead instance held were polled again. A
 * saga's {@code updated_at} is written only when a poll's result is stored, and storing it clears
 * the lease; so a saga leased at the kill was being polled by the dead instance and had no result
 * yet, and it has been polled again once its {@code updated_at} is after the kill.
 */
final class PollPassKill {

  private static final Duration LEASE_WAIT = Duration.ofSeconds(3);
  private static final Duration RECOVERY_WAIT = Duration.ofMinutes(5);

  private PollPassKill() {}

  /** Lets time pass until {@code offset} after the next instant of the {@code grid}. */
  static void pauseUntil(Duration grid, Duration offset) {
    long step = grid.toMillis();
    long now = System.currentTimeMillis();
    long at = Math.floorDiv(now, step) * step + offset.toMillis();
    if (at <= now) {
      at += step;
    }
    ProcessStack.pause(Duration.ofMillis(at - System.currentTimeMillis()));
  }

  /**
   * Waits (briefly) until some instance holds leases, as a poll pass does once it has claimed its
   * sagas; whether it did.
   */
  static boolean awaitLeases(ProcessStack stack) {
    String leasedNow = "select count(*) from saga where lease_until > now()";
    try {
      await("a poll pass holding leases")
          .atMost(LEASE_WAIT)
          .pollInterval(Duration.ofMillis(10))
          .until(() -> stack.queryLong(leasedNow) > 0);
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return false;
    }
  }

  /** Sagas leased at {@code at}, by lease owner (the instance id), largest first. */
  static Map<String, Long> leasedByOwner(ProcessStack stack, Instant at) {
    return stack
        .queryStrings(
            "select lease_owner || ' ' || count(*) from saga where lease_until > "
                + literal(at)
                + " group by lease_owner order by count(*) desc, lease_owner")
        .stream()
        .map(row -> row.split(" "))
        .collect(
            Collectors.toMap(
                r -> r[0], r -> Long.parseLong(r[1]), (x, y) -> x, LinkedHashMap::new));
  }

  /** Ids of the sagas {@code owner} held at {@code at}. */
  static List<String> heldBy(ProcessStack stack, String owner, Instant at) {
    return stack.queryStrings(
        "select id from saga where lease_owner = '"
            + owner.replace("'", "''")
            + "' and lease_until > "
            + literal(at));
  }

  /**
   * Waits until every one of {@code ids} was polled after {@code dead}; the moment the last of them
   * was, or {@code null} for no ids.
   */
  static Instant awaitPolledAgain(ProcessStack stack, List<String> ids, Instant dead) {
    if (ids.isEmpty()) {
      return null;
    }
    String in =
        ids.stream().map(id -> "'" + id.replace("'", "''") + "'").collect(Collectors.joining(","));
    String stale =
        "select count(*) from saga where id in (" + in + ") and updated_at <= " + literal(dead);
    await("every saga the dead instance held polled again")
        .atMost(RECOVERY_WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> stack.queryLong(stale) == 0);
    return stack.queryInstant("select max(updated_at) from saga where id in (" + in + ")");
  }

  /**
   * Waits until no waiting saga was last polled before {@code dead}; the moment the last of them
   * was polled again.
   */
  static Instant awaitAllPolledAgain(ProcessStack stack, Instant dead) {
    String stale =
        "select count(*) from saga where status = 'WAITING' and updated_at <= " + literal(dead);
    await("every saga polled again")
        .atMost(RECOVERY_WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> stack.queryLong(stale) == 0);
    return stack.queryInstant("select max(updated_at) from saga where status = 'WAITING'");
  }

  private static String literal(Instant at) {
    return "'" + at + "'::timestamptz";
  }
}
