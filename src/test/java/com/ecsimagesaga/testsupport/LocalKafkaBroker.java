package com.ecsimagesaga.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka broker (combined KRaft controller and broker) in its own JVM, for running the
 * service locally. Its data lives in {@code <directory>/data} and survives restarts; its output
 * goes to {@code <directory>/broker.log}. It listens on {@value #BOOTSTRAP_SERVERS} with the
 * controller on 127.0.0.1:9093.
 *
 * <p>The broker runs in a child JVM rather than in the launcher's, so it shuts down cleanly on
 * SIGTERM and its log lines do not mix with the service's. The child uses the launcher's class
 * path, which must hold the Kafka server ({@code kafka_2.13}); the Maven test class path does.
 */
public final class LocalKafkaBroker implements RestartableBroker {

  /** Address clients use to reach the broker. */
  public static final String BOOTSTRAP_SERVERS = "127.0.0.1:" + LocalPorts.port(9092);

  private static final String HOST = "127.0.0.1";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

  private final Path directory;
  private final int brokerPort;
  private final int controllerPort;
  // Volatile: the shutdown hook reads it on another thread, possibly while start() still waits.
  private volatile Process broker;
  private volatile boolean hookInstalled;

  /**
   * @param directory where the broker keeps its configuration, data and log, e.g. {@code
   *     local-stack/kafka}
   */
  public LocalKafkaBroker(Path directory) {
    this(directory, LocalPorts.port(9092), LocalPorts.port(9093));
  }

  /**
   * A broker on other ports, for runs that start several stacks or must not collide with a local
   * one.
   *
   * @param directory where the broker keeps its configuration, data and log
   * @param brokerPort the client port
   * @param controllerPort the KRaft controller port
   */
  public LocalKafkaBroker(Path directory, int brokerPort, int controllerPort) {
    this.directory = directory.toAbsolutePath();
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
  }

  /**
   * @return {@code 127.0.0.1:<broker port>}
   */
  @Override
  public String bootstrapServers() {
    return HOST + ":" + brokerPort;
  }

  /**
   * Formats the data directory on first use, starts the broker, waits until it accepts connections
   * and creates the saga topics. The broker is stopped on JVM shutdown or by {@link #close()}.
   *
   * @throws IOException if the directory cannot be written or the child cannot be started
   * @throws IllegalStateException if a port is taken, formatting fails or the broker does not come
   *     up
   */
  @Override
  public void start() throws IOException, InterruptedException {
    ChildProcesses.requireFree("Kafka", HOST, brokerPort);
    ChildProcesses.requireFree("Kafka controller", HOST, controllerPort);
    Path dataDirectory = Files.createDirectories(directory.resolve("data"));
    Path serverProperties = writeServerProperties(dataDirectory);
    writeLoggingProperties();
    if (!Files.exists(dataDirectory.resolve("meta.properties"))) {
      format(serverProperties);
    }
    broker = java(List.of("-Xmx512m", "kafka.Kafka", serverProperties.toString())).start();
    if (!hookInstalled) {
      // A restarted broker reuses the first hook: it stops whichever process is current.
      Runtime.getRuntime().addShutdownHook(new Thread(this::close, "local-kafka-stop"));
      hookInstalled = true;
    }
    await("Kafka broker accepts connections on " + bootstrapServers())
        .atMost(STARTUP_TIMEOUT)
        .pollInterval(Duration.ofMillis(250))
        .failFast(
            "Kafka broker exited; see " + directory.resolve("broker.log"), () -> !broker.isAlive())
        .until(() -> ChildProcesses.isListening(HOST, brokerPort));
    SagaTopics.createOn(bootstrapServers());
  }

  /**
   * @return the broker's process id
   */
  public long pid() {
    return broker.pid();
  }

  /**
   * Stops the broker gracefully (it may take a few seconds to close its logs). Safe to call twice.
   */
  @Override
  public void close() {
    ChildProcesses.stop(broker);
  }

  private Path writeServerProperties(Path dataDirectory) throws IOException {
    Properties server = new Properties();
    server.putAll(SingleNodeKafkaConfig.SETTINGS);
    server.put("process.roles", "broker,controller");
    server.put("node.id", "1");
    server.put(
        "listeners",
        "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    server.put(
        "advertised.listeners",
        "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    server.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    server.put("controller.listener.names", "CONTROLLER");
    server.put("inter.broker.listener.name", "PLAINTEXT");
    // A dynamic quorum (bootstrap servers, not controller.quorum.voters) is what `format
    // --standalone` needs.
    server.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
    server.put("log.dirs", dataDirectory.toString());
    server.put("num.partitions", "1");
    Path file = directory.resolve("server.properties");
    try (Writer writer = Files.newBufferedWriter(file)) {
      server.store(writer, "Written by LocalKafkaBroker on every start; edits are overwritten");
    }
    return file;
  }

  /**
   * The broker logs through slf4j into the JBoss log manager found on the test class path, which
   * logs nothing unless configured; this configuration sends INFO and above to the broker's output
   * file.
   */
  private void writeLoggingProperties() throws IOException {
    Files.writeString(
        directory.resolve("logging.properties"),
        String.join(
            System.lineSeparator(),
            "logger.level=INFO",
            "logger.handlers=CONSOLE",
            "handler.CONSOLE=org.jboss.logmanager.handlers.ConsoleHandler",
            "handler.CONSOLE.properties=autoFlush,target",
            "handler.CONSOLE.autoFlush=true",
            "handler.CONSOLE.target=SYSTEM_OUT",
            "handler.CONSOLE.formatter=PATTERN",
            "formatter.PATTERN=org.jboss.logmanager.formatters.PatternFormatter",
            "formatter.PATTERN.properties=pattern",
            "formatter.PATTERN.pattern=%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c] (%t) %s%e%n",
            ""));
  }

  private void format(Path serverProperties) throws IOException, InterruptedException {
    List<String> command =
        List.of(
            "kafka.tools.StorageTool",
            "format",
            "--standalone",
            "--cluster-id",
            Uuid.randomUuid().toString(),
            "--config",
            serverProperties.toString());
    Process format = java(command).start();
    if (!format.waitFor(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || format.exitValue() != 0) {
      format.destroyForcibly();
      throw new IllegalStateException(
          "Formatting Kafka storage failed; see " + directory.resolve("broker.log"));
    }
  }

  private ProcessBuilder java(List<String> mainAndArguments) {
    List<String> command =
        new ArrayList<>(
            List.of(
                ChildProcesses.javaExecutable(),
                // The test class path carries slf4j-jboss-logmanager, which wants this log manager.
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-Dlogging.configuration=" + directory.resolve("logging.properties").toUri()));
    command.addAll(mainAndArguments);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(directory.resolve("broker.log").toFile()));
    // The class path goes through the environment: on the command line it would be ~35 kB.
    builder.environment().put("CLASSPATH", brokerClassPath());
    return builder;
  }

  /**
   * The launcher's class path without Quarkus' bootstrap runner. That jar registers a JBoss log
   * manager configurator that discards every log record until a Quarkus application starts, which
   * in the broker JVM never happens; without it, the broker honours {@code logging.properties}.
   */
  private static String brokerClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("quarkus-bootstrap-runner"))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
