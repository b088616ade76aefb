package com.ecsimagesaga.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ecsimagesaga.testsupport.PostgresResource;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema migration every replica runs at start (quarkus.flyway.migrate-at-start), as a rolling
 * deployment runs it, on fresh databases of the embedded server.
 *
 * <p>Three replicas started together: Flyway serialises them with a PostgreSQL advisory lock, so
 * one applies every migration and the others find the schema up to date (Flyway's defaults, the
 * ones Quarkus gives it).
 *
 * <p>An older version started against a newer schema (a rollback, or an old pod restarted during a
 * rolling update): Quarkus passes Flyway the ignore pattern {@code *:Future} only when
 * quarkus.flyway.ignore-future-migrations is true (its FlywayCreator), and that is false by
 * default, so without the deployment's setting the old version refuses to start.
 */
class SchemaMigrationTest {

  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

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

  @Test
  void anOlderVersionStartsAgainstANewerSchemaOnlyWhenFutureMigrationsAreIgnored(
      @TempDir Path older) throws Exception {
    String url = freshDatabase();
    Flyway.configure().dataSource(url, user(), password()).load().migrate();
    List<Path> files;
    try (Stream<Path> all = Files.list(MIGRATIONS)) {
      files = all.sorted(Comparator.comparing(SchemaMigrationTest::version, VERSIONS)).toList();
    }
    for (Path f : files.subList(0, files.size() - 1)) {
      Files.copy(f, older.resolve(f.getFileName()));
    }
    var olderVersion =
        Flyway.configure().dataSource(url, user(), password()).locations("filesystem:" + older);

    assertThatThrownBy(() -> olderVersion.ignoreMigrationPatterns(new String[0]).load().migrate())
        .isInstanceOf(FlywayValidateException.class);
    MigrateResult ignoring = olderVersion.ignoreMigrationPatterns("*:Future").load().migrate();
    assertThat(ignoring.success).isTrue();
    assertThat(ignoring.migrationsExecuted).isZero();

    Properties deployed = new Properties();
    deployed.load(
        new StringReader(
            EnvironmentVariablesTest.configMap("ecs-image-saga-config")
                .path("data")
                .path("application.properties")
                .asText()));
    assertThat(deployed.getProperty("quarkus.flyway.ignore-future-migrations")).isEqualTo("true");
  }

  /** Flyway's version of a migration file: V8_1__x.sql is 8.1, after 8 and before 9. */
  private static List<Integer> version(Path migration) {
    String name = migration.getFileName().toString();
    return Stream.of(name.substring(1, name.indexOf("__")).split("[._]"))
        .map(Integer::parseInt)
        .toList();
  }

  /** Versions compared part by part, a missing part counting as 0. */
  private static final Comparator<List<Integer>> VERSIONS =
      (a, b) -> {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
          int c = Integer.compare(i < a.size() ? a.get(i) : 0, i < b.size() ? b.get(i) : 0);
          if (c != 0) {
            return c;
          }
        }
        return 0;
      };

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
