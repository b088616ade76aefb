package com.ecsimagesaga.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecsimagesaga.testsupport.PostgresResource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * Three replicas started together each run the schema migration at start
 * (quarkus.flyway.migrate-at-start): Flyway serialises them with a PostgreSQL advisory lock, so one
 * applies every migration and the others find the schema up to date. Run here with Flyway's own
 * defaults, which are the ones Quarkus gives it, on a fresh database of the embedded server.
 */
class ConcurrentMigrationTest {

  @Test
  void threeInstancesMigratingAtOnceApplyEachMigrationExactlyOnce() throws Exception {
    String url = freshDatabase();
    int migrations =
        Flyway.configure().dataSource(url, user(), password()).load().info().all().length;
    assertThat(migrations).isPositive();

    ExecutorService pool = Executors.newFixedThreadPool(3);
    CountDownLatch together = new CountDownLatch(1);
    List<CompletableFuture<MigrateResult>> runs = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        runs.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    together.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                  }
                  return Flyway.configure().dataSource(url, user(), password()).load().migrate();
                },
                pool));
      }
      together.countDown();
      int executed = 0;
      for (CompletableFuture<MigrateResult> run : runs) {
        MigrateResult result = run.get();
        assertThat(result.success).isTrue();
        executed += result.migrationsExecuted;
      }
      assertThat(executed).isEqualTo(migrations);
    } finally {
      pool.shutdownNow();
    }

    try (Connection c = DriverManager.getConnection(url, user(), password());
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "select count(*), count(distinct version), bool_and(success)"
                    + " from flyway_schema_history where version is not null")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(migrations);
      assertThat(rows.getInt(2)).isEqualTo(migrations);
      assertThat(rows.getBoolean(3)).isTrue();
    }
  }

  private static String freshDatabase() throws SQLException {
    String serviceUrl = PostgresResource.jdbcUrl();
    String name = "migration_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(serviceUrl, user(), password());
        Statement s = c.createStatement()) {
      s.execute("create database " + name);
    }
    return serviceUrl.replace("/" + PostgresResource.DATABASE, "/" + name);
  }

  private static String user() {
    return PostgresResource.user();
  }

  private static String password() {
    return PostgresResource.password();
  }
}
