package com.ecsimagesaga.testsupport.stack;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * The test stack of this JVM: decided once, on first use, and logged once.
 *
 * <p>Quarkus may load test-support classes once per test profile, in a class loader of its own, so
 * a static field would decide (and probe Docker) once per profile. The decision is kept in system
 * properties instead, the one store every class loader of the JVM shares; a refusal is kept too, so
 * every later test fails at once with the same message instead of probing Docker again.
 */
public final class CurrentTestStack {

  private static final String KIND_PROPERTY = "ecs-saga.testsupport.test-stack";
  private static final String REFUSAL_PROPERTY = "ecs-saga.testsupport.test-stack-refused";

  private static final Logger LOG = Logger.getLogger(CurrentTestStack.class);

  private CurrentTestStack() {}

  /**
   * The stack of this JVM, deciding it on first call from {@code -Dtest.stack} or {@code
   * TEST_STACK} and Testcontainers' view of Docker.
   *
   * @return the kind of stack to start
   * @throws TestStackUnavailable if the switch asks for what cannot be had; every call throws the
   *     same
   */
  public static TestStack.Kind kind() {
    synchronized (System.getProperties()) {
      String refused = System.getProperty(REFUSAL_PROPERTY);
      if (refused != null) {
        throw new TestStackUnavailable(refused);
      }
      String kind = System.getProperty(KIND_PROPERTY);
      if (kind != null) {
        return TestStack.Kind.valueOf(kind);
      }
      try {
        TestStack stack =
            decide(System::getProperty, System::getenv, new TestcontainersDockerProbe(), LOG::info);
        System.setProperty(KIND_PROPERTY, stack.kind().name());
        return stack.kind();
      } catch (TestStackUnavailable e) {
        LOG.error(e.getMessage());
        System.setProperty(REFUSAL_PROPERTY, e.getMessage());
        throw e;
      }
    }
  }

  /**
   * @return whether this JVM's tests run against containers
   */
  public static boolean containers() {
    return kind() == TestStack.Kind.CONTAINERS;
  }

  /**
   * The decision from the given sources, its line handed to {@code log}; what {@link #kind()} does
   * on first call, with every input replaceable for tests.
   *
   * @param properties reads a system property by name
   * @param environment reads an environment variable by name
   * @param docker asked only for {@code containers} and {@code auto}
   * @param log receives the one line that says which stack and why
   * @return the decision
   * @throws TestStackUnavailable as {@link TestStack#decide} does
   */
  public static TestStack decide(
      UnaryOperator<String> properties,
      UnaryOperator<String> environment,
      DockerProbe docker,
      Consumer<String> log) {
    TestStack stack =
        TestStack.decide(
            properties.apply(TestStack.PROPERTY), environment.apply(TestStack.ENV), docker);
    log.accept(stack.logLine());
    return stack;
  }
}
