package com.ecsimagesaga.testsupport;

import com.ecsimagesaga.testsupport.stack.ContainerImages;
import com.ecsimagesaga.testsupport.stack.ContainerPostgres;
import com.ecsimagesaga.testsupport.stack.CurrentTestStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL server for tests: an embedded PostgreSQL 14 started as a child process of the
 * JVM, or, when the test stack is {@code containers} ({@code -Dtest.stack=containers}, see {@link
 * CurrentTestStack}), a PostgreSQL container started by Testcontainers ({@link ContainerPostgres}).
 *
 * <p>The server starts on first use and serves every test class and Quarkus test profile of the
 * JVM; the embedded server's own shutdown hook stops it and deletes its data when the JVM exits.
 * When the environment variable {@value #EXTERNAL_URL_ENV} is set, that server is used instead
 * (with {@value #EXTERNAL_USER_ENV} and {@value #EXTERNAL_PASSWORD_ENV}), whatever the test stack;
 * its database must already exist.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

  /**
   * Environment variable with an external server's JDBC URL, {@code
   * jdbc:postgresql://host:port/db}.
   */
  public static final String EXTERNAL_URL_ENV = "ECS_SAGA_TEST_PG_URL";

  /** Environment variable with the external server's user name; {@code postgres} when unset. */
  public static final String EXTERNAL_USER_ENV = "ECS_SAGA_TEST_PG_USER";

  /** Environment variable with the external server's password; {@code postgres} when unset. */
  public static final String EXTERNAL_PASSWORD_ENV = "ECS_SAGA_TEST_PG_PASSWORD";

  /** Name of the database the service uses. */
  public static final String DATABASE = "ecs_image_saga";

  // Quarkus may load this class once per test profile, so the running server is recorded in system
  // properties, the one store every class loader of the JVM shares (see KafkaBrokerResource).
  private static final String URL_PROPERTY = "ecs-saga.testsupport.pg-url";
  private static final String USER_PROPERTY = "ecs-saga.testsupport.pg-user";
  private static final String PASSWORD_PROPERTY = "ecs-saga.testsupport.pg-password";
  private static final String CONTAINER_PROPERTY = "ecs-saga.testsupport.pg-container";

  // The embedded server trusts every local connection, so any password works; this one is
  // conventional.
  private static final String EMBEDDED_USER = "postgres";
  private static final String EMBEDDED_PASSWORD = "postgres";

  private static final Logger LOG = Logger.getLogger(PostgresResource.class);

  /**
   * Starts the server if this JVM has none yet and points both Quarkus datasources at it.
   *
   * @return the reactive and JDBC datasource URLs, user name and password
   */
  @Override
  public Map<String, String> start() {
    String jdbcUrl = jdbcUrl();
    return Map.of(
        "quarkus.datasource.reactive.url", jdbcUrl.substring("jdbc:".length()),
        "quarkus.datasource.jdbc.url", jdbcUrl,
        "quarkus.datasource.username", user(),
        "quarkus.datasource.password", password());
  }

  /** Leaves the server running for the next test profile; it stops when the JVM exits. */
  @Override
  public void stop() {
    // Nothing to do; see the method's Javadoc.
  }

  /**
   * The JDBC URL of the {@value #DATABASE} database, starting the server on first call.
   *
   * @return {@code jdbc:postgresql://host:port/database}
   */
  public static String jdbcUrl() {
    ensureRunning();
    return System.getProperty(URL_PROPERTY);
  }

  /**
   * @return the user name for {@link #jdbcUrl()}, starting the server on first call
   */
  public static String user() {
    ensureRunning();
    return System.getProperty(USER_PROPERTY);
  }

  /**
   * @return the password for {@link #jdbcUrl()}, starting the server on first call
   */
  public static String password() {
    ensureRunning();
    return System.getProperty(PASSWORD_PROPERTY);
  }

  private static void ensureRunning() {
    synchronized (System.getProperties()) {
      if (System.getProperty(URL_PROPERTY) != null) {
        return;
      }
      String external = System.getenv(EXTERNAL_URL_ENV);
      if (external != null && !external.isBlank()) {
        System.setProperty(USER_PROPERTY, envOr(EXTERNAL_USER_ENV, EMBEDDED_USER));
        System.setProperty(PASSWORD_PROPERTY, envOr(EXTERNAL_PASSWORD_ENV, EMBEDDED_PASSWORD));
        System.setProperty(URL_PROPERTY, external);
        return;
      }
      String url;
      if (CurrentTestStack.containers()) {
        ContainerPostgres postgres =
            new ContainerPostgres(ContainerImages.fromSystemProperties().postgres());
        postgres.start();
        System.setProperty(CONTAINER_PROPERTY, postgres.containerId());
        url = postgres.jdbcUrl();
      } else {
        url = "jdbc:postgresql://localhost:" + startEmbedded() + "/" + DATABASE;
      }
      System.setProperty(USER_PROPERTY, EMBEDDED_USER);
      System.setProperty(PASSWORD_PROPERTY, EMBEDDED_PASSWORD);
      System.setProperty(URL_PROPERTY, url);
    }
  }

  /**
   * The Docker container id of the server, when the test stack runs it in a container: what a test
   * that stalls or measures the server acts on instead of its processes.
   *
   * @return the id, or empty for an embedded or external server; starts the server on first call
   */
  public static Optional<String> containerId() {
    ensureRunning();
    return Optional.ofNullable(System.getProperty(CONTAINER_PROPERTY));
  }

  private static int startEmbedded() {
    long startedAt = System.nanoTime();
    try {
      // As root, the library runs initdb and postgres under `unshare -U`, because PostgreSQL
      // refuses to run as root; that needs util-linux and user namespaces on the machine.
      EmbeddedPostgres postgres = DurablePostgres.configure(EmbeddedPostgres.builder()).start();
      createDatabase(postgres);
      LOG.infof(
          "PostgreSQL test server ready on port %d after %d ms (%s)",
          postgres.getPort(),
          (System.nanoTime() - startedAt) / 1_000_000,
          DurablePostgres.describe(postgres.getPostgresDatabase()));
      return postgres.getPort();
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("Could not start the embedded PostgreSQL server", e);
    }
  }

  /**
   * Creates the {@value #DATABASE} database unless it exists, so a persistent data directory can be
   * reused.
   */
  static void createDatabase(EmbeddedPostgres postgres) throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      boolean exists =
          statement
              .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")
              .next();
      if (!exists) {
        statement.execute("CREATE DATABASE " + DATABASE);
      }
    }
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
