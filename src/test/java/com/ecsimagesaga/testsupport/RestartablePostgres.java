package com.ecsimagesaga.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * An embedded PostgreSQL that can be stopped and started again on the same port with the same data,
 * so a client configured once sees an outage and a recovery, not a new server. Used by the
 * reliability runs; {@link LocalPostgres} is the fixed-port variant for local runs.
 */
public final class RestartablePostgres implements RestartableDatabase {

  private static final String HOST = "127.0.0.1";

  private final Path dataDirectory;
  private final int port;
  // Volatile: the shutdown hook and the chaos scheduler read it on other threads.
  private volatile EmbeddedPostgres postgres;

  /**
   * @param dataDirectory where the server keeps its data; kept across {@link #stop()} and {@link
   *     #start()}
   * @param port the port to listen on, every time
   */
  public RestartablePostgres(Path dataDirectory, int port) {
    this.dataDirectory = dataDirectory.toAbsolutePath();
    this.port = port;
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "restartable-postgres-stop"));
  }

  /**
   * Starts the server, initialising the data directory and the database on first use; no-op if
   * running.
   */
  @Override
  public synchronized void start() {
    if (postgres != null) {
      return;
    }
    try {
      Files.createDirectories(dataDirectory);
      postgres =
          DurablePostgres.configure(EmbeddedPostgres.builder())
              .setPort(port)
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .start();
      PostgresResource.createDatabase(postgres);
      System.out.println(
          "PostgreSQL on port "
              + port
              + ": "
              + DurablePostgres.describe(postgres.getPostgresDatabase()));
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start on port " + port, e);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + PostgresResource.DATABASE, e);
    }
  }

  /**
   * Stops the server (fast shutdown: open connections are cut), keeping its data. Safe to call
   * twice.
   */
  @Override
  public synchronized void stop() {
    EmbeddedPostgres running = postgres;
    postgres = null;
    if (running != null) {
      try {
        running.close();
      } catch (IOException e) {
        throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
      }
    }
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String reactiveUrl() {
    return "postgresql://" + HOST + ":" + port + "/" + PostgresResource.DATABASE;
  }
}
