package com.ecsimagesaga.testsupport.stack;

import java.util.Locale;

/**
 * Which broker and database the tests run against, decided from the switch and from whether a
 * Docker daemon answers.
 *
 * <p>The switch is the system property {@value #PROPERTY} or, when that is unset or blank, the
 * environment variable {@value #ENV}: {@code embedded} (the in-JVM KRaft broker and the embedded
 * PostgreSQL), {@code containers} (Kafka and PostgreSQL from Testcontainers) or {@code auto}
 * (containers when a Docker daemon answers, embedded otherwise). Unset means {@code embedded}.
 *
 * <p>This class is pure: the Docker daemon is asked only through the {@link DockerProbe} given, and
 * only when the switch says {@code containers} or {@code auto}.
 *
 * @param kind the stack chosen
 * @param requested the switch's value as read ({@code embedded} when unset)
 * @param source where the value came from, for example {@code system property test.stack}
 * @param reason why this stack, in words an operator reads in the log
 */
public record TestStack(Kind kind, String requested, String source, String reason) {

  /** The system property that chooses the stack; it wins over {@link #ENV}. */
  public static final String PROPERTY = "test.stack";

  /** The environment variable that chooses the stack when {@link #PROPERTY} is unset. */
  public static final String ENV = "TEST_STACK";

  /** The two stacks. */
  public enum Kind {
    /** The in-JVM KRaft broker and the embedded (zonky) PostgreSQL, child processes of the JVM. */
    EMBEDDED,
    /** Kafka and PostgreSQL as Docker containers started by Testcontainers. */
    CONTAINERS
  }

  /**
   * Decides the stack.
   *
   * @param property the value of the system property {@value #PROPERTY}, or {@code null}
   * @param env the value of the environment variable {@value #ENV}, or {@code null}
   * @param docker asked whether a Docker daemon answers, only for {@code containers} and {@code
   *     auto}
   * @return the decision
   * @throws TestStackUnavailable if the value is none of the three, or {@code containers} is asked
   *     for and no Docker daemon answers; the message names the switch and what to do
   */
  public static TestStack decide(String property, String env, DockerProbe docker) {
    String source;
    String value;
    if (!isBlank(property)) {
      source = "system property " + PROPERTY;
      value = property.trim().toLowerCase(Locale.ROOT);
    } else if (!isBlank(env)) {
      source = "environment variable " + ENV;
      value = env.trim().toLowerCase(Locale.ROOT);
    } else {
      return new TestStack(
          Kind.EMBEDDED, "embedded", "default", PROPERTY + " and " + ENV + " are unset");
    }
    return switch (value) {
      case "embedded" -> new TestStack(Kind.EMBEDDED, value, source, "asked for");
      case "containers" -> {
        if (!docker.answers()) {
          throw new TestStackUnavailable(
              "test.stack=containers ("
                  + source
                  + ") runs Kafka and PostgreSQL in Docker containers, but no Docker daemon"
                  + " answered. Start Docker (or point DOCKER_HOST at one), or choose another"
                  + " stack: -D"
                  + PROPERTY
                  + "=embedded or -D"
                  + PROPERTY
                  + "=auto (or the environment variable "
                  + ENV
                  + ").");
        }
        yield new TestStack(Kind.CONTAINERS, value, source, "asked for; a Docker daemon answered");
      }
      case "auto" ->
          docker.answers()
              ? new TestStack(Kind.CONTAINERS, value, source, "a Docker daemon answered")
              : new TestStack(Kind.EMBEDDED, value, source, "no Docker daemon answered");
      default ->
          throw new TestStackUnavailable(
              "test.stack="
                  + value
                  + " ("
                  + source
                  + ") is not a test stack: use embedded, containers or auto (system property "
                  + PROPERTY
                  + " or environment variable "
                  + ENV
                  + ").");
    };
  }

  /**
   * The line the test JVM logs once: {@code Test stack: embedded (test.stack=auto from system
   * property test.stack: no Docker daemon answered)}.
   */
  public String logLine() {
    String name = kind.name().toLowerCase(Locale.ROOT);
    if ("default".equals(source)) {
      return "Test stack: " + name + " (the default: " + reason + ")";
    }
    return "Test stack: "
        + name
        + " ("
        + PROPERTY
        + "="
        + requested
        + " from "
        + source
        + ": "
        + reason
        + ")";
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
