package org.mailhub.esp;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Instant;

/**
 * The HTTP side shared by the HTTP-based gateways: one pooled JDK client with timeouts, and the
 * rule that tells a failure that may heal from one that will not.
 */
@ApplicationScoped
public class HttpExchange {

  /** How much of a provider's answer is kept with a failure. */
  public static final int EXCERPT_LENGTH = 500;

  @Inject GatewayTimeouts timeouts;
  @Inject Destinations destinations;

  private HttpClient client;

  @PostConstruct
  void init() {
    client =
        HttpClient.newBuilder()
            .connectTimeout(timeouts.connect())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Sends the request and returns the provider's answer when it is final (2xx, or 4xx other than
   * 429).
   *
   * @throws ProviderUnavailable on 5xx, 429 and when no connection could be made; with the answer's
   *     {@code Retry-After}, if any
   * @throws OutcomeUnknown when the request may have reached the provider but no answer came
   */
  public HttpResponse<String> send(HttpRequest.Builder request) {
    HttpRequest built = request.timeout(timeouts.read()).build();
    destinations.require(built.uri().getHost());
    HttpResponse<String> response;
    try {
      response = client.send(built, HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      // never connected: the provider has not seen the request
      throw new ProviderUnavailable(
          SendOutcome.rejected(
              null, "CONNECTION_FAILED", "Cannot reach " + built.uri() + ": " + describe(e)),
          e);
    } catch (HttpTimeoutException e) {
      throw new OutcomeUnknown(
          SendOutcome.rejected(
              null, "TIMEOUT", "No answer from " + built.uri() + ": " + e.getMessage()),
          e);
    } catch (IOException e) {
      if (neverConnected(e)) {
        throw new ProviderUnavailable(
            SendOutcome.rejected(
                null, "CONNECTION_FAILED", "Cannot reach " + built.uri() + ": " + describe(e)),
            e);
      }
      // the connection broke after the request may have been written
      throw new OutcomeUnknown(
          SendOutcome.rejected(
              null, "NO_ANSWER", "No answer from " + built.uri() + ": " + describe(e)),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // the request may have been written already
      throw new OutcomeUnknown(SendOutcome.rejected(null, "INTERRUPTED", "Interrupted"), e);
    }
    int status = response.statusCode();
    if (status >= 500 || status == 429) {
      // a 429 or 503 may say how long to stay away; dispatch then pauses the provider for everybody
      throw new ProviderUnavailable(
          SendOutcome.rejected(status, null, excerpt(response.body())),
          null,
          response
              .headers()
              .firstValue("Retry-After")
              .flatMap(value -> RetryAfter.parse(value, Instant.now()))
              .orElse(null));
    }
    return response;
  }

  public static boolean isSuccess(HttpResponse<?> response) {
    return response.statusCode() / 100 == 2;
  }

  public static String excerpt(String body) {
    if (body == null) {
      return null;
    }
    return body.length() <= EXCERPT_LENGTH ? body : body.substring(0, EXCERPT_LENGTH) + "…";
  }

  /** The answer as a JSON object, or an empty one when it is something else. */
  public static JsonObject jsonObject(String body) {
    if (body == null || body.isBlank()) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    try (var reader = JSON.createReader(new StringReader(body))) {
      return reader.readValue() instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    } catch (JsonException e) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
  }

  /** Whether the failure happened before a connection stood: refused, unresolvable, unreachable. */
  private static boolean neverConnected(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof java.nio.channels.UnresolvedAddressException
          || t instanceof java.net.UnknownHostException
          || t instanceof java.net.NoRouteToHostException
          || t instanceof javax.net.ssl.SSLHandshakeException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** The JDK client often leaves the message of the outer exception empty; the causes say more. */
  private static String describe(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }
}
