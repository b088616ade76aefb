package com.ecsimagesaga.testsupport.stack;

import java.lang.annotation.Annotation;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Decides the test stack before a {@code @QuarkusTest} class boots the application, so that a stack
 * that cannot be had ({@code containers} without Docker) fails the class with the refusal itself,
 * {@link TestStackUnavailable} and its one message, in a few milliseconds. Left to the test
 * resources, the same refusal would arrive four wrappers deep in Quarkus' boot failure.
 *
 * <p>Registered for every test class through {@code META-INF/services} (Quarkus' test configuration
 * turns JUnit's extension autodetection on); it acts on {@code @QuarkusTest} classes only, since
 * every one of them here starts the broker and database resources. Pure tests never ask, so they
 * run whatever the switch says.
 */
public final class TestStackExtension implements BeforeAllCallback {

  private static final String QUARKUS_TEST = "io.quarkus.test.junit.QuarkusTest";

  @Override
  public void beforeAll(ExtensionContext context) {
    if (isQuarkusTest(context.getRequiredTestClass())) {
      CurrentTestStack.kind();
    }
  }

  /**
   * Compared by name: the test class may come from Quarkus' class loader, the annotation type seen
   * here from another.
   */
  static boolean isQuarkusTest(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = outer(c)) {
      for (Annotation annotation : c.getAnnotations()) {
        if (annotation.annotationType().getName().equals(QUARKUS_TEST)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Class<?> outer(Class<?> c) {
    return c.getEnclosingClass() != null ? c.getEnclosingClass() : c.getSuperclass();
  }
}
