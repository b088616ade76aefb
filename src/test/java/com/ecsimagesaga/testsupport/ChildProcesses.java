package com.ecsimagesaga.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Helpers the local-run launchers share: the Java binary, port probes and stopping a child process.
 */
final class ChildProcesses {

  private static final int CONNECT_TIMEOUT_MILLIS = 500;
  private static final long GRACEFUL_STOP_SECONDS = 30;

  private ChildProcesses() {}

  /**
   * @return the {@code java} executable of the running JVM, so children use the same JDK
   */
  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Whether an OpenTelemetry collector is configured for the service's spans in this environment.
   */
  static boolean traceCollectorConfigured() {
    return System.getenv("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT") != null
        || System.getenv("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != null;
  }

  /**
   * @return whether something accepts TCP connections on {@code host:port} right now
   */
  static boolean isListening(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Fails fast when a fixed port is taken, typically by a child left over from a run that was
   * killed with SIGKILL; otherwise the new child would fail later with a less helpful message.
   */
  static void requireFree(String what, String host, int port) {
    if (isListening(host, port)) {
      throw new IllegalStateException(
          what
              + " cannot start: "
              + host
              + ":"
              + port
              + " is already in use, and not by a process of an earlier local run in this"
              + " directory (those are stopped at start). Find what holds it with `ss -ltnp"
              + " 'sport = :"
              + port
              + "'` and stop it, then start again");
    }
  }

  /**
   * Asks the process to stop (SIGTERM, so a JVM runs its shutdown hooks), and kills it if it has
   * not stopped after 30 seconds.
   */
  static void stop(Process process) {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(GRACEFUL_STOP_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(GRACEFUL_STOP_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
