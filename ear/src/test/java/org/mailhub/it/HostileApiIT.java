package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A program with an admin's credentials (a buggy client, or a stolen key) sends well over a
 * thousand malformed requests to the REST API: broken JSON, invalid UTF-8, deep nesting, and valid
 * requests whose fields hold huge exponents, wrong types, NUL characters and huge strings. mailhub
 * answers each with a 2xx or a 4xx JSON error, never a 5xx, refused garbage stores nothing, and it
 * stays healthy.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileApiIT {

  private static final List<String> HOSTILE =
      List.of(
          "1e900000000",
          "-1e900000000",
          "99999999999999999999",
          "1.5",
          "true",
          "null",
          "[]",
          "{}",
          "[[[[[[[[[[1]]]]]]]]]]",
          "\"\"",
          "\"\\u0000\"",
          "\"a\\u0000b\"",
          "\"" + "x".repeat(150_000) + "\"",
          "\"" + "a".repeat(400) + "@example.com\"",
          "\"<script>alert(1)</script>\"",
          "\"\\ud800\"",
          "\"=cmd|' /C calc'!A0\"");

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false)
  static EnterpriseArchive mailhub() {
    return Mailhub.ear();
  }

  @Test
  void malformedApiRequestsGetA4xxAndNeverTakeMailhubDown() {
    assertEquals(
        200,
        post("api/profiles", "[{\"email\": \"h-" + run + "@example.com\", \"properties\": {}}]")
            .statusCode());
    List<String[]> templates =
        List.of(
            new String[] {
              "api/providers",
              "{\"nickname\": \"hostile "
                  + run
                  + "\", \"type\": \"GENERIC_HTTP\","
                  + " \"fromAddress\": \"news@acme.example\", \"settings\": {\"endpoint\":"
                  + " \"http://127.0.0.1:9/x\", \"headers\": {\"X-Campaign\": \"$$Subject\"},"
                  + " \"parameters\": {\"to\": \"$$To\", \"subject\": \"$$Subject\", \"html\":"
                  + " \"$$HTML\", \"from\": \"$$FromName $$FromAddress\"}}}"
            },
            new String[] {
              "api/campaigns",
              "{\"name\": \"hostile\", \"subject\": \"Hi\", \"html\": \"<p>Hi</p>\","
                  + " \"placeholders\": {}, \"audience\": {\"type\": \"EMAILS\", \"emails\":"
                  + " [\"h-"
                  + run
                  + "@example.com\"]}}"
            },
            new String[] {
              "api/profiles",
              "{\"email\": \"p-" + run + "@example.com\", \"properties\": {\"city\": \"Lisbon\"}}"
            },
            new String[] {
              "api/suppressions",
              "{\"email\": \"s-" + run + "@example.com\", \"reason\": \"UNSUBSCRIBED\"}"
            },
            new String[] {
              "api/users",
              "{\"username\": \"u-"
                  + run
                  + "\", \"password\": \"a-long-password\", \"role\": \"VIEWER\"}"
            });
    String before = counts();

    // garbage: refused, nothing stored
    int requests = 0;
    Random random = new Random(20261130);
    for (String[] template : templates) {
      String path = template[0];
      String body = path.equals("api/profiles") ? "[" + template[1] + "]" : template[1];
      for (int cut = 1; cut < body.length() - 1; cut += 2) {
        expect4xx(post(path, body.substring(0, cut)));
        requests++;
      }
      for (String raw :
          List.of(
              "",
              "{",
              "[".repeat(100_000),
              "[".repeat(100_000) + "]".repeat(100_000),
              "{\"a\":".repeat(50_000),
              "null",
              "1e900000000",
              "\"text\"")) {
        expect4xx(post(path, raw));
        requests++;
      }
      for (int i = 0; i < 80; i++) {
        byte[] bytes = new byte[1 + random.nextInt(200)];
        random.nextBytes(bytes);
        expect4xx(send(path, "POST", bytes, "application/json"));
        requests++;
      }
    }
    assertEquals(before, counts(), "nothing is stored from refused requests");

    // valid requests with one hostile field: processed or refused, never a 5xx
    for (String[] template : templates) {
      JsonObject valid = Mailhub.parse(template[1]).asJsonObject();
      for (String field : valid.keySet()) {
        for (String value : HOSTILE) {
          String body = Hostile.replaceField(valid, field, value);
          if (template[0].equals("api/profiles")) {
            body = "[" + body + "]";
          }
          expectNot5xx(post(template[0], body));
          requests++;
        }
      }
    }
    for (String value : HOSTILE) {
      expectNot5xx(
          post(
              "api/profiles",
              "[{\"email\": \"q-"
                  + run
                  + "@example.com\", \"properties\": {\"k\": "
                  + value
                  + "}}]"));
      expectNot5xx(
          send(
              "api/profiles",
              "POST",
              ("email,city\nc-" + run + "@example.com," + value + "\n")
                  .getBytes(StandardCharsets.UTF_8),
              "text/csv"));
      expectNot5xx(
          send(
              "api/account/password",
              "PUT",
              ("{\"currentPassword\": " + value + ", \"newPassword\": " + value + "}")
                  .getBytes(StandardCharsets.UTF_8),
              "application/json"));
      requests += 3;
    }
    for (byte[] csv :
        List.of(
            new byte[] {'e', 'm', 'a', 'i', 'l', '\n', 'a', 0, '@', 'x', '.', 'c', 'o', '\n'},
            "email\n\"unterminated@example.com\n".getBytes(StandardCharsets.UTF_8),
            ("email," + "x,".repeat(20_000) + "\n").getBytes(StandardCharsets.UTF_8))) {
      expectNot5xx(send("api/profiles", "POST", csv, "text/csv"));
      requests++;
    }
    assertTrue(requests >= 1000, requests + " hostile requests");

    // NUL is refused where a database would refuse it (PostgreSQL does, even in queries)
    HttpResponse<String> nul =
        post("api/suppressions", "{\"email\": \"n\\u0000-" + run + "@example.com\"}");
    assertEquals(400, nul.statusCode(), nul.body());

    HttpResponse<String> health = Mailhub.get("api/health");
    assertEquals(200, health.statusCode(), health.body());
    System.out.printf("hostile API: %d requests%n", requests);
  }

  /** Providers, profiles, suppressions and users, as their listings count them. */
  private static String counts() {
    List<String> sizes = new ArrayList<>();
    for (String path : List.of("api/providers", "api/suppressions?size=1000", "api/users")) {
      sizes.add(path + "=" + Mailhub.parse(Mailhub.get(path).body()).asJsonArray().size());
    }
    sizes.add("profiles=" + Mailhub.get("api/profiles?size=1").body().length());
    return String.join(" ", sizes);
  }

  private static HttpResponse<String> post(String path, String body) {
    return send(path, "POST", body.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  private static HttpResponse<String> send(
      String path, String method, byte[] body, String contentType) {
    return Mailhub.send(
        HttpRequest.newBuilder(Mailhub.BASE.resolve(path))
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  private static void expect4xx(HttpResponse<String> response) {
    assertTrue(
        response.statusCode() / 100 == 4,
        response.statusCode() + " " + Hostile.abbreviate(response.body()));
  }

  private static void expectNot5xx(HttpResponse<String> response) {
    assertTrue(
        response.statusCode() < 500,
        response.statusCode() + " " + Hostile.abbreviate(response.body()));
  }
}
