package com.ecsimagesaga.testsupport;

/**
 * The local run's fixed ports, moved by {@code -Dlocal.port-offset=N} (default 0) so that a second
 * local run, or a test of the local run, can live beside the usual one.
 */
final class LocalPorts {

  private static final int OFFSET = Integer.getInteger("local.port-offset", 0);

  private LocalPorts() {}

  /**
   * @return {@code base} moved by the offset
   */
  static int port(int base) {
    return base + OFFSET;
  }
}
