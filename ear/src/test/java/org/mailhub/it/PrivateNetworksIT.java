package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An admin (or someone who took over an admin's session) tries to point providers inside mailhub's
 * own network: at its loopback, a private relay, the cloud's metadata service. A server as it ships
 * refuses each with a 400 naming the setting. Runs its own server (port offset 300) with the
 * default settings; the other tests allow private networks for their loopback ESPs. The same
 * server, without a public URL, refuses to launch campaigns that would carry unsubscribe links
 * pointing at localhost.
 */
class PrivateNetworksIT {

  private static final URI URL = URI.create("http://localhost:8380/");

  private static OwnServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new OwnServer("private-networks", 300);
    // as it ships: no proxy in front, so X-Forwarded-* headers are anybody's words; no
    // MAILHUB_PUBLIC_URL and no MAILHUB_PUBLIC_URL_INSECURE
    server.start(
        Map.of("MAILHUB_BEHIND_PROXY", "false"),
        Mailhub.ADMIN_PROPERTIES[0],
        Mailhub.ADMIN_PROPERTIES[1]);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (server != null) {
      server.kill();
    }
  }

  @Test
  void providersCannotPointIntoMailhubsOwnNetwork() throws Exception {

    assertRefused(
        "endpoint",
        """
        {"nickname": "metadata", "type": "GENERIC_HTTP", "fromAddress": "news@acme.example",
         "settings": {"endpoint": "http://169.254.169.254/latest/meta-data/",
           "parameters": {"to": "$$To", "subject": "$$Subject", "html": "$$HTML", "from": "$$FromName $$FromAddress"}}}""");
    assertRefused(
        "endpoint",
        """
        {"nickname": "loopback", "type": "NETCORE", "fromAddress": "news@acme.example",
         "settings": {"endpoint": "http://localhost:9990/management", "apiKey": "k-123456"}}""");
    assertRefused(
        "host",
        """
        {"nickname": "relay", "type": "SMTP", "fromAddress": "news@acme.example",
         "settings": {"host": "10.0.0.25", "port": 25, "security": "NONE"}}""");

    HttpResponse<String> outside =
        Mailhub.post(
            URL,
            "api/providers",
            """
            {"nickname": "outside", "type": "SMTP", "fromAddress": "news@acme.example",
             "settings": {"host": "smtp.example.com", "port": 587, "security": "STARTTLS"}}""");
    assertEquals(201, outside.statusCode(), "a host outside is fine: " + outside.body());

    List<String> cookies =
        SignInIT.signIn(URL, Map.of("X-Forwarded-Proto", "https"))
            .headers()
            .allValues("Set-Cookie");
    assertTrue(
        cookies.stream()
            .anyMatch(c -> c.startsWith("JSESSIONID") && !c.toLowerCase().contains("; secure")),
        "without a proxy in front, a forwarded scheme is not believed: " + cookies);
  }

  @Test
  void campaignsWithUnsubscribeLinksAreNotLaunchedWhileThePublicUrlIsLocalhost() {
    HttpResponse<String> provider =
        Mailhub.post(
            URL,
            "api/providers",
            """
            {"nickname": "with links", "type": "SMTP", "fromAddress": "news@acme.example",
             "preferenceCenter": {"mode": "SYSTEM"},
             "settings": {"host": "smtp.example.com", "port": 587, "security": "STARTTLS"}}""");
    assertEquals(201, provider.statusCode(), provider.body());
    assertEquals(
        200, Mailhub.post(URL, "api/profiles", "[{\"email\": \"ana@example.com\"}]").statusCode());
    HttpResponse<String> draft =
        Mailhub.post(
            URL,
            "api/campaigns",
            """
            {"name": "links", "providerId": %d, "subject": "News", "html": "<p>News</p>",
             "audience": {"type": "EMAILS", "emails": ["ana@example.com"]}}"""
                .formatted(Mailhub.json(provider).getInt("id")));
    assertEquals(201, draft.statusCode(), draft.body());

    HttpResponse<String> launched =
        Mailhub.post(URL, "api/campaigns/" + Mailhub.json(draft).getInt("id") + "/launch", "");

    assertEquals(400, launched.statusCode(), launched.body());
    assertEquals("INSECURE_PUBLIC_URL", Mailhub.json(launched).getString("code"));
    assertTrue(
        Mailhub.json(launched).getString("message").startsWith("MAILHUB_PUBLIC_URL is not set"),
        launched.body());
    assertEquals(
        "DRAFT",
        Mailhub.json(Mailhub.get(URL, "api/campaigns/" + Mailhub.json(draft).getInt("id")))
            .getString("status"));
  }

  private static void assertRefused(String field, String provider) {
    HttpResponse<String> answer = Mailhub.post(URL, "api/providers", provider);
    assertEquals(400, answer.statusCode(), answer.body());
    String violations = Mailhub.json(answer).getJsonArray("violations").toString();
    assertTrue(violations.contains("settings." + field), violations);
    assertTrue(violations.contains("MAILHUB_GATEWAY_ALLOW_PRIVATE_NETWORKS"), violations);
  }
}
