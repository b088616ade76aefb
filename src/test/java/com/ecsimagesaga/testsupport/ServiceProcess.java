package com.ecsimagesaga.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a child process that can be
 * killed with SIGKILL and started again with the same settings. Settings are system properties; its
 * output is appended to a log file, one per process name.
 */
public final class ServiceProcess implements AutoCloseable {

  /** The packaged application this class runs. */
  public static final Path RUNNER = Path.of("target", "quarkus-app", "quarkus-run.jar");

  /**
   * JVM options unless told otherwise: a small heap and C1 only, which starts fastest for tests.
   */
  public static final List<String> TEST_JVM_OPTIONS =
      List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

  private final String name;
  private final Map<String, String> properties;
  private final Path log;
  private final List<String> jvmOptions;
  private final int httpPort;
  private final int managementPort;
  // Volatile: the chaos scheduler kills it while the main thread reads it.
  private volatile Process process;

  /**
   * @param name instance name, also its {@code saga.instance-id} (the lease owner in the database)
   * @param properties system properties for the service; the HTTP port and instance id are added
   * @param logDirectory where {@code <name>.log} is written
   */
  public ServiceProcess(String name, Map<String, String> properties, Path logDirectory) {
    this(name, properties, logDirectory, TEST_JVM_OPTIONS);
  }

  /**
   * @param name instance name, also its {@code saga.instance-id} (the lease owner in the database)
   * @param properties system properties for the service; the HTTP port and instance id are added
   * @param logDirectory where {@code <name>.log} is written
   * @param jvmOptions options of the child JVM, such as {@code -Xmx512m}
   */
  public ServiceProcess(
      String name, Map<String, String> properties, Path logDirectory, List<String> jvmOptions) {
    this.jvmOptions = List.copyOf(jvmOptions);
    if (!Files.isRegularFile(RUNNER)) {
      throw new IllegalStateException(
          RUNNER.toAbsolutePath() + " is missing; run `mvn package -DskipTests` first");
    }
    this.name = name;
    this.httpPort = FreePorts.next();
    this.properties = new LinkedHashMap<>(properties);
    this.properties.put("quarkus.http.port", String.valueOf(httpPort));
    this.managementPort = FreePorts.next();
    this.properties.put("quarkus.management.port", String.valueOf(managementPort));
    this.properties.put("saga.instance-id", name);
    // Without a collector to send spans to, the service records none (events still carry traces).
    this.properties.putIfAbsent(
        "quarkus.otel.sdk.disabled", String.valueOf(!ChildProcesses.traceCollectorConfigured()));
    this.log = logDirectory.toAbsolutePath().resolve(name + ".log");
    Runtime.getRuntime().addShutdownHook(new Thread(this::kill, "service-" + name + "-kill"));
  }

  /**
   * Launches the service and waits until its HTTP port accepts connections, which Quarkus opens
   * last.
   */
  public void start() {
    List<String> command = new ArrayList<>(List.of(ChildProcesses.javaExecutable()));
    command.addAll(jvmOptions);
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.addAll(List.of("-jar", RUNNER.toString()));
    try {
      Files.createDirectories(log.getParent());
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the service", e);
    }
    Process started = process;
    await(name + " listens on " + httpPort)
        .atMost(STARTUP_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .failFast(name + " exited; see " + log, () -> !started.isAlive())
        .until(() -> ChildProcesses.isListening("127.0.0.1", httpPort));
  }

  /** SIGKILL: no shutdown hook, no commit, no goodbye to the consumer group. Safe to call twice. */
  public void kill() {
    Process running = process;
    if (running != null && running.isAlive()) {
      running.destroyForcibly();
      try {
        running.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * @return whether the process is running
   */
  public boolean isAlive() {
    Process running = process;
    return running != null && running.isAlive();
  }

  /**
   * @return the operating-system process id of the running service
   */
  public long pid() {
    Process running = process;
    if (running == null || !running.isAlive()) {
      throw new IllegalStateException(name + " is not running");
    }
    return running.pid();
  }

  /**
   * @return {@code http://127.0.0.1:<port>} of the REST API
   */
  public String httpAddress() {
    return "http://127.0.0.1:" + httpPort;
  }

  /**
   * @return the instance name, also its {@code saga.instance-id}
   */
  public String name() {
    return name;
  }

  /**
   * @return {@code http://127.0.0.1:<port>} of the management interface (health, metrics)
   */
  public String managementAddress() {
    return "http://127.0.0.1:" + managementPort;
  }

  /**
   * @return the log file the process writes
   */
  public Path log() {
    return log;
  }

  /** Stops gracefully (SIGTERM). */
  @Override
  public void close() {
    ChildProcesses.stop(process);
  }
}
