package org.mailhub.it;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake ESP on loopback: records every request and answers what the test told it to, like a real
 * provider with a good or a wrong key.
 */
final class RecordingEsp implements AutoCloseable {

  /** A request as it arrived; {@code arrivedNanos} by {@link System#nanoTime()}. */
  record Request(
      String method, String path, String query, Headers headers, String body, long arrivedNanos) {
    String header(String name) {
      return headers.getFirst(name);
    }
  }

  /** An answer the test computes from the request, as a real API checks what it is sent. */
  record Reply(int status, java.util.Map<String, String> headers, String body) {}

  private final HttpServer server;
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  private volatile int status = 200;
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int failureStatus = 503;
  private volatile long delayMillis;
  private volatile String answer = "{}";
  private volatile java.util.function.Function<Request, Reply> replies;

  RecordingEsp() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(32));
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  RecordingEsp answer(int status, String body) {
    this.status = status;
    this.answer = body;
    return this;
  }

  /** Answers each request as the function says (instead of {@link #answer}). */
  RecordingEsp replies(java.util.function.Function<Request, Reply> replies) {
    this.replies = replies;
    return this;
  }

  /** Takes this long to answer each request, like a real provider. */
  RecordingEsp slow(long millis) {
    this.delayMillis = millis;
    return this;
  }

  /** Answers the next {@code count} requests with {@code status} before the usual answer. */
  RecordingEsp failFirst(int count, int status) {
    failuresLeft.set(count);
    failureStatus = status;
    return this;
  }

  /** The next request the ESP received, waiting a little for it. */
  Request next() throws InterruptedException {
    Request request = requests.poll(10, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("the ESP received no request");
    }
    return request;
  }

  int count() {
    return requests.size();
  }

  List<Request> received() {
    return List.copyOf(requests);
  }

  /** What was received, a line each, for failure messages. */
  String paths() {
    return requests.size()
        + " request(s) "
        + requests.stream().map(r -> r.method() + " " + r.path()).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request request =
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestURI().getRawQuery(),
            exchange.getRequestHeaders(),
            body,
            arrived);
    if (delayMillis > 0) {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    boolean fail = failuresLeft.getAndDecrement() > 0;
    if (!fail) {
      requests.add(request);
    }
    Reply reply =
        fail
            ? new Reply(failureStatus, java.util.Map.of(), "{\"error\": \"try later\"}")
            : replies != null
                ? replies.apply(request)
                : new Reply(status, java.util.Map.of(), answer);
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    reply.headers().forEach(exchange.getResponseHeaders()::add);
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
