package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Someone who has seen a callback URL throws well over a thousand malformed webhooks at it, in each
 * format mailhub reads (generic v2, Netcore, Postmark): raw garbage, truncated payloads, invalid
 * UTF-8, deep nesting, and valid events whose fields hold huge exponents, huge digit strings, wrong
 * types, over-long strings and impossible times. mailhub answers every one with a 2xx or a 4xx,
 * stores nothing from those it rejects, stays healthy, and still processes the valid events of a
 * batch that carries bad ones.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileWebhooksIT {

  /** Values a field of an event may hold, as JSON. */
  private static final List<String> HOSTILE =
      List.of(
          "1e900000000",
          "-1e900000000",
          "1e-900000000",
          "99999999999999999",
          "\"99999999999999999\"",
          "-1",
          "0",
          "1.5",
          "true",
          "null",
          "[]",
          "{}",
          "[[[[[[[[[[1]]]]]]]]]]",
          "{\"a\": {\"b\": {\"c\": 1e900000000}}}",
          "\"\"",
          "\"   \"",
          "\"\\u0000\"",
          "\"" + "x".repeat(100_000) + "\"",
          "\"not an address\"",
          "\"" + "a".repeat(400) + "@example.com\"",
          "\"<script>alert(1)</script>\"",
          "\"" + "\\ud83d\\udca5".repeat(2000) + "\"",
          "\"+999999999-12-31T23:59:59Z\"",
          "\"\\ud800\"");

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false)
  static EnterpriseArchive mailhub() {
    return Mailhub.ear();
  }

  @Test
  void malformedWebhooksAreRefusedOrProcessedAndNeverTakeMailhubDown() {
    Map<String, String> valid =
        Map.of(
            path(
                provider(
                    "GENERIC_HTTP",
                    "{\"endpoint\": \"http://127.0.0.1:9/x\","
                        + " \"parameters\": {\"to\": \"$$To\", \"subject\": \"$$Subject\","
                        + " \"html\": \"$$HTML\", \"from\": \"$$FromName $$FromAddress\", \"meta\": \"$$Meta\"}}")),
            "{\"version\": \"v2\", \"events\": {\"failed\": [{\"type\": \"hard_bounce\","
                + " \"email\": \"g-"
                + run
                + "@example.com\", \"meta\": \"m\","
                + " \"description\": \"550\"}]}}",
            path(
                provider(
                    "NETCORE",
                    "{\"endpoint\": \"http://127.0.0.1:9/x\", \"apiKey\": \"k-123456\"}")),
            // the type first: the invalid UTF-8 below breaks the middle of the body, and a bounce
            // that lost its BOUNCE_TYPE is a hard one (as Netcore documents), which suppresses
            "[{\"EVENT\": \"bounced\", \"BOUNCE_TYPE\": \"SOFTBOUNCE\", \"TRANSID\": \"1553625011170280\","
                + " \"EMAIL\": \"n-"
                + run
                + "@example.com\", \"TIMESTAMP\": \"1553681625\","
                + " \"X-APIHEADER\": \"m\", \"URL\": \"https://acme.example\"}]",
            path(
                provider(
                    "POSTMARK",
                    "{\"apiKey\": \"pm\", \"host\": \"127.0.0.1\", \"port\": 9,"
                        + " \"security\": \"NONE\"}")),
            "{\"RecordType\": \"Bounce\", \"ID\": 42, \"Type\": \"SoftBounce\", \"TypeCode\": 4096,"
                + " \"MessageID\": \"883953f4\", \"Metadata\": {\"meta\": \"m\"},"
                + " \"Email\": \"p-"
                + run
                + "@example.com\","
                + " \"BouncedAt\": \"2019-11-05T16:33:54Z\", \"Description\": \"full\"}");
    String suppressionsBefore = Mailhub.get("api/suppressions.csv").body();

    // raw garbage and broken JSON: refused, nothing stored
    int refused = 0;
    Random random = new Random(20261130);
    for (String path : valid.keySet()) {
      String body = valid.get(path);
      for (int cut = 1; cut < body.length() - 1; cut += 3) {
        refused += expectRefused(post(path, body.substring(0, cut)));
      }
      for (String raw :
          List.of(
              "{",
              "]",
              "{\"version\": ",
              "[".repeat(100_000),
              "[".repeat(100_000) + "]".repeat(100_000),
              "{\"a\":".repeat(50_000),
              "\u0000",
              "<xml/>",
              "true",
              "1e900000000",
              "\"just a string\"")) {
        refused += expectNot5xx(post(path, raw)) ? 1 : 0;
      }
      for (int i = 0; i < 100; i++) {
        byte[] bytes = new byte[1 + random.nextInt(300)];
        random.nextBytes(bytes);
        refused += expectNot5xx(post(path, bytes, "application/json")) ? 1 : 0;
      }
      byte[] invalidUtf8 = body.getBytes(StandardCharsets.UTF_8);
      invalidUtf8[invalidUtf8.length / 2] = (byte) 0xC3;
      invalidUtf8[invalidUtf8.length / 2 + 1] = (byte) 0x28;
      refused += expectNot5xx(post(path, invalidUtf8, "text/plain")) ? 1 : 0;
      refused +=
          expectNot5xx(post(path, body.getBytes(StandardCharsets.UTF_8), "application/xml"))
              ? 1
              : 0;
    }
    assertEquals(
        suppressionsBefore,
        Mailhub.get("api/suppressions.csv").body(),
        "nothing is stored from refused webhooks");

    // valid events with hostile fields: each one processed or unprocessed, never a 5xx
    int variations = 0;
    for (String path : valid.keySet()) {
      JsonObject event = firstEvent(valid.get(path));
      for (String field : event.keySet()) {
        for (String value : HOSTILE) {
          String hostileEvent = Hostile.replaceField(event, field, value);
          expectNot5xx(post(path, wrap(valid.get(path), hostileEvent)));
          variations++;
        }
      }
    }
    assertTrue(refused + variations >= 1000, (refused + variations) + " hostile webhooks");

    // a batch whose first events are bad still processes its good one
    String netcore =
        valid.keySet().stream().filter(p -> valid.get(p).startsWith("[")).findFirst().orElseThrow();
    String good = "ok-" + run + "@example.com";
    HttpResponse<String> mixed =
        post(
            netcore,
            "[{\"EVENT\": 1e900000000, \"EMAIL\": \"x-"
                + run
                + "@example.com\"},"
                + " {\"EVENT\": \"abuse\", \"EMAIL\": \""
                + "a".repeat(400)
                + "@example.com\"},"
                + " {\"EVENT\": \"abuse\", \"EMAIL\": \"t-"
                + run
                + "@example.com\", \"TIMESTAMP\": \"99999999999999999\"},"
                + " {\"EVENT\": \"abuse\", \"EMAIL\": \""
                + good
                + "\", \"TIMESTAMP\": 1700000000}]");
    assertEquals(200, mixed.statusCode(), mixed.body());
    JsonObject answer = Mailhub.json(mixed);
    assertEquals(4, answer.getInt("received"), answer.toString());
    assertEquals(2, answer.getInt("processed"), answer.toString());
    assertEquals(2, answer.getInt("unprocessed"), answer.toString());
    assertEquals(
        200, Mailhub.get("api/suppressions/" + good).statusCode(), "the good event counted");
    assertEquals(
        200,
        Mailhub.get("api/suppressions/t-" + run + "@example.com").statusCode(),
        "an impossible time is the time the event arrived");

    // an address that a spreadsheet would run as a formula is exported as text
    String formula = "=1+1-" + run + "@example.com";
    assertEquals(
        200,
        post(netcore, "[{\"EVENT\": \"abuse\", \"EMAIL\": \"" + formula + "\"}]").statusCode());
    String csv = Mailhub.get("api/suppressions.csv").body();
    assertTrue(csv.contains("\n'" + formula + ",SPAM_COMPLAINT,"), csv);

    // bodies over 10 MB are refused from their Content-Length alone, before they are read
    assertEquals(
        "413",
        Mailhub.statusOfHeadersAlone(netcore, 12 * 1024 * 1024, "Content-Type: application/json"));
    assertEquals(
        "413",
        Mailhub.statusOfHeadersAlone(
            "api/suppressions", 12 * 1024 * 1024, "Content-Type: application/json"));

    HttpResponse<String> health = Mailhub.get("api/health");
    assertEquals(200, health.statusCode(), health.body());
    assertEquals(
        "frame-ancestors 'none'",
        health.headers().firstValue("Content-Security-Policy").orElse(null));
    assertEquals("nosniff", health.headers().firstValue("X-Content-Type-Options").orElse(null));
    HttpResponse<String> page =
        Mailhub.exchange(
            HttpRequest.newBuilder(Mailhub.BASE.resolve("preferences/forged")).build());
    assertEquals(
        "frame-ancestors 'none'",
        page.headers().firstValue("Content-Security-Policy").orElse(null),
        "preference pages cannot be framed by another site");
    System.out.printf(
        "hostile webhooks: %d refused or garbage bodies, %d hostile fields%n", refused, variations);
  }

  private long provider(String type, String settings) {
    return Campaigns.provider(
        """
        {"nickname": "hostile %s %s", "type": "%s", "fromAddress": "news@acme.example", "settings": %s}"""
            .formatted(type, run, type, settings));
  }

  private static String path(long provider) {
    JsonObject json = Mailhub.json(Mailhub.get("api/providers/" + provider));
    return URI.create(json.getString("callbackUrl")).getPath().substring(1);
  }

  private static JsonObject firstEvent(String body) {
    var root = Mailhub.parse(body);
    if (root instanceof jakarta.json.JsonArray array) {
      return array.getJsonObject(0);
    }
    JsonObject object = root.asJsonObject();
    if (object.containsKey("events")) {
      return object.getJsonObject("events").getJsonArray("failed").getJsonObject(0);
    }
    return object;
  }

  /** The body with its first event replaced. */
  private static String wrap(String body, String event) {
    if (body.startsWith("[")) {
      return "[" + event + "]";
    }
    if (body.contains("\"events\"")) {
      return "{\"version\": \"v2\", \"events\": {\"failed\": [" + event + "]}}";
    }
    return event;
  }

  private static HttpResponse<String> post(String path, String body) {
    return post(path, body.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  private static HttpResponse<String> post(String path, byte[] body, String contentType) {
    return Mailhub.exchange(
        HttpRequest.newBuilder(Mailhub.BASE.resolve(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  private static int expectRefused(HttpResponse<String> response) {
    assertTrue(
        response.statusCode() / 100 == 4 || response.statusCode() == 200,
        response.statusCode() + " " + Hostile.abbreviate(response.body()));
    return 1;
  }

  private static boolean expectNot5xx(HttpResponse<String> response) {
    assertTrue(
        response.statusCode() < 500,
        response.statusCode() + " " + Hostile.abbreviate(response.body()));
    return true;
  }
}
