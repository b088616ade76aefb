package com.ecsimagesaga.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.testsupport.FakeClock;
import com.ecsimagesaga.testsupport.InMemoryServiceInstances;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How many instances share the ECS budget, by heartbeats, on a clock that moves only when told. */
class ServiceShareTest {

  static final Duration EXPIRY = Duration.ofSeconds(20);

  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-28T10:00:00Z"));

  /** The table's contract, in memory: the PostgreSQL version is PanacheServiceInstancesTest's. */
  private final InMemoryServiceInstances table = new InMemoryServiceInstances();

  private ServiceShare instance(String name) {
    return new ServiceShare(table, clock, name, EXPIRY);
  }

  private static int beat(ServiceShare s) {
    return s.beat().await().indefinitely();
  }

  @Test
  void aloneBeforeTheFirstBeatAndAlone() {
    var a = instance("a");
    assertThat(a.liveInstances()).isEqualTo(1);
    assertThat(beat(a)).isEqualTo(1);
    assertThat(a.liveInstances()).isEqualTo(1);
  }

  @Test
  void twoInstancesEachTakeHalfAndADeadOneStopsCountingAfterItsHeartbeatExpires() {
    var a = instance("a");
    var b = instance("b");
    beat(a);
    beat(b);
    beat(a);
    assertThat(a.liveInstances()).isEqualTo(2);
    assertThat(b.liveInstances()).isEqualTo(2);

    // b dies: it beats no more. Within the expiry it still counts, so a does not take the whole
    // budget too early.
    clock.advance(Duration.ofSeconds(15));
    assertThat(beat(a)).isEqualTo(2);
    clock.advance(Duration.ofSeconds(6));
    assertThat(beat(a)).as("b's last beat is 21 s old").isEqualTo(1);
    assertThat(a.liveInstances()).isEqualTo(1);
    assertThat(table.beats()).containsOnlyKeys("a");
  }

  @Test
  void anInstanceThatLeavesStopsCountingAtOnce() {
    var a = instance("a");
    var b = instance("b");
    beat(a);
    beat(b);
    b.leave().await().indefinitely();
    assertThat(beat(a)).isEqualTo(1);
  }

  @Test
  void aFailedBeatKeepsTheLastCount() {
    var a = instance("a");
    var b = instance("b");
    beat(b);
    beat(a);
    table.down(true);
    clock.advance(Duration.ofMinutes(5));
    assertThat(a.beat().onFailure().recoverWithNull().await().indefinitely()).isNull();
    assertThat(a.liveInstances())
        .as("keep the share rather than take the whole budget")
        .isEqualTo(2);
  }
}
