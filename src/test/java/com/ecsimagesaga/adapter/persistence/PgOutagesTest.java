package com.ecsimagesaga.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class PgOutagesTest {

  private final PgOutages outages = new PgOutages();

  @Test
  void aServerThatIsAwayOrAsksForTheWorkAgainIsAnOutage() {
    assertThat(outages.isOutage(pg("57P01"))).as("admin shutdown").isTrue();
    assertThat(outages.isOutage(pg("08006"))).as("connection failure").isTrue();
    assertThat(outages.isOutage(pg("53300"))).as("too many connections").isTrue();
    assertThat(outages.isOutage(pg("40001"))).as("serialization failure").isTrue();
    assertThat(outages.isOutage(pg("40P01"))).as("deadlock").isTrue();
  }

  @Test
  void aLostConnectionIsAnOutageWhateverWrapsIt() {
    assertThat(outages.isOutage(new CompletionException(new ConnectException("refused")))).isTrue();
    assertThat(outages.isOutage(ClosedConnectionException.INSTANCE)).isTrue();
    assertThat(outages.isOutage(new IllegalStateException("Connection reset by peer"))).isTrue();
    assertThat(
            outages.isOutage(
                new RuntimeException("pass", new IllegalStateException("Connection is closed"))))
        .isTrue();
  }

  @Test
  void aBadRowOrADefectIsNotAnOutage() {
    assertThat(outages.isOutage(pg("23505"))).as("unique violation").isFalse();
    assertThat(outages.isOutage(pg("22P02"))).as("invalid text").isFalse();
    assertThat(outages.isOutage(new IllegalArgumentException("a negative limit"))).isFalse();
    assertThat(outages.isOutage(new NullPointerException())).isFalse();
  }

  private static PgException pg(String sqlState) {
    return new PgException("server says " + sqlState, "ERROR", sqlState, null);
  }
}
