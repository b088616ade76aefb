package com.ecsimagesaga.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ECS endpoint's connections persist between requests as ECS's do, over a raw socket so that
 * the test sees exactly what is on the wire.
 */
class RpcHttpServerTest {

  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final AtomicInteger served = new AtomicInteger();
  private RpcHttpServer server;

  @BeforeEach
  void start() throws IOException {
    server =
        RpcHttpServer.start(
            new InetSocketAddress("127.0.0.1", 0),
            workers,
            exchange ->
                exchange.respond(
                    Answer.ok("REQ-" + served.incrementAndGet(), Map.of("Query", "x"))));
  }

  @AfterEach
  void stop() {
    server.close();
    workers.shutdownNow();
  }

  @Test
  void aConnectionServesOneRequestAfterAnotherUntilTheClientAsksToClose() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();

      out.write(request("").getBytes(StandardCharsets.ISO_8859_1));
      String first = response(in);
      out.write(request("").getBytes(StandardCharsets.ISO_8859_1));
      String second = response(in);
      out.write(request("Connection: close\r\n").getBytes(StandardCharsets.ISO_8859_1));
      String last = response(in);

      assertThat(first).contains("REQ-1").containsIgnoringCase("connection: keep-alive");
      assertThat(second).contains("REQ-2").containsIgnoringCase("connection: keep-alive");
      assertThat(last).contains("REQ-3").containsIgnoringCase("connection: close");
      assertThat(in.read()).as("closed after the answer it was asked to close after").isEqualTo(-1);
    }
  }

  @Test
  void closingTheServerClosesIdleConnections() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request("").getBytes(StandardCharsets.ISO_8859_1));
      assertThat(response(socket.getInputStream())).contains("REQ-1");

      server.close();

      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }

  private static String request(String extraHeaders) {
    return "POST /?Action=DescribeImages HTTP/1.1\r\nHost: ecs\r\n"
        + extraHeaders
        + "Content-Length: 0\r\n\r\n";
  }

  /** One response: its head, then as many body bytes as Content-Length says. */
  private static String response(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      assertThat(b).as("the connection ended inside a response head").isNotNegative();
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
