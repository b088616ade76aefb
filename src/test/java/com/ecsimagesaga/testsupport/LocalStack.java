package com.ecsimagesaga.testsupport;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Runs the saga service on embedded infrastructure, for a machine with only a JDK and Maven:
 * PostgreSQL on 127.0.0.1:54320, a Kafka broker on 127.0.0.1:9092, the ECS simulator on
 * 127.0.0.1:8089 (control 8090), and the packaged service on 127.0.0.1:8080. State lives under
 * {@code ./local-stack}. Ctrl-C stops everything.
 *
 * <p>Run it with {@code mvn -Plocal -DskipTests package exec:exec}. Flags, passed as {@code
 * -Dlocal.flags="--no-app --no-simulator"}: {@code --no-simulator} skips the simulator, {@code
 * --no-app} skips the service (infrastructure only).
 */
public final class LocalStack {

  private static final Set<String> FLAGS = Set.of("--no-simulator", "--no-app");

  private final Path home;
  private final boolean withSimulator;
  private final boolean withApp;
  private final LocalPostgres postgres;
  private final LocalKafkaBroker kafka;
  private final LocalService service = new LocalService();

  private LocalStack(Path home, boolean withSimulator, boolean withApp) {
    this.home = home.toAbsolutePath();
    this.withSimulator = withSimulator;
    this.withApp = withApp;
    this.postgres = new LocalPostgres(home.resolve("postgres"));
    this.kafka = new LocalKafkaBroker(home.resolve("kafka"));
  }

  /**
   * Starts the local stack and blocks until Ctrl-C, or until the service exits on its own.
   *
   * @param args any of {@code --no-simulator}, {@code --no-app}
   */
  public static void main(String[] args) throws Exception {
    // Maven passes all flags as one argument (-Dlocal.flags="--no-app --no-simulator"), possibly
    // empty.
    Set<String> flags =
        Arrays.stream(args)
            .flatMap(arg -> Arrays.stream(arg.trim().split("\\s+")))
            .filter(flag -> !flag.isEmpty())
            .collect(Collectors.toSet());
    if (!FLAGS.containsAll(flags)) {
      System.err.println(
          "Unknown arguments " + flags + "; usage: LocalStack [--no-simulator] [--no-app]");
      System.exit(2);
    }
    LocalStack stack =
        new LocalStack(
            Path.of("local-stack"), !flags.contains("--no-simulator"), !flags.contains("--no-app"));
    // Stops every child, the service first. The order is best effort: the broker and PostgreSQL
    // also have their own hooks, and a terminal's Ctrl-C reaches every child in the foreground
    // process group at once. This hook matters when the launcher alone is signalled (kill, IDE
    // stop).
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
    stack.start();
    System.out.println(stack.banner());
    if (stack.withApp) {
      int exitCode = stack.service.awaitExit();
      System.out.println(
          "The service exited with code " + exitCode + "; stopping the local stack.");
      System.exit(exitCode);
    }
    // Infrastructure only: nothing to wait for but Ctrl-C, which runs the shutdown hook.
    new CountDownLatch(1).await();
  }

  private void start() throws Exception {
    long startedAt = System.nanoTime();
    postgres.start();
    long postgresReady = System.nanoTime();
    kafka.start();
    long kafkaReady = System.nanoTime();
    System.out.printf(
        "PostgreSQL ready in %d ms, Kafka ready in %d ms%n",
        (postgresReady - startedAt) / 1_000_000, (kafkaReady - postgresReady) / 1_000_000);
    if (withSimulator) {
      LocalSimulator.start();
    }
    if (withApp) {
      service.start(postgres);
    }
  }

  private void stop() {
    service.close();
    kafka.close();
    try {
      postgres.close();
    } catch (Exception e) {
      System.err.println("PostgreSQL did not stop cleanly: " + e);
    }
  }

  private String banner() {
    String off = " (not started)";
    return String.join(
        System.lineSeparator(),
        "",
        "=== ecs-image-saga local stack (state in " + home + ") ===",
        "  Kafka             "
            + LocalKafkaBroker.BOOTSTRAP_SERVERS
            + "   log: "
            + home.resolve("kafka/broker.log"),
        "  PostgreSQL        127.0.0.1:"
            + LocalPostgres.PORT
            + "  database "
            + PostgresResource.DATABASE
            + ", user "
            + LocalPostgres.USER
            + ", password "
            + LocalPostgres.PASSWORD,
        "  Simulator API     127.0.0.1:" + LocalSimulator.API_PORT + (withSimulator ? "" : off),
        "  Simulator control 127.0.0.1:" + LocalSimulator.CONTROL_PORT + (withSimulator ? "" : off),
        "  Service HTTP      " + LocalService.HTTP_ADDRESS + (withApp ? "" : off),
        "  Operator console  http://"
            + LocalService.HTTP_ADDRESS
            + "/  (users local-operator and local-viewer, password = user name)"
            + (withApp ? "" : off),
        "Press Ctrl-C to stop everything.",
        "");
  }
}
