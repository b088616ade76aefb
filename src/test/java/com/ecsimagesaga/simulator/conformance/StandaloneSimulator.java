package com.ecsimagesaga.simulator.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The standalone simulator ({@code EcsSimulatorMain}) in a JVM of its own, as a user starts it:
 * ephemeral ports, addresses read from what it prints. One process serves every conformance class
 * of the run and is stopped when the run ends; each test starts from {@code POST /reset}.
 */
final class StandaloneSimulator implements BeforeAllCallback {
  private static final Pattern API = Pattern.compile("ECS simulator API +http://(\\S+)");
  private static final Pattern CONTROL = Pattern.compile("ECS simulator control +http://(\\S+)");
  private static volatile Running running;

  /** The process and where it listens. */
  record Running(Process process, String apiEndpoint, String controlEndpoint)
      implements AutoCloseable {
    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      running = null;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .computeIfAbsent(StandaloneSimulator.class, k -> start(), Running.class);
  }

  /** The running simulator; only inside a class extended with this extension. */
  static Running running() {
    Running current = running;
    if (current == null) {
      throw new IllegalStateException("the standalone simulator is not running");
    }
    return current;
  }

  private static Running start() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "-Decs.simulator.api-port=0",
            "-Decs.simulator.control-port=0",
            "-Decs.simulator.speed-factor=1000",
            "com.ecsimagesaga.simulator.EcsSimulatorMain");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      CompletableFuture<String[]> addresses = CompletableFuture.supplyAsync(() -> read(process));
      String[] found = addresses.get(60, TimeUnit.SECONDS);
      running = new Running(process, found[0], found[1]);
      return running;
    } catch (Exception e) {
      throw new IllegalStateException("the standalone simulator did not start", e);
    }
  }

  /** Reads the printed addresses, then keeps draining the output so the child never blocks. */
  private static String[] read(Process process) {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String api = null;
    String control = null;
    try {
      String line;
      while ((api == null || control == null) && (line = out.readLine()) != null) {
        Matcher a = API.matcher(line);
        Matcher c = CONTROL.matcher(line);
        if (a.find()) {
          api = a.group(1);
        } else if (c.find()) {
          control = c.group(1);
        }
      }
      if (api == null || control == null) {
        throw new IllegalStateException("the simulator ended before printing its addresses");
      }
      Thread drain =
          new Thread(
              () -> {
                try {
                  while (out.readLine() != null) {
                    // discard
                  }
                } catch (IOException ignored) {
                  // the process ended
                }
              },
              "standalone-simulator-output");
      drain.setDaemon(true);
      drain.start();
      return new String[] {api, control};
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the simulator's output", e);
    }
  }
}
