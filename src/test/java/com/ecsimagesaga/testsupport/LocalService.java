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

  /** Where the service's REST API, console, OpenAPI and Swagger UI listen. */
  static final String HTTP_ADDRESS = "127.0.0.1:" + LocalPorts.port(8080);

  /** Where its management interface (health, metrics) listens. */
  static final String MANAGEMENT_ADDRESS = "127.0.0.1:" + LocalPorts.port(9000);

  private static final Path RUNNER = Path.of("target", "quarkus-app", "quarkus-run.jar");

  // Volatile: the shutdown hook reads it on another thread.
  private volatile Process service;

  /**
   * Launches the service.
   *
   * @throws IllegalStateException if the service has not been packaged yet
   */
  void start(LocalPostgres postgres, Path home) throws IOException {
    if (!Files.isRegularFile(RUNNER)) {
      throw new IllegalStateException(
          RUNNER.toAbsolutePath() + " is missing; run `mvn package -DskipTests` first");
    }
    // Secrets travel in the child's environment, never on its command line (which `ps` shows to
    // every user of the machine): the database password and the simulator's access key secret.
    List<String> command =
        List.of(
            ChildProcesses.javaExecutable(),
            // Profile "local": both HTTP interfaces on 127.0.0.1 only (application.properties).
            "-Dquarkus.profile=local",
            // Marks the process as this run's, for a later start that finds it left behind.
            "-Dlocal.home=" + home,
            "-Dquarkus.http.port=" + LocalPorts.port(8080),
            "-Dquarkus.management.port=" + LocalPorts.port(9000),
            "-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl(),
            "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(),
            "-Dquarkus.datasource.username=" + LocalPostgres.USER,
            "-Dkafka.bootstrap.servers=" + LocalKafkaBroker.BOOTSTRAP_SERVERS,
            "-Dsaga.ecs.endpoint=127.0.0.1:" + LocalSimulator.API_PORT,
            "-Dsaga.ecs.protocol=HTTP",
            // Spans are recorded only when a collector is configured
            // (QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT).
            "-Dquarkus.otel.sdk.disabled=" + !ChildProcesses.traceCollectorConfigured(),
            "-Dsaga.ecs.access-key-id=sim-access-key-id",
            // Admin API users of the local run: local-operator and local-viewer, passwords equal to
            // the names (these are digests of user:Quarkus:password, not the passwords). Never used
            // outside the local run.
            "-Dquarkus.security.users.embedded.users.local-operator=cf2084a4b63f73bfb5e2a7604dbec650daee997c29529c8f8e5b8a2e35682890",
            "-Dquarkus.security.users.embedded.roles.local-operator=operator",
            "-Dquarkus.security.users.embedded.users.local-viewer=e3c3b9dbf15921fddf7aa59e15845e7c9a5c0989e6f0c577e35294fdc5b4112d",
            "-Dquarkus.security.users.embedded.roles.local-viewer=viewer",
            "-jar",
            RUNNER.toString());
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().put("SAGA_DB_PASSWORD", LocalPostgres.PASSWORD);
    builder.environment().put("SAGA_ECS_ACCESS_KEY_SECRET", "sim-access-key-secret");
    service = builder.start();
  }

  /**
   * Waits until the service exits on its own.
   *
   * @return its exit code
   */
  int awaitExit() throws InterruptedException {
    return service.waitFor();
  }

  /**
   * @return the service's process id
   */
  long pid() {
    return service.pid();
  }

  /**
   * @return whether the service is running
   */
  boolean isAlive() {
    Process running = service;
    return running != null && running.isAlive();
  }

  /** Stops the service gracefully. Safe to call twice or before {@link #start}. */
  void close() {
    ChildProcesses.stop(service);
  }
}
