package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Programs sign in to the REST API with HTTP basic authentication; an admin may change things, a
 * viewer only read; webhooks and the health check stay open.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInIT {

  @Deployment(testable = false)
  static EnterpriseArchive mailhub() {
    return Mailhub.ear();
  }

  @Test
  void theApiAsksForCredentialsAndRefusesWrongOnes() {
    HttpResponse<String> anonymous = call("GET", "api/providers", null, null);
    assertEquals(401, anonymous.statusCode(), anonymous.body());
    assertEquals("UNAUTHORIZED", Mailhub.json(anonymous).getString("code"));
    assertTrue(
        anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
        anonymous.headers().map().toString());

    HttpResponse<String> wrong =
        call("GET", "api/providers", Mailhub.basic(Mailhub.ADMIN, "not-the-password"), null);
    assertEquals(401, wrong.statusCode());
    assertEquals("UNAUTHORIZED", Mailhub.json(wrong).getString("code"));

    HttpResponse<String> formLike =
        call(
            "POST",
            "api/campaigns/999999/cancel",
            Mailhub.basic(Mailhub.ADMIN, Mailhub.ADMIN_PASSWORD),
            null);
    assertEquals(415, formLike.statusCode(), "a POST a form could send: " + formLike.body());
    assertEquals("JSON_OR_HEADER_REQUIRED", Mailhub.json(formLike).getString("code"));
    HttpResponse<String> withHeader =
        Mailhub.exchange(
            HttpRequest.newBuilder(Mailhub.BASE.resolve("api/campaigns/999999/cancel"))
                .header("Authorization", Mailhub.basic(Mailhub.ADMIN, Mailhub.ADMIN_PASSWORD))
                .header("X-Requested-By", "a program")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertEquals(404, withHeader.statusCode(), withHeader.body());
    HttpResponse<String> fromABrowser =
        Mailhub.exchange(
            HttpRequest.newBuilder(Mailhub.BASE.resolve("api/providers"))
                .header("Sec-Fetch-Mode", "cors")
                .build());
    assertEquals(401, fromABrowser.statusCode());
    assertTrue(
        fromABrowser.headers().firstValue("WWW-Authenticate").isEmpty(),
        "browsers are never asked for Basic credentials");

    HttpResponse<String> anonymousWrite =
        call("POST", "api/suppressions", null, "{\"email\": \"x@example.com\"}");
    assertEquals(401, anonymousWrite.statusCode());
    assertEquals(404, Mailhub.get("api/suppressions/x@example.com").statusCode());

    assertEquals(200, call("GET", "api/health", null, null).statusCode());
    assertEquals(404, call("POST", "callbacks/no-such-token", null, "[]").statusCode());
    HttpResponse<String> openApi = call("GET", "openapi?format=JSON", null, null);
    assertEquals(200, openApi.statusCode());
    var document = Mailhub.json(openApi);
    assertEquals(
        "basic",
        document
            .getJsonObject("components")
            .getJsonObject("securitySchemes")
            .getJsonObject("basicAuth")
            .getString("scheme"));
    // declared once, for every call
    assertTrue(document.getJsonArray("security").toString().contains("basicAuth"));
  }

  @Test
  void aViewerReadsButChangesNothing() {
    HttpResponse<String> added =
        Mailhub.post(
            "api/users",
            "{\"username\": \"Reporting\", \"password\": \"viewer-secret-1\", \"role\": \"VIEWER\"}");
    assertEquals(201, added.statusCode(), added.body());
    assertEquals("reporting", Mailhub.json(added).getString("username"));
    String viewer = Mailhub.basic("reporting", "viewer-secret-1");

    assertEquals(200, call("GET", "api/providers", viewer, null).statusCode());
    long provider =
        Campaigns.provider(
            """
            {"nickname": "seen by a viewer %s", "type": "NETCORE", "fromAddress": "news@acme.example",
             "settings": {"endpoint": "http://127.0.0.1:9/v6/mail/send", "apiKey": "key-viewers-never-see"}}"""
                .formatted(java.util.UUID.randomUUID()));
    JsonObject seen = Mailhub.json(call("GET", "api/providers/" + provider, viewer, null));
    assertTrue(
        !seen.containsKey("callbackUrl") || seen.isNull("callbackUrl"),
        "the callback URL is a credential: " + seen);
    assertFalse(seen.toString().contains("viewers-never"), seen.toString());
    assertTrue(
        Mailhub.json(Mailhub.get("api/providers/" + provider))
            .getString("callbackUrl")
            .contains("/callbacks/"),
        "admins see it");
    assertEquals(200, call("GET", "api/suppressions", viewer, null).statusCode());

    HttpResponse<String> write =
        call("POST", "api/suppressions", viewer, "{\"email\": \"viewer-made@example.com\"}");
    assertEquals(403, write.statusCode(), write.body());
    assertEquals("FORBIDDEN", Mailhub.json(write).getString("code"));
    assertTrue(Mailhub.json(write).getString("message").contains("admin"));
    assertEquals(404, Mailhub.get("api/suppressions/viewer-made@example.com").statusCode());
    assertEquals(
        403,
        call(
                "POST",
                "api/users",
                viewer,
                "{\"username\": \"sneaky\", \"password\": \"sneaky-secret\", \"role\": \"ADMIN\"}")
            .statusCode());
    assertEquals(403, call("DELETE", "api/users/" + Mailhub.ADMIN, viewer, null).statusCode());

    assertEquals(204, Mailhub.delete("api/users/reporting").statusCode());
    assertEquals(401, call("GET", "api/providers", viewer, null).statusCode());
  }

  @Test
  void usersAreCheckedAndTheLastAdminStays() {
    HttpResponse<String> invalid =
        Mailhub.post(
            "api/users", "{\"username\": \"a b\", \"password\": \"short\", \"role\": null}");
    assertEquals(400, invalid.statusCode(), invalid.body());
    String violations = Mailhub.json(invalid).getJsonArray("violations").toString();
    assertTrue(violations.contains("\"username\""), violations);
    assertTrue(violations.contains("at least 10 characters"), violations);
    assertTrue(violations.contains("\"role\""), violations);

    HttpResponse<String> taken =
        Mailhub.post(
            "api/users",
            "{\"username\": \""
                + Mailhub.ADMIN.toUpperCase()
                + "\", \"password\": \"another-secret\", \"role\": \"VIEWER\"}");
    assertEquals(409, taken.statusCode(), taken.body());

    HttpResponse<String> self = Mailhub.delete("api/users/" + Mailhub.ADMIN);
    assertEquals(409, self.statusCode(), self.body());
    assertEquals("OWN_USER", Mailhub.json(self).getString("code"));
  }

  @Test
  void peopleAreSentToTheSignInPage() {
    HttpResponse<String> page = call("GET", "admin/providers.xhtml", null, null);
    assertEquals(302, page.statusCode());
    assertEquals(
        "/admin/login.xhtml?next=%2Fadmin%2Fproviders.xhtml",
        URI.create(page.headers().firstValue("Location").orElseThrow()).getRawPath()
            + "?"
            + URI.create(page.headers().firstValue("Location").orElseThrow()).getRawQuery());
    // a page's Ajax request after the session expired is told to go to the sign-in page
    HttpResponse<String> ajax =
        Mailhub.exchange(
            HttpRequest.newBuilder(Mailhub.BASE.resolve("admin/campaigns.xhtml"))
                .header("Faces-Request", "partial/ajax")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("list=list"))
                .build());
    assertEquals(200, ajax.statusCode(), ajax.body());
    assertTrue(
        ajax.body()
            .contains("<redirect url=\"/admin/login.xhtml?next=%2Fadmin%2Fcampaigns.xhtml\""),
        ajax.body());

    HttpResponse<String> signIn = call("GET", "admin/login.xhtml", null, null);
    assertEquals(200, signIn.statusCode());
    assertTrue(signIn.body().contains("Sign in"), signIn.body());
    assertTrue(
        signIn.headers().allValues("Set-Cookie").stream()
            .noneMatch(cookie -> cookie.startsWith("JSESSIONID")),
        "an anonymous visit keeps no session on the server: " + signIn.headers().map());
  }

  @Test
  void theSessionCookieIsSecureWhenMailhubIsServedOverHttps() throws Exception {
    String plain = sessionCookie(Mailhub.BASE, Map.of());
    assertFalse(plain.contains("; secure"), "plain HTTP: " + plain);
    assertTrue(plain.contains("samesite=lax"), "other sites' requests do not carry it: " + plain);
    assertTrue(
        sessionCookie(Mailhub.BASE, Map.of("X-Forwarded-Proto", "https")).contains("; secure"),
        "behind a TLS-terminating proxy that says so (MAILHUB_BEHIND_PROXY=true)");
    assertTrue(
        sessionCookie(URI.create("https://localhost:8443/"), Map.of()).contains("; secure"),
        "WildFly's own HTTPS listener");
  }

  private static String sessionCookie(URI base, Map<String, String> headers) throws Exception {
    HttpResponse<String> signedIn = signIn(base, headers);
    assertEquals(302, signedIn.statusCode(), signedIn.body());
    return signedIn.headers().allValues("Set-Cookie").stream()
        .filter(cookie -> cookie.startsWith("JSESSIONID"))
        .findFirst()
        .map(cookie -> cookie.toLowerCase(java.util.Locale.ROOT))
        .orElseThrow(() -> new AssertionError("no session cookie: " + signedIn.headers().map()));
  }

  /**
   * The sign-in page's form sent as a browser sends it, over a client that trusts any certificate.
   */
  static HttpResponse<String> signIn(URI base, Map<String, String> headers) throws Exception {
    javax.net.ssl.SSLContext trustingAll = javax.net.ssl.SSLContext.getInstance("TLS");
    trustingAll.init(
        null,
        new javax.net.ssl.TrustManager[] {
          new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
              return new java.security.cert.X509Certificate[0];
            }
          }
        },
        null);
    java.net.http.HttpClient client =
        java.net.http.HttpClient.newBuilder().sslContext(trustingAll).build();
    String form =
        "signIn=signIn&signIn%3Anext=&signIn%3Ausername="
            + java.net.URLEncoder.encode(Mailhub.ADMIN, java.nio.charset.StandardCharsets.UTF_8)
            + "&signIn%3Apassword="
            + java.net.URLEncoder.encode(
                Mailhub.ADMIN_PASSWORD, java.nio.charset.StandardCharsets.UTF_8)
            + "&signIn%3Asubmit=&jakarta.faces.ViewState=stateless";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve("admin/login.xhtml"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void passwordGuessingIsSlowedDownPerAccount() throws Exception {
    String name = "guessed-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    String password = "the-right-password";
    HttpResponse<String> created =
        Mailhub.post(
            "api/users",
            "{\"username\": \"%s\", \"password\": \"%s\", \"role\": \"VIEWER\"}"
                .formatted(name, password));
    assertEquals(201, created.statusCode(), created.body());

    for (int i = 1; i <= 4; i++) {
      assertEquals(
          401, call("GET", "api/providers", Mailhub.basic(name, "guess-" + i), null).statusCode());
    }
    HttpResponse<String> fifth = call("GET", "api/providers", Mailhub.basic(name, "guess-5"), null);
    assertEquals(401, fifth.statusCode(), "the fifth guess is still checked");

    HttpResponse<String> locked = call("GET", "api/providers", Mailhub.basic(name, password), null);
    assertEquals(429, locked.statusCode(), "even the right password waits: " + locked.body());
    assertEquals("TOO_MANY_ATTEMPTS", Mailhub.json(locked).getString("code"));
    assertTrue(
        locked.headers().firstValue("Retry-After").isPresent(), locked.headers().map().toString());
    assertEquals(
        200,
        Mailhub.get("api/providers").statusCode(),
        "another account from the same address goes on");

    java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
    HttpResponse<String> later;
    do {
      Thread.sleep(200);
      later = call("GET", "api/providers", Mailhub.basic(name, password), null);
    } while (later.statusCode() == 429 && java.time.Instant.now().isBefore(deadline));
    assertEquals(
        200, later.statusCode(), "after the wait the right password works: " + later.body());
  }

  @Test
  void everyUserChangesTheirOwnPassword() {
    String name = "changer-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    assertEquals(
        201,
        Mailhub.post(
                "api/users",
                "{\"username\": \"%s\", \"password\": \"first-password\", \"role\": \"VIEWER\"}"
                    .formatted(name))
            .statusCode());
    String first = Mailhub.basic(name, "first-password");

    HttpResponse<String> wrong =
        call(
            "PUT",
            "api/account/password",
            first,
            "{\"currentPassword\": \"not-it\", \"newPassword\": \"second-password\"}");
    assertEquals(400, wrong.statusCode(), wrong.body());
    assertEquals(
        "currentPassword",
        Mailhub.json(wrong).getJsonArray("violations").getJsonObject(0).getString("field"));
    assertEquals(
        400,
        call(
                "PUT",
                "api/account/password",
                first,
                "{\"currentPassword\": \"first-password\", \"newPassword\": \"short\"}")
            .statusCode());

    HttpResponse<String> changed =
        call(
            "PUT",
            "api/account/password",
            first,
            "{\"currentPassword\": \"first-password\", \"newPassword\": \"second-password\"}");
    assertEquals(
        204, changed.statusCode(), "a viewer changes their own password: " + changed.body());
    assertEquals(
        401, call("GET", "api/providers", first, null).statusCode(), "the old one is gone");
    assertEquals(
        200,
        call("GET", "api/providers", Mailhub.basic(name, "second-password"), null).statusCode());
  }

  private static HttpResponse<String> call(
      String method, String path, String authorization, String json) {
    return Mailhub.call(method, path, authorization, json);
  }
}
