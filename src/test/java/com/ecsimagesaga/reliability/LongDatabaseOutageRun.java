package com.ecsimagesaga.reliability;

import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.contract.v1.CreateImage;
import com.ecsimagesaga.testsupport.ServiceProcess;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL outage longer than SmallRye's 60 s limit on unacknowledged records: does command
 * intake resume when the database is back? With {@code --proposed-fix} the service runs with {@code
 * mp.messaging.incoming.commands.throttled.unprocessed-record-max-age.ms=0} (no limit).
 *
 * <p>Run it with {@code mvn -Pchaos -DskipTests package exec:exec
 * -Dchaos.main=com.ecsimagesaga.reliability.LongDatabaseOutageRun} (add the flag by running the
 * class with {@code java -cp}). Exits 0 when every command got its outcome after the outage.
 */
public final class LongDatabaseOutageRun {

  private LongDatabaseOutageRun() {}

  public static void main(String[] args) throws Exception {
    boolean fix = List.of(args).contains("--proposed-fix");
    Duration outage = Duration.ofSeconds(Long.getLong("outage.seconds", 75));
    try (ReliabilityStack stack = ReliabilityStack.start("long-db-outage", 20.0, 100)) {
      Map<String, String> overrides =
          fix
              ? Map.of(
                  "mp.messaging.incoming.commands.throttled.unprocessed-record-max-age.ms", "0")
              : Map.of();
      ServiceProcess service = stack.service("long-outage-service", overrides);
      service.start();
      stack.postgres().stop();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        CreateImage c = ReliabilityStack.aCreateImage();
        stack.publish(c);
        ids.add(c.getCommandId());
      }
      System.out.println(
          "PostgreSQL down for "
              + outage.toSeconds()
              + " s, 5 commands published, proposed fix: "
              + fix);
      await().pollDelay(outage).atMost(outage.plusSeconds(1)).until(() -> true);
      stack.postgres().start();
      Ledger ledger = new Ledger(stack);
      boolean resumed;
      try {
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofSeconds(2))
            .until(() -> ledger.allHaveOutcomes(ids));
        resumed = true;
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        resumed = false;
      }
      String log = Files.readString(service.log());
      System.out.println(
          "outcomes after the outage: "
              + ledger.outcomesByCommand().keySet().stream().filter(ids::contains).count()
              + " of 5; channel reported TooManyMessagesWithoutAck: "
              + log.contains("TooManyMessagesWithoutAckException"));
      System.exit(resumed ? 0 : 1);
    }
  }
}
