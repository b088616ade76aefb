package com.ecsimagesaga.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks TCP ports nobody listens on, for children that must keep one port across restarts. */
public final class FreePorts {

  private FreePorts() {}

  /**
   * @return a port that was free on 127.0.0.1 a moment ago. Another process could take it before
   *     the caller binds it; on a test machine that race is rare enough to accept.
   */
  public static int next() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
