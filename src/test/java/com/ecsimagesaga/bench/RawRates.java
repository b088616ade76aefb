package com.ecsimagesaga.bench;

import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.testsupport.CommandProducer;
import com.ecsimagesaga.testsupport.EventTopicRecorder;
import com.ecsimagesaga.testsupport.PostgresResource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The raw rates of the broker and the database the service runs on, measured in the same run as the
 * service's figures, so that those can be read as a ratio on a noisy machine.
 */
final class RawRates {

  static final int RAW_RECORDS = 20_000;
  static final Duration DB_WINDOW = Duration.ofSeconds(10);

  private RawRates() {}

  /** Produce RAW_RECORDS records of a command's size, then consume them all; records per second. */
  static double broker(String bootstrap) {
    String topic = "bench-raw-" + UUID.randomUUID();
    byte[] value = new byte[200];
    long start = System.nanoTime();
    try (var producer = new CommandProducer(bootstrap);
        var reader = new EventTopicRecorder(bootstrap, topic)) {
      for (int i = 0; i < RAW_RECORDS; i++) {
        producer.sendAsync(topic, "k" + (i % 64), value);
      }
      producer.flush();
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> reader.records().size() >= RAW_RECORDS);
    }
    return RAW_RECORDS / ((System.nanoTime() - start) / 1e9);
  }

  /** pgbench -N style: 8 clients each committing one-row insert transactions for DB_WINDOW. */
  static double database() throws Exception {
    return database(RawRates::connect);
  }

  /** Opens a connection to the database measured. */
  interface Connector {
    Connection connect() throws SQLException;
  }

  /** {@link #database()} against the database {@code connector} opens connections to. */
  static double database(Connector connector) throws Exception {
    try (Connection c = connector.connect()) {
      c.createStatement()
          .execute("create table if not exists bench_raw (id bigserial primary key, v text)");
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    long deadline = System.nanoTime() + DB_WINDOW.toNanos();
    List<Future<Long>> clients = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      clients.add(pool.submit(() -> insertUntil(connector, deadline)));
    }
    long total = 0;
    for (Future<Long> f : clients) {
      total += f.get();
    }
    pool.shutdown();
    return total / (double) DB_WINDOW.toSeconds();
  }

  /** Transactions committed in the service's database so far (pg_stat_database). */
  static long databaseCommits() throws SQLException {
    return databaseCommits(RawRates::connect);
  }

  /** {@link #databaseCommits()} of the database {@code connector} opens connections to. */
  static long databaseCommits(Connector connector) throws SQLException {
    try (Connection c = connector.connect();
        var rs =
            c.createStatement()
                .executeQuery(
                    "select xact_commit from pg_stat_database where datname = current_database()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        PostgresResource.jdbcUrl(), PostgresResource.user(), PostgresResource.password());
  }

  private static long insertUntil(Connector connector, long deadline) throws SQLException {
    long n = 0;
    try (Connection c = connector.connect();
        PreparedStatement insert = c.prepareStatement("insert into bench_raw (v) values (?)")) {
      c.setAutoCommit(true);
      while (System.nanoTime() < deadline) {
        insert.setString(1, "x");
        insert.executeUpdate();
        n++;
      }
    }
    return n;
  }
}
