package com.ecsimagesaga.testsupport.stack;

import static org.awaitility.Awaitility.await;

import com.ecsimagesaga.testsupport.DurablePostgres;
import com.ecsimagesaga.testsupport.FreePorts;
import com.ecsimagesaga.testsupport.PostgresResource;
import com.ecsimagesaga.testsupport.RestartableDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL in a Docker container, started by Testcontainers' PostgreSQL module, with the
 * service's database {@value PostgresResource#DATABASE} and user and password {@code postgres}.
 *
 * <p>It runs with the settings of the embedded server ({@link DurablePostgres}): {@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} on when {@code bench.pg-durable=true},
 * {@code fsync} and {@code synchronous_commit} off otherwise; 300 connections, time zone UTC.
 *
 * <p>Port 5432 is bound to a fixed host port chosen when this object is made, and {@link #stop()}
 * stops the container without removing it (its data lives in the image's volume, kept with the
 * container), so {@link #start()} brings back the same server with the same data at the same
 * address. The container is removed when the JVM exits (a shutdown hook, and Testcontainers' reaper
 * if the JVM is killed).
 */
public final class ContainerPostgres implements RestartableDatabase {

  private static final int POSTGRES_PORT = 5432;
  private static final String USER = "postgres";
  private static final String PASSWORD = "postgres";
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
  private static final Logger LOG = Logger.getLogger(ContainerPostgres.class);

  private final String image;
  private final int hostPort;
  private final PostgreSQLContainer container;
  // Volatile: the chaos scheduler stops and starts it while the main thread reads it.
  private volatile boolean created;
  private volatile boolean running;

  /**
   * @param image an official {@code postgres} image or one built from it, for example {@code
   *     postgres:17}
   */
  public ContainerPostgres(String image) {
    this.image = image;
    this.hostPort = FreePorts.next();
    this.container =
        new PostgreSQLContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
            .withDatabaseName(PostgresResource.DATABASE)
            .withUsername(USER)
            .withPassword(PASSWORD);
    container.setCommand(command(DurablePostgres.enabled()));
    container.setPortBindings(List.of(hostPort + ":" + POSTGRES_PORT));
    container.withStartupTimeout(READY_TIMEOUT);
    Runtime.getRuntime().addShutdownHook(new Thread(this::remove, "postgres-container-remove"));
  }

  /**
   * The server's command line: the embedded server's settings, durable or not.
   *
   * @param durable whether {@code bench.pg-durable} asks for a durable server
   * @return {@code postgres -c name=value ...}
   */
  static String[] command(boolean durable) {
    Map<String, String> settings =
        durable
            ? Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on")
            : Map.of("fsync", "off", "synchronous_commit", "off");
    List<String> command = new ArrayList<>(List.of("postgres"));
    settings.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(s -> command.addAll(List.of("-c", s.getKey() + "=" + s.getValue())));
    command.addAll(List.of("-c", "max_connections=300", "-c", "timezone=UTC"));
    return command.toArray(String[]::new);
  }

  /**
   * Creates and starts the container on first call (pulling the image if needed), starts the
   * stopped container on later calls; then waits until the database accepts a query. No-op while
   * running.
   */
  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    long startedAt = System.nanoTime();
    if (!created) {
      container.start();
      created = true;
    } else {
      DockerContainers.start(container.getContainerId());
    }
    await("PostgreSQL container " + image + " accepts queries on port " + hostPort)
        .atMost(READY_TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () -> {
              try (Connection c = connect();
                  Statement s = c.createStatement()) {
                return s.execute("SELECT 1");
              }
            });
    running = true;
    LOG.infof(
        "PostgreSQL container %s (%s) ready on port %d after %d ms (%s)",
        shortId(), image, hostPort, (System.nanoTime() - startedAt) / 1_000_000, describe());
  }

  /** Stops the container (PostgreSQL's fast shutdown cuts every connection), keeping its data. */
  @Override
  public synchronized void stop() {
    if (running) {
      DockerContainers.stop(container.getContainerId());
      running = false;
    }
  }

  @Override
  public int port() {
    return hostPort;
  }

  @Override
  public String reactiveUrl() {
    // Built here rather than taken from getJdbcUrl(), which appends ?loggerLevel=OFF: the reactive
    // client would send that to the server as a run-time parameter, and the server refuses it.
    return "postgresql://" + container.getHost() + ":" + hostPort + "/" + PostgresResource.DATABASE;
  }

  /**
   * @return the container's id, for {@link DockerContainers} (pause, CPU time)
   */
  public String containerId() {
    return container.getContainerId();
  }

  /**
   * @return the image the container runs
   */
  public String image() {
    return image;
  }

  private String describe() {
    try (Connection c = connect()) {
      return DurablePostgres.describe(c)
          + ", PostgreSQL "
          + c.getMetaData().getDatabaseProductVersion();
    } catch (SQLException e) {
      return "settings unknown: " + e.getMessage();
    }
  }

  private void remove() {
    if (!created) {
      return;
    }
    try {
      DockerContainers.remove(container.getContainerId());
    } catch (RuntimeException e) {
      // The reaper removes it anyway when this JVM's connection to it closes.
      LOG.debugf("PostgreSQL container %s not removed at exit: %s", shortId(), e.getMessage());
    }
  }

  private String shortId() {
    String id = container.getContainerId();
    return id == null ? "(not created)" : id.substring(0, Math.min(12, id.length()));
  }
}
