package com.ecsimagesaga.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The packaged saga service ({@code target/quarkus-app/quarkus-run.jar}) as a child process, wired
 * to the local PostgreSQL, Kafka broker and ECS simulator. Its output goes to the launcher's
 * console.
 */
final class LocalService {

  /** Where the service's HTTP endpoints (REST API, health) listen. */
  static final String HTTP_ADDRESS = "127.0.0.1:8080";

  private static final Path RUNNER = Path.of("target", "quarkus-app", "quarkus-run.jar");

  // Volatile: the shutdown hook reads it on another thread.
  private volatile Process service;

  /**
   * Launches the service.
   *
   * @throws IllegalStateException if the service has not been packaged yet
   */
  void start(LocalPostgres postgres) throws IOException {
    if (!Files.isRegularFile(RUNNER)) {
      throw new IllegalStateException(
          RUNNER.toAbsolutePath() + " is missing; run `mvn package -DskipTests` first");
    }
    List<String> command =
        List.of(
            ChildProcesses.javaExecutable(),
            "-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl(),
            "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(),
            "-Dquarkus.datasource.username=" + LocalPostgres.USER,
            "-Dquarkus.datasource.password=" + LocalPostgres.PASSWORD,
            "-Dkafka.bootstrap.servers=" + LocalKafkaBroker.BOOTSTRAP_SERVERS,
            "-Dsaga.ecs.endpoint=127.0.0.1:" + LocalSimulator.API_PORT,
            "-Dsaga.ecs.protocol=HTTP",
            // Spans are recorded only when a collector is configured
            // (QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT).
            "-Dquarkus.otel.sdk.disabled=" + !ChildProcesses.traceCollectorConfigured(),
            "-Dsaga.ecs.access-key-id=sim-access-key-id",
            "-Dsaga.ecs.access-key-secret=sim-access-key-secret",
            // Admin API users of the local run: local-operator and local-viewer, passwords equal to
            // the
            // names (digests of user:Quarkus:password). Never used outside the local run.
            "-Dquarkus.security.users.embedded.users.local-operator=cf2084a4b63f73bfb5e2a7604dbec650daee997c29529c8f8e5b8a2e35682890",
            "-Dquarkus.security.users.embedded.roles.local-operator=operator",
            "-Dquarkus.security.users.embedded.users.local-viewer=e3c3b9dbf15921fddf7aa59e15845e7c9a5c0989e6f0c577e35294fdc5b4112d",
            "-Dquarkus.security.users.embedded.roles.local-viewer=viewer",
            "-jar",
            RUNNER.toString());
    service = new ProcessBuilder(command).inheritIO().start();
  }

  /**
   * Waits until the service exits on its own.
   *
   * @return its exit code
   */
  int awaitExit() throws InterruptedException {
    return service.waitFor();
  }

  /** Stops the service gracefully. Safe to call twice or before {@link #start}. */
  void close() {
    ChildProcesses.stop(service);
  }
}
