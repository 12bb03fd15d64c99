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

  /** Form values as they arrive URL-encoded: broken encodings, NUL, huge, header injection. */
  private static final List<String> HOSTILE_FORM_VALUES =
      List.of(
          "",
          "%FF%FE",
          "%00",
          "a%00b",
          "%",
          "%%%",
          "%E2%82",
          "%C0%AE%C0%AE%2F",
          "x".repeat(150_000),
          "a".repeat(400) + "%40example.com",
          "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
          "%3Dcmd%7C'%20%2FC%20calc'!A0",
          "%0D%0ASet-Cookie%3A%20x%3Dy",
          "1e900000000",
          "https%3A%2F%2Fevil.example%2F",
          "%2F%2Fevil.example%2F");

  @Test
  void preferencePagesAndTheSignInPageSurviveHostileForms() {
    String before = counts();
    Random random = new Random(20261201);
    int requests = 0;
    for (String value : HOSTILE_FORM_VALUES) {
      for (String form :
          List.of(
              "signIn=signIn&signIn%3Ausername="
                  + value
                  + "&signIn%3Apassword="
                  + value
                  + "&signIn%3Asubmit=&jakarta.faces.ViewState=stateless",
              "signIn=signIn&signIn%3Anext="
                  + value
                  + "&signIn%3Ausername=nobody&signIn%3Apassword=x&signIn%3Asubmit="
                  + "&jakarta.faces.ViewState=stateless",
              "signIn=signIn&signIn%3Ausername=nobody&signIn%3Apassword=x&signIn%3Asubmit="
                  + "&jakarta.faces.ViewState="
                  + value)) {
        expectNot5xx(signIn(form.getBytes(StandardCharsets.US_ASCII), requests));
        requests++;
      }
      String token = value.isEmpty() ? "t" : pathSegment(value);
      expectNot5xx(form("preferences/" + token, "action=" + value));
      expectNot5xx(form("preferences/bogus-token", "action=" + value));
      expectNot5xx(form("preferences/" + token + "/one-click", "List-Unsubscribe=One-Click"));
      expectNot5xx(form("preferences/unsubscribe", "token=" + value));
      expectNot5xx(
          send(
              "preferences/unsubscribe",
              "POST",
              ("{\"token\": \"" + value + "\"}").getBytes(StandardCharsets.US_ASCII),
              "application/json"));
      expectNot5xx(
          Mailhub.exchange(
              HttpRequest.newBuilder(Mailhub.BASE.resolve("preferences/" + token)).build()));
      requests += 6;
    }
    for (int i = 0; i < 60; i++) {
      byte[] bytes = new byte[1 + random.nextInt(300)];
      random.nextBytes(bytes);
      expectNot5xx(signIn(bytes, requests));
      expectNot5xx(
          send("preferences/bogus-token", "POST", bytes, "application/x-www-form-urlencoded"));
      expectNot5xx(send("preferences/unsubscribe", "POST", bytes, "application/json"));
      requests += 3;
    }
    assertTrue(requests >= 250, requests + " hostile requests");
    assertEquals(before, counts(), "nothing is stored from refused forms");
    assertEquals(200, Mailhub.get("api/health").statusCode());
    System.out.printf("hostile forms: %d requests%n", requests);
  }

  @Test
  void bodiesOfUnknownLengthAreCutAtTheLimitExceptProfileImports() throws Exception {
    String before = counts();
    String email = "chunked-" + run + "@example.com";
    // 11 MB of white space before a valid suppression: never read that far
    String outcome =
        sendChunked(
            "api/suppressions",
            "application/json",
            11 << 20,
            ' ',
            "{\"email\": \"" + email + "\", \"reason\": \"UNSUBSCRIBED\"}");
    assertTrue(
        outcome.equals("413") || outcome.startsWith("cut"),
        "a chunked body over 10 MB is refused or its connection cut: " + outcome);
    assertEquals(404, Mailhub.get("api/suppressions/" + email).statusCode());
    assertEquals(before, counts(), "nothing stored");

    // a profile import of the same size is read to its end
    StringBuilder csv = new StringBuilder("email,note\n");
    int rows = 0;
    while (csv.length() < (11 << 20)) {
      csv.append("ck-").append(run).append('-').append(rows++).append("@example.com,");
      csv.append("n".repeat(150)).append('\n');
    }
    String imported = sendChunked("api/profiles", "text/csv", 0, ' ', csv.toString());
    assertEquals("200", imported.substring(0, 3), imported);
    assertTrue(imported.contains("\"created\":" + rows), imported);
    assertEquals(200, Mailhub.get("api/health").statusCode());
  }

  /**
   * Sends {@code padding} times the filler, then the tail, as a chunked body (no Content-Length).
   *
   * @return the status and body, or "cut: ..." when the server closed the connection
   */
  private static String sendChunked(String path, String type, int padding, char filler, String tail)
      throws Exception {
    byte[] end = tail.getBytes(StandardCharsets.UTF_8);
    java.util.function.Supplier<java.io.InputStream> body =
        () ->
            new java.io.SequenceInputStream(
                new java.io.InputStream() {
                  private int left = padding;

                  @Override
                  public int read() {
                    return left-- > 0 ? filler : -1;
                  }

                  @Override
                  public int read(byte[] buffer, int offset, int length) {
                    if (left <= 0) {
                      return -1;
                    }
                    int n = Math.min(length, left);
                    java.util.Arrays.fill(buffer, offset, offset + n, (byte) filler);
                    left -= n;
                    return n;
                  }
                },
                new java.io.ByteArrayInputStream(end));
    HttpRequest request =
        HttpRequest.newBuilder(Mailhub.BASE.resolve(path))
            .header("Authorization", Mailhub.basic(Mailhub.ADMIN, Mailhub.ADMIN_PASSWORD))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofInputStream(body))
            .build();
    try {
      HttpResponse<String> response =
          java.net.http.HttpClient.newHttpClient()
              .send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() + " " + response.body();
    } catch (java.io.IOException e) {
      return "cut: " + e;
    }
  }

  /**
   * The sign-in form from a made-up client address each time, so that throttling by address stays
   * out of the way.
   */
  private static HttpResponse<String> signIn(byte[] form, int n) {
    return Mailhub.exchange(
        HttpRequest.newBuilder(Mailhub.BASE.resolve("admin/login.xhtml"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Forwarded-For", "198.51.100." + (n % 250 + 1))
            .POST(HttpRequest.BodyPublishers.ofByteArray(form))
            .build());
  }

  /** The value as it is when it can be a path segment, else encoded once more. */
  private static String pathSegment(String value) {
    try {
      Mailhub.BASE.resolve("preferences/" + value);
      return value;
    } catch (IllegalArgumentException e) {
      return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
  }

  private static HttpResponse<String> form(String path, String form) {
    return send(
        path,
        "POST",
        form.getBytes(StandardCharsets.US_ASCII),
        "application/x-www-form-urlencoded");
  }

  /** Providers, profiles, suppressions and users, as their listings count them. */
  private static String counts() {
    List<String> totals = new ArrayList<>();
    for (String path : List.of("api/providers", "api/profiles", "api/suppressions", "api/users")) {
      totals.add(path + "=" + Mailhub.json(Mailhub.get(path + "?size=1")).getJsonNumber("total"));
    }
    return String.join(" ", totals);
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
