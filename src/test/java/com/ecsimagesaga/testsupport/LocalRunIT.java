package com.ecsimagesaga.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local run as a user meets it (the launcher {@code mvn -Plocal ... exec:exec} starts, in a
 * state directory of its own): it says as each part is ready, and once, when everything answers,
 * where to go; no password is on any command line; SIGTERM stops every process it started
 * (PostgreSQL included, which runs in its own process group) and frees every port; a start after a
 * launcher that was killed outright stops what that one left running.
 *
 * <p>It runs on the local run's ports moved by {@link #OFFSET} ({@code -Dlocal.port-offset}), and
 * is skipped, saying why, when something else holds those.
 *
 * <p>Embedded only, whatever {@code test.stack} says: what it tests is the local run, which is the
 * embedded broker, PostgreSQL and simulator as child processes with pid files (docs/adr/0023).
 */
class LocalRunIT {

  /** Beside the usual local run's ports, so that the test does not need them free. */
  static final int OFFSET = 10_000;

  static final List<Integer> PORTS =
      List.of(54320, 9092, 9093, 8089, 8090, 8080, 9000).stream().map(p -> p + OFFSET).toList();
  static final Duration START = Duration.ofMinutes(6);

  final Path home = Path.of("target", "local-run-it", "local-stack").toAbsolutePath();
  final List<String> output = new CopyOnWriteArrayList<>();
  Process launcher;

  @AfterEach
  void stopWhateverIsLeft() {
    if (launcher != null && launcher.isAlive()) {
      launcher.destroy();
    }
    Leftovers.stopAll(home, "after the test");
  }

  @Test
  void startsWithProgressHidesSecretsStopsEverythingOnSigtermAndCleansUpAfterAKill()
      throws Exception {
    assumeTrue(
        PORTS.stream().noneMatch(p -> ChildProcesses.isListening("127.0.0.1", p)),
        "the test's local-run ports " + PORTS + " are in use");
    assumeTrue(
        Files.isRegularFile(Path.of("target", "quarkus-app", "quarkus-run.jar")),
        "the service is not packaged");

    launch();
    awaitReady();
    List<String> progress = output.stream().filter(l -> l.contains("ready in")).toList();
    assertThat(progress)
        .extracting(l -> l.replaceAll("\\s+", " "))
        .anySatisfy(l -> assertThat(l).startsWith("[local] PostgreSQL ready in"))
        .anySatisfy(l -> assertThat(l).startsWith("[local] Kafka ready in"))
        .anySatisfy(l -> assertThat(l).startsWith("[local] ECS simulator ready in"))
        .anySatisfy(l -> assertThat(l).startsWith("[local] service ready in"));
    String ready =
        output.stream().filter(l -> l.contains("[local] READY")).findFirst().orElseThrow();
    assertThat(ready)
        .contains(
            "http://127.0.0.1:" + (8080 + OFFSET) + "/",
            "/api",
            "/q/swagger-ui",
            "http://127.0.0.1:" + (9000 + OFFSET) + "/q/metrics");
    assertThat(output.stream().filter(l -> l.contains("[local] READY")).count()).isEqualTo(1);
    assertThat(status("http://127.0.0.1:" + (9000 + OFFSET) + "/q/health/ready")).isEqualTo(200);
    assertThat(status("http://127.0.0.1:" + (8080 + OFFSET) + "/api/sagas?status=FAILED"))
        .isEqualTo(401);

    Set<Long> started = processesOfTheRun();
    assertThat(started).hasSizeGreaterThanOrEqualTo(4);
    for (long pid : started) {
      String commandLine = commandLine(pid);
      assertThat(commandLine)
          .as("command line of %d", pid)
          .doesNotContainIgnoringCase("password=")
          .doesNotContain("access-key-secret")
          .doesNotContain("sim-access-key-secret");
    }

    launcher.destroy(); // SIGTERM, as Maven sends it when it is stopped, or kill <pid>
    assertThat(launcher.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    awaitAllGone(started);

    // A launcher killed outright leaves its children; the next start stops them and says so.
    output.clear();
    launch();
    awaitReady();
    Set<Long> first = processesOfTheRun();
    launcher.destroyForcibly();
    launcher.waitFor();
    assertThat(
            first.stream()
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)))
        .as("children left behind by a killed launcher")
        .isNotEmpty();
    output.clear();
    launch();
    awaitReady();
    assertThat(output).anySatisfy(l -> assertThat(l).contains("still running from an earlier run"));
    Set<Long> second = processesOfTheRun();
    launcher.destroy();
    assertThat(launcher.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    awaitAllGone(union(first, second));

    // Maven's exec plugin does not pass a SIGTERM of Maven on to the launcher: when the process
    // that started it ends (here a shell standing in for Maven), the launcher stops everything.
    output.clear();
    launch(true);
    awaitReady();
    Set<Long> third = processesOfTheRun();
    launcher.destroy(); // SIGTERM to the parent alone
    assertThat(launcher.waitFor(1, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    awaitAllGone(third);
  }

  private void launch() throws IOException {
    launch(false);
  }

  /**
   * Starts the launcher, or with {@code underParent} a shell that starts it and waits for it, as
   * Maven does.
   */
  private void launch(boolean underParent) throws IOException {
    Files.createDirectories(home);
    List<String> command = new ArrayList<>();
    if (underParent) {
      command.addAll(List.of("sh", "-c", "\"$@\" & wait", "local-run-parent"));
    }
    command.addAll(
        List.of(
            ChildProcesses.javaExecutable(),
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
            "-Dlocal.home=" + home,
            "-Dlocal.port-offset=" + OFFSET,
            "-classpath",
            System.getProperty("java.class.path"),
            LocalStack.class.getName()));
    launcher = new ProcessBuilder(command).redirectErrorStream(true).start();
    Process p = launcher;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  output.add(line);
                }
              } catch (IOException e) {
                // The launcher ended.
              }
            },
            "local-run-output");
    reader.setDaemon(true);
    reader.start();
  }

  private void awaitReady() {
    Process p = launcher;
    await("the local run says READY")
        .atMost(START)
        .pollInterval(Duration.ofMillis(500))
        .failFast("the launcher exited: " + String.join("\n", output), () -> !p.isAlive())
        .until(() -> output.stream().anyMatch(l -> l.contains("[local] READY")));
  }

  /** The launcher, its descendants, and PostgreSQL's postmaster (which is not a descendant). */
  private Set<Long> processesOfTheRun() throws IOException {
    Stream<Long> children = launcher.descendants().map(ProcessHandle::pid);
    long postmaster =
        Long.parseLong(Files.readAllLines(home.resolve("postgres/postmaster.pid")).get(0).trim());
    return Stream.concat(Stream.of(launcher.pid(), postmaster), children)
        .collect(Collectors.toSet());
  }

  private void awaitAllGone(Set<Long> pids) {
    await("every process of the run stopped and every port free")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              assertThat(pids)
                  .allSatisfy(
                      pid ->
                          assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                              .as("process %d", pid)
                              .isNotEqualTo(java.util.Optional.of(true)));
              assertThat(PORTS)
                  .allSatisfy(
                      port ->
                          assertThat(ChildProcesses.isListening("127.0.0.1", port))
                              .as("port %d", port)
                              .isFalse());
            });
  }

  private static Set<Long> union(Set<Long> a, Set<Long> b) {
    return Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet());
  }

  private static String commandLine(long pid) {
    try {
      return new String(
              Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
              StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  private static int status(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
