package com.ecsimagesaga.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * An embedded PostgreSQL on the fixed port {@value #PORT} for running the service locally. Its data
 * directory survives restarts, so sagas started in one run are still there in the next; delete the
 * directory to start from an empty database.
 */
public final class LocalPostgres implements AutoCloseable {

  /** The port the server listens on. */
  public static final int PORT = LocalPorts.port(54320);

  /** The superuser; the server trusts local connections, so {@link #PASSWORD} is not checked. */
  public static final String USER = "postgres";

  /** The password to hand to clients that insist on one. */
  public static final String PASSWORD = "postgres";

  private static final String HOST = "127.0.0.1";

  private final Path dataDirectory;
  // Volatile: the shutdown hook reads it on another thread.
  private volatile EmbeddedPostgres postgres;

  /**
   * @param dataDirectory where the server keeps its data, e.g. {@code local-stack/postgres}
   */
  public LocalPostgres(Path dataDirectory) {
    this.dataDirectory = dataDirectory.toAbsolutePath();
  }

  /**
   * Starts the server (initialising the data directory on first use) and creates the {@value
   * PostgresResource#DATABASE} database if it is missing. The server stops on JVM shutdown or by
   * {@link #close()}.
   *
   * @throws IOException if the port is taken or the server does not start
   */
  public void start() throws IOException {
    ChildProcesses.requireFree("PostgreSQL", HOST, PORT);
    Files.createDirectories(dataDirectory);
    postgres =
        EmbeddedPostgres.builder()
            .setPort(PORT)
            .setDataDirectory(dataDirectory)
            // Keep the data: the library only runs initdb when postgresql.conf is missing.
            .setCleanDataDirectory(false)
            .start();
    try {
      PostgresResource.createDatabase(postgres);
    } catch (SQLException e) {
      throw new IOException("Could not create database " + PostgresResource.DATABASE, e);
    }
  }

  /**
   * @return {@code jdbc:postgresql://127.0.0.1:54320/ecs_image_saga}
   */
  public String jdbcUrl() {
    return "jdbc:" + reactiveUrl();
  }

  /**
   * @return the same database as {@link #jdbcUrl()}, in the form the Vert.x reactive client wants
   */
  public String reactiveUrl() {
    return "postgresql://" + HOST + ":" + PORT + "/" + PostgresResource.DATABASE;
  }

  /** Stops the server, keeping its data. Safe to call twice. */
  @Override
  public void close() throws IOException {
    EmbeddedPostgres running = postgres;
    if (running != null) {
      // The library ignores a second close, so the hook and an explicit close may both call this.
      running.close();
    }
  }
}
