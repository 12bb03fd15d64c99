package org.mailhub.esp.ses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** AWS's Signature Version 4 test suite (see src/test/resources/aws-sigv4/README.md). */
class SigV4Test {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "get-vanilla",
        "get-vanilla-query",
        "get-vanilla-query-order-key-case",
        "get-vanilla-query-unreserved",
        "get-vanilla-utf8-query",
        "get-utf8",
        "get-space-normalized",
        "get-slash-dot-slash-normalized",
        "get-relative-relative-normalized",
        "get-header-value-trim",
        "get-vanilla-with-session-token",
        "post-vanilla",
        "post-vanilla-query",
        "post-header-key-sort",
        "post-x-www-form-urlencoded",
        "post-x-www-form-urlencoded-parameters"
      })
  void signsAsAwsPublishes(String vector) {
    JsonObject context =
        JSON.createReader(new StringReader(read(vector, "context.json"))).readObject();
    Request request = Request.parse(read(vector, "request.txt"));
    JsonObject credentials = context.getJsonObject("credentials");
    Map<String, String> headers = new LinkedHashMap<>(request.headers());
    if (context.getBoolean("sign_body")) {
      headers.put("x-amz-content-sha256", SigV4.hex(SigV4.sha256(request.body())));
    }

    Map<String, String> added =
        SigV4.sign(
            request.method(),
            request.uri(),
            headers,
            request.body(),
            new SigV4.Credentials(
                credentials.getString("access_key_id"),
                credentials.getString("secret_access_key"),
                credentials.getString("token", null)),
            new SigV4.Scope(context.getString("region"), context.getString("service")),
            Instant.parse(context.getString("timestamp")));

    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(added);
    all.remove("Authorization");
    assertEquals(
        read(vector, "header-canonical-request.txt"),
        SigV4.canonicalRequest(request.method(), request.uri(), all, request.body()));
    assertEquals(
        authorization(read(vector, "header-signed-request.txt")), added.get("Authorization"));
  }

  @Test
  void sessionTokenTravelsAndIsSigned() {
    Map<String, String> added =
        SigV4.sign(
            "POST",
            URI.create("https://email.eu-west-1.amazonaws.com/v2/email/outbound-emails"),
            Map.of("host", "email.eu-west-1.amazonaws.com"),
            new byte[0],
            new SigV4.Credentials("AKID", "secret", "token"),
            new SigV4.Scope("eu-west-1", "ses"),
            Instant.parse("2024-01-02T03:04:05Z"));

    assertEquals("20240102T030405Z", added.get("X-Amz-Date"));
    assertEquals("token", added.get("X-Amz-Security-Token"));
    assertEquals(
        true,
        added
            .get("Authorization")
            .startsWith(
                "AWS4-HMAC-SHA256 Credential=AKID/20240102/eu-west-1/ses/aws4_request,"
                    + " SignedHeaders=host;x-amz-date;x-amz-security-token, Signature="));
  }

  private static String authorization(String signedRequest) {
    return signedRequest
        .lines()
        .filter(line -> line.startsWith("Authorization:"))
        .findFirst()
        .orElseThrow()
        .substring("Authorization:".length());
  }

  /** A request as the suite writes it: request line, headers, an empty line, the body. */
  record Request(String method, URI uri, Map<String, String> headers, byte[] body) {

    static Request parse(String text) {
      String[] parts = text.split("\n\n", 2);
      String[] lines = parts[0].split("\n");
      String method = lines[0].substring(0, lines[0].indexOf(' '));
      String target =
          lines[0]
              .substring(method.length() + 1, lines[0].lastIndexOf(" HTTP/"))
              .replace(" ", "%20");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon), lines[i].substring(colon + 1));
      }
      byte[] body = parts.length > 1 ? parts[1].getBytes(StandardCharsets.UTF_8) : new byte[0];
      return new Request(method, URI.create(target), headers, body);
    }
  }

  private static String read(String vector, String file) {
    try (InputStream in =
        SigV4Test.class.getResourceAsStream("/aws-sigv4/" + vector + "/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
