package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A marketer sends through Mailgun: one call carries the whole audience with each recipient's meta
 * in recipient-variables; Mailgun's signed webhooks come back and become statistics and
 * suppressions, while forged, replayed and stale ones are refused and change nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MailgunIT {

  static final String DOMAIN = "mg.acme.example";
  static final String API_KEY = "key-good-0123456789";
  static final String SIGNING_KEY = "whsk-6c2b1f0e9d8a7b6c5d4e3f2a1b0c9d8e";

  private FakeMailgun mailgun;
  private String run;

  @Deployment(testable = false)
  static EnterpriseArchive mailhub() {
    return Mailhub.ear();
  }

  @BeforeEach
  void start() throws IOException {
    mailgun = new FakeMailgun();
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void stop() {
    mailgun.close();
  }

  @Test
  void aCampaignGoesOutInOneCallAndSignedWebhooksBecomeStatisticsAndSuppressions()
      throws Exception {
    JsonObject provider = Mailhub.json(Campaigns.createProvider(provider(API_KEY, SIGNING_KEY)));
    assertEquals("••••", provider.getJsonObject("settings").getString("webhookSigningKey"));
    assertEquals(0, provider.getJsonArray("warnings").size(), provider.toString());
    Campaigns.importTagged(run, IntStream.range(0, 6).mapToObj(this::email).toList());

    long campaign = Campaigns.launchToRun(Mailhub.BASE, provider.getInt("id"), run);

    Campaigns.sentOrInDoubt(Campaigns.awaitEnd(campaign), 6);
    assertEquals(1, mailgun.calls.size(), "the six recipients share one call");
    Map<String, List<String>> call = mailgun.calls.get(0);
    assertEquals(6, call.get("to").size());
    assertEquals(List.of("%recipient.meta%"), call.get("v:mailhub_meta"));
    assertEquals(List.of("%recipient.list_unsubscribe%"), call.get("h:List-Unsubscribe"));
    JsonObject variables = (JsonObject) Mailhub.parse(call.get("recipient-variables").get(0));
    Map<String, String> meta = new LinkedHashMap<>();
    for (JsonObject send : Campaigns.sends(campaign)) {
      assertEquals(
          send.getString("meta"),
          variables.getJsonObject(send.getString("email")).getString("meta"),
          "each recipient's own meta");
      meta.put(send.getString("email"), send.getString("meta"));
    }
    String path = Campaigns.callbackPath(provider);

    // Mailgun reports, each webhook signed with the account's key
    List<String> webhooks =
        List.of(
            event("delivered", 0, meta, ""),
            event("failed", 1, meta, "\"severity\": \"permanent\", \"reason\": \"bounce\","),
            event("complained", 2, meta, ""),
            event("unsubscribed", 3, meta, ""),
            event("opened", 4, meta, ""),
            event("clicked", 4, meta, "\"url\": \"https://acme.example/sale\","),
            event("failed", 5, meta, "\"severity\": \"temporary\", \"reason\": \"generic\","));
    List<String> signed = new ArrayList<>();
    for (String webhook : webhooks) {
      String body = signed(webhook, SIGNING_KEY, Instant.now());
      signed.add(body);
      HttpResponse<String> answer = Mailhub.post(path, body);
      assertEquals(200, answer.statusCode(), answer.body());
    }
    assertEquals(
        "{\"received\":1,\"processed\":0,\"unprocessed\":1}",
        Mailhub.post(path, signed(webhooks.get(6), SIGNING_KEY, Instant.now())).body(),
        "a temporary failure is a deferral: Mailgun is still trying");

    String expected =
        "{\"sent\":6,\"delivered\":1,\"failed\":{\"hard_bounce\":1,\"soft_bounce\":0,\"dropped\":0,\"invalid\":0,"
            + "\"spam\":1,\"unsubscribed\":1},\"failedTotal\":3,\"clicked\":1,\"opened\":1,\"unsubscribed\":3,\"suppressed\":0,\"errors\":0,"
            + "\"suppressions\":{\"UNSUBSCRIBED\":1,\"SPAM_COMPLAINT\":1,\"HARD_BOUNCE\":1,\"PREFERENCE_CENTER\":0,"
            + "\"MANUAL\":0,\"DROPPED\":0,\"INVALID_ADDRESS\":0,\"BLOCKED\":0,\"DEACTIVATED\":0,\"INACTIVE\":0,"
            + "\"ADDRESS_REJECTED\":0,\"SOFT_BOUNCES\":0}}";
    assertEquals(expected, Mailhub.get("api/campaigns/" + campaign + "/stats").body());
    Campaigns.assertSuppressed(email(1), "HARD_BOUNCE");
    Campaigns.assertSuppressed(email(2), "SPAM_COMPLAINT");
    Campaigns.assertSuppressed(email(3), "UNSUBSCRIBED");

    // forged, replayed, stale and unsigned webhooks: 401, and nothing changes
    String bounceOf5 =
        event("failed", 5, meta, "\"severity\": \"permanent\", \"reason\": \"bounce\",");
    assertRefused(path, signed(bounceOf5, "another-key", Instant.now()), "forged");
    assertRefused(path, signed.get(1), "replayed");
    assertRefused(
        path, signed(bounceOf5, SIGNING_KEY, Instant.now().minus(Duration.ofHours(10))), "too old");
    assertRefused(path, "{" + bounceOf5 + "}", "unsigned");
    assertEquals(404, Mailhub.get("api/suppressions/" + email(5)).statusCode());
    assertEquals(expected, Mailhub.get("api/campaigns/" + campaign + "/stats").body());

    // the next campaign skips the suppressed
    mailgun.calls.clear();
    long next = Campaigns.launchToRun(Mailhub.BASE, provider.getInt("id"), run);
    Campaigns.awaitEnd(next);
    List<String> reached = mailgun.calls.stream().flatMap(c -> c.get("to").stream()).toList();
    assertEquals(List.of(email(0), email(4), email(5)), reached.stream().sorted().toList());
  }

  @Test
  void withoutASigningKeyWebhooksAreRefusedAndTheProviderSaysSo() {
    JsonObject provider = Mailhub.json(Campaigns.createProvider(provider(API_KEY, null)));
    assertTrue(
        provider.getJsonArray("warnings").getString(0).contains("No webhook signing key"),
        provider.toString());

    HttpResponse<String> refused =
        Mailhub.post(
            Campaigns.callbackPath(provider),
            signed(
                event("failed", 0, Map.of(), "\"severity\": \"permanent\","),
                SIGNING_KEY,
                Instant.now()));

    assertEquals(401, refused.statusCode());
    assertTrue(refused.body().contains("no webhook signing key"), refused.body());
  }

  @Test
  void testEmailsShowMailgunsOwnErrors() {
    JsonObject wrongKey = Mailhub.json(Campaigns.createProvider(provider("key-wrong", null)));
    HttpResponse<String> answer = testEmail(wrongKey);
    assertEquals(502, answer.statusCode(), answer.body());
    JsonObject result = Mailhub.json(answer);
    assertFalse(result.getBoolean("sent"));
    assertEquals(401, result.getInt("providerStatus"));
    assertEquals("UNAUTHORIZED", result.getString("errorCode"));
    assertTrue(result.getString("message").contains("Forbidden"), result.toString());

    JsonObject good = Mailhub.json(Campaigns.createProvider(provider(API_KEY, null)));
    HttpResponse<String> sent = testEmail(good);
    assertEquals(200, sent.statusCode(), sent.body());
    String messageId = Mailhub.json(sent).getString("messageId");
    assertTrue(messageId.matches("20260101\\.\\d+@" + DOMAIN), "without brackets: " + messageId);
    Map<String, List<String>> call = mailgun.calls.get(0);
    assertEquals(List.of("someone-" + run + "@example.com"), call.get("to"));
    assertTrue(call.get("from").get(0).endsWith("<news@" + DOMAIN + ">"), call.toString());

    mailgun.domainUnknown = true;
    HttpResponse<String> unknown = testEmail(good);
    JsonObject notFound = Mailhub.json(unknown);
    assertEquals(404, notFound.getInt("providerStatus"), unknown.body());
    assertTrue(
        notFound.getString("message").contains("Domain not found: " + DOMAIN), unknown.body());
  }

  private HttpResponse<String> testEmail(JsonObject provider) {
    return Mailhub.post(
        "api/providers/" + provider.getInt("id") + "/test-email",
        "{\"to\": \"someone-" + run + "@example.com\"}");
  }

  private String provider(String apiKey, String signingKey) {
    return """
        {"nickname": "Mailgun %s %s", "type": "MAILGUN", "fromName": "Acme, Inc.",
         "fromAddress": "news@%s", "preferenceCenter": {"mode": "SYSTEM"},
         "settings": {"apiKey": "%s", "domain": "%s", "endpoint": "%s"%s}}"""
        .formatted(
            run,
            UUID.randomUUID().toString().substring(0, 4),
            DOMAIN,
            apiKey,
            DOMAIN,
            mailgun.url(),
            signingKey == null ? "" : ", \"webhookSigningKey\": \"" + signingKey + "\"");
  }

  private String email(int i) {
    return "mg" + i + "-" + run + "@example.com";
  }

  /** An event as Mailgun posts it, with the meta mailhub gave the recipient. */
  private String event(String event, int recipient, Map<String, String> meta, String more) {
    String to = email(recipient);
    return """
        "event-data": {"event": "%s", %s "id": "%s", "timestamp": %d.25, "recipient": "%s",
          "user-variables": {"mailhub_meta": "%s"},
          "message": {"headers": {"message-id": "20260101.%d@%s"}}}"""
        .formatted(
            event,
            more,
            UUID.randomUUID(),
            Instant.now().getEpochSecond(),
            to,
            meta.getOrDefault(to, ""),
            recipient,
            DOMAIN);
  }

  /** The webhook with Mailgun's signature: hex HMAC-SHA256 of timestamp + token. */
  static String signed(String eventData, String key, Instant at) {
    String timestamp = String.valueOf(at.getEpochSecond());
    String token = UUID.randomUUID().toString().replace("-", "") + "0123456789abcdefgh";
    return "{\"signature\": {\"timestamp\": \"%s\", \"token\": \"%s\", \"signature\": \"%s\"}, %s}"
        .formatted(timestamp, token, hmac(key, timestamp + token), eventData);
  }

  static String hmac(String key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertRefused(String path, String body, String why) {
    HttpResponse<String> answer = Mailhub.post(path, body);
    assertEquals(401, answer.statusCode(), answer.body());
    JsonObject error = Mailhub.json(answer);
    assertEquals("UNAUTHORIZED", error.getString("code"));
    assertTrue(error.getString("message").contains(why), answer.body());
    assertFalse(answer.body().contains(SIGNING_KEY));
  }

  /**
   * Mailgun's messages API on loopback, as strict as the real one: Basic api:key (401 Forbidden
   * otherwise), the domain in the path (404), a form with from, to (1 to 1000), subject and html
   * (400 naming what is missing); several recipients only with recipient-variables naming each
   * (else Mailgun would send one message that shows everyone to everyone).
   */
  static final class FakeMailgun implements AutoCloseable {

    final List<Map<String, List<String>>> calls = new CopyOnWriteArrayList<>();
    volatile boolean domainUnknown;
    private final AtomicInteger ids = new AtomicInteger();
    private final HttpServer server;

    FakeMailgun() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", this::handle);
      server.setExecutor(Executors.newFixedThreadPool(8));
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String expectedAuth =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(("api:" + API_KEY).getBytes(StandardCharsets.UTF_8));
      if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        answer(exchange, 401, "Forbidden");
        return;
      }
      if (domainUnknown
          || !exchange.getRequestURI().getPath().equals("/v3/" + DOMAIN + "/messages")
          || !exchange.getRequestMethod().equals("POST")) {
        answer(exchange, 404, "{\"message\": \"Domain not found: " + DOMAIN + "\"}");
        return;
      }
      Map<String, List<String>> form = new LinkedHashMap<>();
      for (String pair : body.split("&")) {
        String[] kv = pair.split("=", 2);
        form.computeIfAbsent(
                URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
            .add(kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
      for (String field : List.of("from", "to", "subject", "html")) {
        if (!form.containsKey(field)) {
          answer(exchange, 400, "{\"message\": \"" + field + " parameter is missing\"}");
          return;
        }
      }
      List<String> to = form.get("to");
      if (to.size() > 1000) {
        answer(exchange, 400, "{\"message\": \"Too many recipients\"}");
        return;
      }
      if (to.size() > 1) {
        if (!form.containsKey("recipient-variables")) {
          answer(exchange, 400, "{\"message\": \"batch without recipient-variables\"}");
          return;
        }
        JsonObject variables = (JsonObject) Mailhub.parse(form.get("recipient-variables").get(0));
        if (!to.stream().allMatch(variables::containsKey)) {
          answer(exchange, 400, "{\"message\": \"recipient-variables lack a recipient\"}");
          return;
        }
      }
      calls.add(form);
      answer(
          exchange,
          200,
          "{\"id\": \"<20260101."
              + ids.incrementAndGet()
              + "@"
              + DOMAIN
              + ">\","
              + " \"message\": \"Queued. Thank you.\"}");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange
          .getResponseHeaders()
          .add("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
