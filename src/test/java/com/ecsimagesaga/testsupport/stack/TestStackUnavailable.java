package com.ecsimagesaga.testsupport.stack;

/**
 * The test stack the switch asks for cannot be had: a value that is no stack, or {@code containers}
 * without a Docker daemon. Its message is the whole story (the switch, where it was set, what to
 * do), so it carries no cause and reads the same in every test that hits it.
 */
public final class TestStackUnavailable extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message names the switch ({@code test.stack} / {@code TEST_STACK}) and what to do
   */
  public TestStackUnavailable(String message) {
    super(message);
  }
}
