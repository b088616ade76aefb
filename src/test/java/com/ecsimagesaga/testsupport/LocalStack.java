package com.ecsimagesaga.testsupport;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Runs the saga service on embedded infrastructure, for a machine with only a JDK and Maven:
 * PostgreSQL on 127.0.0.1:54320, a Kafka broker on 127.0.0.1:9092, the ECS simulator on
 * 127.0.0.1:8089 (control 8090), and the packaged service on 127.0.0.1:8080 (management 9000).
 * State lives under {@code ./local-stack} (system property {@code local.home} to change it). Ctrl-C
 * or SIGTERM stops everything it started; a start that finds processes of an earlier run still
 * running (by the pid files in the state directory) stops them first.
 *
 * <p>It prints a line as each part is ready, with its time, and one final line with the addresses
 * once everything answers (the service's readiness check is UP).
 *
 * <p>Run it with {@code mvn -Plocal -DskipTests package exec:exec}. Flags, passed as {@code
 * -Dlocal.flags="--no-app --no-simulator"}: {@code --no-simulator} skips the simulator, {@code
 * --no-app} skips the service (infrastructure only).
 */
public final class LocalStack {

  private static final Set<String> FLAGS = Set.of("--no-simulator", "--no-app");
  private static final Duration SERVICE_STARTUP = Duration.ofMinutes(5);

  private final Path home;
  private final boolean withSimulator;
  private final boolean withApp;
  private final LocalPostgres postgres;
  private final LocalKafkaBroker kafka;
  private final LocalService service = new LocalService();
  private final long launchedAt = System.nanoTime();

  private LocalStack(Path home, boolean withSimulator, boolean withApp) {
    this.home = home.toAbsolutePath();
    this.withSimulator = withSimulator;
    this.withApp = withApp;
    this.postgres = new LocalPostgres(this.home.resolve("postgres"));
    this.kafka = new LocalKafkaBroker(this.home.resolve("kafka"));
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
            Path.of(System.getProperty("local.home", "local-stack")),
            !flags.contains("--no-simulator"),
            !flags.contains("--no-app"));
    // Stops every child, the service first, then makes sure PostgreSQL (in its own process group,
    // so a terminal's Ctrl-C does not reach it) is gone. Runs on Ctrl-C, on SIGTERM (which is what
    // Maven sends its child when it is itself stopped) and when the service exits.
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
    // Maven's exec plugin does not pass a SIGTERM of Maven itself on to this process: when the
    // process that started it ends, for whatever reason, the stack stops too instead of living on
    // as an orphan that holds the ports.
    ProcessHandle.current()
        .parent()
        .ifPresent(
            parent ->
                parent
                    .onExit()
                    .thenRun(
                        () -> {
                          System.out.println(
                              "[local] the process that started the local stack ended; stopping");
                          System.exit(0);
                        }));
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
    Files.createDirectories(home);
    Leftovers.stopAll(home, "from an earlier run");
    long t = System.nanoTime();
    postgres.start();
    t = progress("PostgreSQL", "127.0.0.1:" + LocalPostgres.PORT, t);
    kafka.start();
    Leftovers.record(home.resolve("kafka/broker.pid"), kafka.pid());
    t = progress("Kafka", LocalKafkaBroker.BOOTSTRAP_SERVERS, t);
    if (withSimulator) {
      LocalSimulator.start();
      t = progress("ECS simulator", "127.0.0.1:" + LocalSimulator.API_PORT, t);
    }
    if (withApp) {
      service.start(postgres, home);
      Leftovers.record(home.resolve("service.pid"), service.pid());
      awaitServiceReady();
      progress("service", "http://" + LocalService.HTTP_ADDRESS, t);
    }
  }

  /** Waits until the service's readiness check answers UP (PostgreSQL, Kafka and ECS reached). */
  private void awaitServiceReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    URI ready = URI.create("http://" + LocalService.MANAGEMENT_ADDRESS + "/q/health/ready");
    await("the service is ready at " + ready)
        .atMost(SERVICE_STARTUP)
        .pollInterval(Duration.ofMillis(250))
        .failFast("the service exited; see its output above", () -> !service.isAlive())
        .ignoreExceptions()
        .until(
            () ->
                http.send(
                            HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200);
  }

  private static long progress(String what, String where, long since) {
    long now = System.nanoTime();
    System.out.printf("[local] %-14s ready in %5.1f s  %s%n", what, (now - since) / 1e9, where);
    return now;
  }

  private void stop() {
    service.close();
    kafka.close();
    try {
      postgres.close();
    } catch (Exception e) {
      System.err.println("PostgreSQL did not stop cleanly: " + e);
    }
    // Whatever did not stop by the way above (a hook that came too late, a server that ignored
    // pg_ctl) is stopped by its pid.
    Leftovers.stopAll(home, "after the stop");
    System.out.println("[local] stopped");
  }

  private String banner() {
    String off = " (not started)";
    String base = "http://" + LocalService.HTTP_ADDRESS;
    String management = "http://" + LocalService.MANAGEMENT_ADDRESS;
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
            + " (password: see README)",
        "  Simulator API     127.0.0.1:" + LocalSimulator.API_PORT + (withSimulator ? "" : off),
        "  Simulator control 127.0.0.1:" + LocalSimulator.CONTROL_PORT + (withSimulator ? "" : off),
        "  Service HTTP      " + LocalService.HTTP_ADDRESS + (withApp ? "" : off),
        "  Management        " + LocalService.MANAGEMENT_ADDRESS + (withApp ? "" : off),
        withApp
            ? String.format(
                "[local] READY in %.1f s: console %s/  API %s/api  Swagger UI %s/q/swagger-ui"
                    + "  metrics %s/q/metrics  (users local-operator, local-viewer; password ="
                    + " user)%n[local] try: curl -s -u local-operator:local-operator -XPOST -H"
                    + " 'Content-Type: application/json' %s/api/commands/create-image -d"
                    + " '{\"regionId\":\"cn-hangzhou\",\"instanceId\":\"i-local0001\","
                    + "\"imageName\":\"web-base-v1\"}'",
                (System.nanoTime() - launchedAt) / 1e9, base, base, base, management, base)
            : "[local] READY (infrastructure only)",
        "Press Ctrl-C to stop everything.",
        "");
  }
}
