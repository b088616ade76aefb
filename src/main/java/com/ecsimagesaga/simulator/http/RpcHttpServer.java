package com.ecsimagesaga.simulator.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * A minimal HTTP/1.1 server for the ECS endpoint. Connections are persistent, as ECS's are: after
 * an answer the connection waits for the client's next request, unless the client asked to close
 * it, the answer was lost on purpose (a fault), or it stayed idle for {@link #IDLE_TIMEOUT_MILLIS}.
 * Each open connection holds a thread of {@code workers} while it waits, so the pool must not be
 * smaller than the connections clients keep open. It exists instead of {@code
 * com.sun.net.httpserver.HttpServer} because that server rewrites header names to
 * "X-ratelimit-user-api" while the Alibaba SDK looks up {@code X-RateLimit-User-API}
 * case-sensitively for its throttling control; ECS header names must reach the SDK exactly as ECS
 * spells them.
 */
public final class RpcHttpServer implements AutoCloseable {
  private static final int MAX_HEADER_BYTES = 64 * 1024;

  /** Longer than the SDK keeps an idle connection (5 s), so the client is the one to close it. */
  static final int IDLE_TIMEOUT_MILLIS = 30_000;

  private final ServerSocket socket;
  private final ExecutorService workers;
  private final Consumer<RpcExchange> handler;
  private final Thread acceptor;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private RpcHttpServer(
      ServerSocket socket, ExecutorService workers, Consumer<RpcExchange> handler) {
    this.socket = socket;
    this.workers = workers;
    this.handler = handler;
    this.acceptor = new Thread(this::acceptLoop, "ecs-sim-accept-" + socket.getLocalPort());
    acceptor.setDaemon(true);
  }

  /** Binds {@code address} and serves each request on {@code workers}. */
  public static RpcHttpServer start(
      InetSocketAddress address, ExecutorService workers, Consumer<RpcExchange> handler)
      throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(address, 128);
    RpcHttpServer server = new RpcHttpServer(socket, workers, handler);
    server.acceptor.start();
    return server;
  }

  /** The bound port. */
  public int port() {
    return socket.getLocalPort();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        open.removeIf(Socket::isClosed);
        open.add(connection);
        try {
          workers.execute(() -> open(connection));
        } catch (RejectedExecutionException e) {
          close(connection);
          throw e;
        }
      } catch (IOException | RejectedExecutionException e) {
        if (socket.isClosed()) {
          return;
        }
      }
    }
  }

  private void open(Socket connection) {
    try {
      connection.setSoTimeout(IDLE_TIMEOUT_MILLIS);
      // An answer goes out at once: on a persistent connection, Nagle's algorithm would hold it
      // back until the client acknowledged the previous segment.
      connection.setTcpNoDelay(true);
      serve(connection, new BufferedInputStream(connection.getInputStream()));
    } catch (IOException e) {
      close(connection);
    }
  }

  private void serve(Socket connection, InputStream in) {
    try {
      String[] requestLine = readLine(in).split(" ");
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(
              line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
              line.substring(colon + 1).trim());
        }
      }
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      byte[] body = in.readNBytes(length);
      String target = requestLine.length > 1 ? requestLine[1] : "/";
      int question = target.indexOf('?');
      String rawQuery = question < 0 ? null : target.substring(question + 1);
      boolean persistent =
          !"close".equalsIgnoreCase(headers.get("connection"))
              && requestLine.length > 2
              && "HTTP/1.1".equals(requestLine[2]);
      Runnable next = persistent ? () -> serveNext(connection, in) : null;
      handler.accept(new RpcExchange(connection, requestLine[0], rawQuery, headers, body, next));
    } catch (IOException | RuntimeException e) {
      close(connection);
    }
  }

  /** Waits for the connection's next request, on a worker of its own. */
  private void serveNext(Socket connection, InputStream in) {
    try {
      workers.execute(() -> serve(connection, in));
    } catch (RejectedExecutionException e) {
      close(connection);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new SocketException("connection closed before the end of the request head");
      }
      if (b != '\r') {
        line.write(b);
      }
      if (line.size() > MAX_HEADER_BYTES) {
        throw new SocketException("request head too large");
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  static void close(Socket connection) {
    try {
      connection.close();
    } catch (IOException e) {
      // Already gone; nothing to release.
    }
  }

  /**
   * Stops accepting and closes every connection, idle or not: a request already read gets no
   * answer, as from a server that went away.
   */
  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a listening socket only fails if it is already closed.
    }
    open.forEach(RpcHttpServer::close);
  }

  /**
   * One received request and the means to answer it (now, later, or never).
   *
   * @param connection the client connection
   * @param method HTTP method
   * @param rawQuery undecoded query string or null
   * @param headers request headers, names lower-cased
   * @param body request body
   * @param next waits for the connection's next request once this one is answered; null when the
   *     connection closes after the answer
   */
  public record RpcExchange(
      Socket connection,
      String method,
      String rawQuery,
      Map<String, String> headers,
      byte[] body,
      Runnable next) {

    /**
     * Writes {@code answer} with its header names exactly as given, then waits for the next request
     * on the connection, or closes it.
     */
    public void respond(Answer answer) {
      StringBuilder head =
          new StringBuilder("HTTP/1.1 ")
              .append(answer.status())
              .append(' ')
              .append(reason(answer.status()))
              .append("\r\n")
              .append("Content-Type: ")
              .append(answer.contentType())
              .append("\r\n")
              .append("Content-Length: ")
              .append(answer.body().length)
              .append("\r\n")
              .append(next == null ? "Connection: close\r\n" : "Connection: keep-alive\r\n");
      answer
          .headers()
          .forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      head.append("\r\n");
      boolean written = false;
      try {
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] whole = java.util.Arrays.copyOf(headBytes, headBytes.length + answer.body().length);
        System.arraycopy(answer.body(), 0, whole, headBytes.length, answer.body().length);
        OutputStream out = connection.getOutputStream();
        out.write(whole);
        out.flush();
        written = true;
      } catch (IOException e) {
        // The client went away (e.g. it timed out before a delayed answer): nothing left to tell
        // it.
      }
      if (written && next != null) {
        next.run();
      } else {
        close(connection);
      }
    }

    /** Closes the connection without any answer. */
    public void abort() {
      close(connection);
    }

    private static String reason(int status) {
      return switch (status) {
        case 200 -> "OK";
        case 400 -> "Bad Request";
        case 403 -> "Forbidden";
        case 404 -> "Not Found";
        case 409 -> "Conflict";
        case 500 -> "Internal Server Error";
        case 502 -> "Bad Gateway";
        case 503 -> "Service Unavailable";
        default -> "Status";
      };
    }
  }
}
