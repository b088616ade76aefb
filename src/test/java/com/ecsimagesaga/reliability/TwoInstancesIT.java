package com.ecsimagesaga.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.simulator.Fault;
import com.ecsimagesaga.testsupport.ServiceProcess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two service instances in one consumer group share commands and due sagas; one is killed with
 * SIGKILL while it holds leases. The leases are the production minute long: the survivor takes the
 * dead instance's sagas over once its heartbeat is older than {@code saga.lease-takeover-after} (6
 * s), within 10 s of the kill, and finishes everything; nothing is lost or done twice.
 */
class TwoInstancesIT {

  @Test
  void whenOneOfTwoInstancesIsKilledTheOtherFinishesItsSagasAndNothingIsLostOrDoubled()
      throws Exception {
    int n = 40;
    // Slow images (about 4 s each) so that many sagas are in flight when the instance dies.
    try (ReliabilityStack stack = ReliabilityStack.start("two-instances", 5.0, n + 50)) {
      // Half the image polls answer only after 1.5 s (within the 2 s read timeout), so an instance
      // holds leases for that long and its death leaves sagas that only lease expiry frees.
      stack
          .simulator()
          .faults()
          .probability(
              "DescribeImages", 0.5, Fault.lostResponseAfterCommit(Duration.ofMillis(1500)));
      Map<String, String> productionLease = Map.of("saga.lease", "60s");
      ServiceProcess a = stack.service("instance-a", productionLease);
      ServiceProcess b = stack.service("instance-b", productionLease);
      a.start();
      b.start();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        CreateImage c = ReliabilityStack.aCreateImage();
        stack.publish(c);
        ids.add(c.getCommandId());
      }
      await("instance-a holds leases on running sagas")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> !leasedBy(stack, "instance-a").isEmpty());
      List<String> orphaned = leasedBy(stack, "instance-a");
      a.kill();
      long killedAt = System.nanoTime();
      await("instance-b has taken over every saga instance-a held")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> heldBy(stack, "instance-a") == 0);
      Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
      System.out.println(
          "sagas of the killed instance claimed again " + takeover + " after the kill");
      assertThat(takeover).as("takeover, not the 60 s lease").isLessThan(Duration.ofSeconds(10));

      Ledger ledger = new Ledger(stack);
      await("every command has its outcome")
          .atMost(Duration.ofSeconds(120))
          .until(() -> ledger.allHaveOutcomes(ids));
      ChaosReport report = ledger.report(ids);
      System.out.println(
          "two instances, "
              + orphaned.size()
              + " sagas leased by the killed one:"
              + System.lineSeparator()
              + report.print());

      assertThat(report).isEqualTo(new ChaosReport(n, n, n, n, 0, 0, 0));
      assertThat(ledger.sagaStatuses())
          .as("sagas the killed instance held")
          .containsAllEntriesOf(
              orphaned.stream()
                  .collect(java.util.stream.Collectors.toMap(id -> id, id -> "SUCCEEDED")));
      assertThat(b.isAlive()).isTrue();
    }
  }

  /** Unfinished sagas whose lease {@code owner} still holds, run out or not. */
  private static int heldBy(ReliabilityStack stack, String owner) throws Exception {
    try (Connection c = stack.postgres().connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select count(*) from saga where status not in ('SUCCEEDED', 'FAILED',"
                    + " 'COMPENSATED', 'COMPENSATION_FAILED') and lease_owner = '"
                    + owner
                    + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static List<String> leasedBy(ReliabilityStack stack, String owner) throws Exception {
    try (Connection c = stack.postgres().connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select id from saga where status not in ('SUCCEEDED', 'FAILED', 'COMPENSATED',"
                    + " 'COMPENSATION_FAILED') and lease_owner = '"
                    + owner
                    + "' and lease_until > now()")) {
      List<String> ids = new ArrayList<>();
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
      return ids;
    }
  }
}
