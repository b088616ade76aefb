package com.ecsimagesaga.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A PostgreSQL server that can be stopped and started again on the same port with the same data, so
 * a client configured once sees an outage and a recovery, not a new server. {@link
 * RestartablePostgres} runs an embedded one; {@code stack.ContainerPostgres} a Docker container.
 * Either way the service's database is {@value PostgresResource#DATABASE}, user and password {@code
 * postgres}.
 */
public interface RestartableDatabase extends AutoCloseable {

  /** Starts the server, creating the database on first use; no-op if running. */
  void start();

  /** Stops the server (open connections are cut), keeping its data. Safe to call twice. */
  void stop();

  /** Stops and starts again: every client connection is cut, the data stays. */
  default void restart() {
    stop();
    start();
  }

  @Override
  default void close() {
    stop();
  }

  /**
   * @return the port clients connect to, the same across restarts
   */
  int port();

  /**
   * @return {@code jdbc:postgresql://<host>:<port>/ecs_image_saga}
   */
  default String jdbcUrl() {
    return "jdbc:" + reactiveUrl();
  }

  /**
   * @return the same database in the form the Vert.x reactive client wants
   */
  String reactiveUrl();

  /**
   * @return a new JDBC connection to the service's database; the caller closes it
   */
  default Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
  }
}
