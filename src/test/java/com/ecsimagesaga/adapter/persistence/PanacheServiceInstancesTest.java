package com.ecsimagesaga.adapter.persistence;

import static com.ecsimagesaga.testsupport.OnContext.onContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.app.ServiceShare;
import com.ecsimagesaga.port.ServiceInstances;
import com.ecsimagesaga.testsupport.EcsSimulatorResource;
import com.ecsimagesaga.testsupport.KafkaBrokerResource;
import com.ecsimagesaga.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The instance table on the real PostgreSQL: heartbeats count, expire and leave. The beats here are
 * stamped a year ahead, so the running service's own heartbeat (stamped now) never counts among
 * them.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(EcsSimulatorResource.class)
class PanacheServiceInstancesTest {

  static final Duration EXPIRY = Duration.ofSeconds(20);

  @Inject ServiceInstances instances;
  @Inject ServiceShare share;
  @Inject Pool pool;

  private int beat(String id, Instant at) {
    return onContext(() -> instances.heartbeat(id, at, at.minus(EXPIRY)));
  }

  @Test
  void beatsCountUntilTheyExpireOrLeave() {
    Instant t = Instant.now().plus(Duration.ofDays(365));
    assertThat(beat("sit-a", t)).isEqualTo(1);
    assertThat(beat("sit-b", t.plusSeconds(1))).isEqualTo(2);
    assertThat(beat("sit-a", t.plusSeconds(15))).isEqualTo(2);
    assertThat(beat("sit-a", t.plusSeconds(22))).as("b's last beat is 21 s old").isEqualTo(1);
    assertThat(rows("sit-b")).as("an expired instance's row is forgotten").isZero();

    assertThat(beat("sit-c", t.plusSeconds(23))).isEqualTo(2);
    assertThat(beat("sit-c", t.plusSeconds(10)))
        .as("a late beat never moves a heartbeat back")
        .isEqualTo(2);
    assertThat(beat("sit-a", t.plusSeconds(32))).as("c still beat at +23 s").isEqualTo(2);
    onContext(() -> instances.leave("sit-c"));
    assertThat(rows("sit-c")).isZero();
    assertThat(beat("sit-a", t.plusSeconds(33))).isEqualTo(1);
    onContext(() -> instances.leave("sit-a"));
  }

  @Test
  void theRunningServiceBeatsUnderItsInstanceName() {
    await().atMost(Duration.ofSeconds(30)).until(() -> rows(share.instanceId()) == 1);
    assertThat(share.liveInstances()).isGreaterThanOrEqualTo(1);
  }

  private long rows(String id) {
    return pool.preparedQuery("select count(*) from service_instance where instance_id = $1")
        .execute(Tuple.of(id))
        .await()
        .atMost(Duration.ofSeconds(10))
        .iterator()
        .next()
        .getLong(0);
  }
}
