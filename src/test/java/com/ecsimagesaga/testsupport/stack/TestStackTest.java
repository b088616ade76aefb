package com.ecsimagesaga.testsupport.stack;

import static com.ecsimagesaga.testsupport.stack.FakeDockerProbe.dockerAnswers;
import static com.ecsimagesaga.testsupport.stack.FakeDockerProbe.noDocker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.ecsimagesaga.testsupport.stack.TestStack.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test-stack switch decided from the property, the environment and a fake Docker probe. */
class TestStackTest {

  @Test
  void unsetMeansEmbeddedWithoutAskingDocker() {
    FakeDockerProbe docker = dockerAnswers();

    TestStack stack = TestStack.decide(null, " ", docker);

    assertThat(stack.kind()).isEqualTo(Kind.EMBEDDED);
    assertThat(docker.asked()).isZero();
    assertThat(stack.logLine())
        .isEqualTo("Test stack: embedded (the default: test.stack and TEST_STACK are unset)");
  }

  @Test
  void embeddedIsEmbeddedEvenWithDockerAndDockerIsNotAsked() {
    FakeDockerProbe docker = dockerAnswers();

    TestStack stack = TestStack.decide("embedded", null, docker);

    assertThat(stack.kind()).isEqualTo(Kind.EMBEDDED);
    assertThat(docker.asked()).isZero();
    assertThat(stack.logLine())
        .isEqualTo(
            "Test stack: embedded (test.stack=embedded from system property test.stack:"
                + " asked for)");
  }

  @Test
  void autoWithoutDockerChoosesEmbeddedAndSaysWhy() {
    TestStack stack = TestStack.decide("auto", null, noDocker());

    assertThat(stack.kind()).isEqualTo(Kind.EMBEDDED);
    assertThat(stack.logLine())
        .isEqualTo(
            "Test stack: embedded (test.stack=auto from system property test.stack:"
                + " no Docker daemon answered)");
  }

  @Test
  void autoWithDockerChoosesContainers() {
    TestStack stack = TestStack.decide(null, "auto", dockerAnswers());

    assertThat(stack.kind()).isEqualTo(Kind.CONTAINERS);
    assertThat(stack.logLine())
        .isEqualTo(
            "Test stack: containers (test.stack=auto from environment variable TEST_STACK:"
                + " a Docker daemon answered)");
  }

  @Test
  void containersWithDockerChoosesContainers() {
    assertThat(TestStack.decide("containers", null, dockerAnswers()).kind())
        .isEqualTo(Kind.CONTAINERS);
  }

  @Test
  void containersWithoutDockerFailsWithOneMessageNamingTheSwitch() {
    TestStackUnavailable refusal =
        catchThrowableOfType(
            TestStackUnavailable.class, () -> TestStack.decide("containers", null, noDocker()));

    assertThat(refusal.getCause()).isNull();
    assertThat(refusal.getMessage())
        .doesNotContain("\n")
        .startsWith("test.stack=containers (system property test.stack)")
        .contains("no Docker daemon answered")
        .contains("-Dtest.stack=embedded")
        .contains("TEST_STACK");
  }

  @Test
  void containersFromTheEnvironmentSaysSo() {
    TestStackUnavailable refusal =
        catchThrowableOfType(
            TestStackUnavailable.class, () -> TestStack.decide(null, "containers", noDocker()));

    assertThat(refusal.getMessage())
        .startsWith("test.stack=containers (environment variable TEST_STACK)");
  }

  @Test
  void thePropertyWinsOverTheEnvironment() {
    FakeDockerProbe docker = dockerAnswers();

    TestStack stack = TestStack.decide("embedded", "containers", docker);

    assertThat(stack.kind()).isEqualTo(Kind.EMBEDDED);
    assertThat(stack.source()).isEqualTo("system property test.stack");
    assertThat(docker.asked()).isZero();
  }

  @Test
  void valuesAreReadWithoutCaseOrSurroundingSpace() {
    assertThat(TestStack.decide(" Containers ", null, dockerAnswers()).kind())
        .isEqualTo(Kind.CONTAINERS);
  }

  @Test
  void anUnknownValueIsRefusedWithTheThreeThatExist() {
    TestStackUnavailable refusal =
        catchThrowableOfType(
            TestStackUnavailable.class, () -> TestStack.decide(null, "docker", dockerAnswers()));

    assertThat(refusal.getMessage())
        .isEqualTo(
            "test.stack=docker (environment variable TEST_STACK) is not a test stack: use"
                + " embedded, containers or auto (system property test.stack or environment"
                + " variable TEST_STACK).");
  }

  @Test
  void theJvmWideDecisionLogsOneLineSayingWhichStack() {
    List<String> log = new ArrayList<>();

    TestStack stack =
        CurrentTestStack.decide(
            name -> "test.stack".equals(name) ? "auto" : null, name -> null, noDocker(), log::add);

    assertThat(stack.kind()).isEqualTo(Kind.EMBEDDED);
    assertThat(log)
        .containsExactly(
            "Test stack: embedded (test.stack=auto from system property test.stack:"
                + " no Docker daemon answered)");
  }

  @Test
  void theExtensionDecidesBeforeQuarkusTestsOnly() throws Exception {
    // By name: the @QuarkusTest classes are package-private in their own packages.
    Class<?> quarkusTest =
        Class.forName(
            "com.ecsimagesaga.testsupport.TestResourcesQuarkusTest",
            false,
            getClass().getClassLoader());

    assertThat(TestStackExtension.isQuarkusTest(quarkusTest)).isTrue();
    assertThat(TestStackExtension.isQuarkusTest(TestStackTest.class)).isFalse();
  }
}
