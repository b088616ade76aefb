package com.ecsimagesaga.testsupport.stack;

/** A Docker probe with a fixed answer that counts how often it was asked. */
final class FakeDockerProbe implements DockerProbe {

  private final boolean answers;
  private int asked;

  private FakeDockerProbe(boolean answers) {
    this.answers = answers;
  }

  static FakeDockerProbe dockerAnswers() {
    return new FakeDockerProbe(true);
  }

  static FakeDockerProbe noDocker() {
    return new FakeDockerProbe(false);
  }

  @Override
  public boolean answers() {
    asked++;
    return answers;
  }

  int asked() {
    return asked;
  }
}
