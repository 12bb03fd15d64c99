package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An operator watches a mailhub node: the orchestrator's probes on the management port, and
 * Prometheus scraping {@code /metrics} with a viewer's API key while campaigns go out through a
 * provider that works, one that refuses and one that is down.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIT {

  private static final URI MANAGEMENT = URI.create("http://127.0.0.1:9990/");

  /** This test's mark on what it creates (JUnit makes an instance per test). */
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false)
  static EnterpriseArchive mailhub() {
    return Mailhub.ear();
  }

  @Test
  @Order(1)
  void prometheusWithoutCredentialsOrWithAWrongKeyIsRefusedLikeAnyApiClient() {
    HttpResponse<String> anonymous = Mailhub.call("GET", "metrics", null, null);
    assertEquals(401, anonymous.statusCode(), anonymous.body());
    assertEquals("UNAUTHORIZED", Mailhub.json(anonymous).getString("code"));
    assertTrue(
        anonymous.headers().allValues("WWW-Authenticate").stream()
            .anyMatch(h -> h.startsWith("Bearer")),
        anonymous.headers().toString());
    assertFalse(anonymous.body().contains("mailhub_"), anonymous.body());

    HttpResponse<String> wrongKey =
        Mailhub.call("GET", "metrics", "Bearer mh_" + "x".repeat(43), null);
    assertEquals(401, wrongKey.statusCode(), wrongKey.body());
    assertEquals("UNAUTHORIZED", Mailhub.json(wrongKey).getString("code"));

    HttpResponse<String> wrongPassword =
        Mailhub.call("GET", "metrics", Mailhub.basic(Mailhub.ADMIN, "not-the-password"), null);
    assertEquals(401, wrongPassword.statusCode(), wrongPassword.body());

    String document = Mailhub.get("openapi?format=JSON").body();
    assertFalse(document.contains("\"/metrics\""), "not part of the client API's document");
  }

  @Test
  @Order(2)
  void theProbesSeeTheNodeReadyAndAliveWithItsDatabaseQueueAndCluster() {
    HttpResponse<String> ready = management("health/ready");
    assertEquals(200, ready.statusCode(), ready.body());
    JsonObject readiness = Mailhub.json(ready);
    assertEquals("UP", readiness.getString("status"), ready.body());
    Map<String, JsonObject> checks = checks(readiness);
    for (String name : List.of("database", "jms", "cluster", "server")) {
      assertTrue(checks.containsKey(name), name + " in " + ready.body());
      assertEquals("UP", checks.get(name).getString("status"), ready.body());
    }
    assertEquals(
        System.getProperty("mailhub.expected.database"),
        checks.get("database").getJsonObject("data").getString("database"));
    assertEquals("MailhubDispatch", checks.get("jms").getJsonObject("data").getString("queue"));
    JsonObject cluster = checks.get("cluster").getJsonObject("data");
    assertEquals("single node", cluster.getString("members"), "standalone-full.xml has no JGroups");
    assertFalse(cluster.getString("node").isBlank(), cluster.toString());
    assertEquals("running", checks.get("server").getJsonObject("data").getString("state"));

    HttpResponse<String> live = management("health/live");
    assertEquals(200, live.statusCode(), live.body());
    JsonObject liveness = Mailhub.json(live);
    assertEquals("UP", liveness.getString("status"), live.body());
    assertEquals("UP", checks(liveness).get("dispatch").getString("status"), live.body());
    assertFalse(checks(liveness).containsKey("database"), "a database outage is not death");

    assertEquals(200, management("health").statusCode(), "both at once");
  }

  @Test
  @Order(3)
  void aProviderThatRefusesCountsFailedEmailsAndOneThatIsDownOpensItsBreaker() throws Exception {
    String viewer = viewerKey();
    long refusing;
    try (RecordingEsp esp = new RecordingEsp()) {
      esp.answer(400, "{\"error\": \"invalid sender\"}");
      refusing = Campaigns.provider(provider("refusing", esp));
      Campaigns.importTagged(run + "-a", emails("refused", 2));
      Campaigns.awaitEnd(Campaigns.launch(campaign("refused", refusing, run + "-a")));
    }

    String scrape = scrape(viewer);
    assertEquals(2.0, value(scrape, "mailhub_emails_total", refusing, "outcome=\"failed\""));
    assertEquals(0.0, value(scrape, "mailhub_emails_total", refusing, "outcome=\"sent\""));
    assertEquals(
        0.0, value(scrape, "mailhub_provider_breaker", refusing), "a refusal is no outage");

    try (RecordingEsp down = new RecordingEsp()) {
      down.answer(503, "{\"error\": \"maintenance\"}");
      long unavailable = Campaigns.provider(provider("down", down));
      Campaigns.importTagged(run + "-b", emails("down", 8));
      long campaign = Campaigns.launch(campaign("down", unavailable, run + "-b"));

      // five failures in a row (MAILHUB_DISPATCH_BREAKER_FAILURES) open the breaker for 30 s
      String open =
          awaitScrape(
              viewer,
              s ->
                  value(s, "mailhub_provider_breaker", unavailable) == 1.0
                      && value(s, "mailhub_emails_total", unavailable, "outcome=\"retried\"")
                          == 5.0);
      assertEquals(
          5.0,
          value(open, "mailhub_provider_calls_seconds_count", unavailable),
          "every call timed");
      assertEquals(0.0, value(open, "mailhub_emails_total", unavailable, "outcome=\"failed\""));
      assertEquals(0.0, value(open, "mailhub_provider_breaker", refusing), "per provider");
      assertEquals(200, Mailhub.post("api/campaigns/" + campaign + "/cancel", "").statusCode());
    }
  }

  @Test
  @Order(4)
  void aCampaignItsProviderCallsTheQueuesAndAWebhookShowInTheScrape() throws Exception {
    String viewer = viewerKey();
    JsonObject provider;
    long campaign;
    try (RecordingEsp esp = new RecordingEsp()) {
      provider = Mailhub.json(Campaigns.createProvider(provider("working", esp)));
      Campaigns.importTagged(run, emails("sent", 3));
      campaign = Campaigns.launch(campaign("sent", provider.getInt("id"), run));
      assertEquals("SENT", Campaigns.awaitEnd(campaign).getString("status"));
      assertEquals(3, esp.count(), esp.paths());
    }
    long id = provider.getJsonNumber("id").longValue();

    String scrape = scrape(viewer);
    assertEquals(3.0, value(scrape, "mailhub_emails_total", id, "outcome=\"sent\""), scrape);
    assertEquals(0.0, value(scrape, "mailhub_emails_total", id, "outcome=\"in_doubt\""));
    assertEquals(3.0, value(scrape, "mailhub_provider_calls_seconds_count", id), "one per email");
    assertTrue(value(scrape, "mailhub_provider_calls_seconds_sum", id) > 0, scrape);
    assertTrue(scrape.contains("provider_type=\"GENERIC_HTTP\""), scrape);
    for (String queue : List.of("MailhubDispatch", "MailhubPrepare", "DLQ")) {
      double depth = queue(scrape, queue);
      assertTrue(depth >= 0, queue + " has a depth: " + depth);
    }
    assertFalse(scrape.contains("@example.com"), "no address in the meters");

    JsonObject sent = Campaigns.sends(campaign).get(0);
    HttpResponse<String> webhook =
        Mailhub.post(
            Campaigns.callbackPath(provider),
            """
            {"version": "v2", "events": {"clicked": [
              {"type": "clicked", "email": "%s", "meta": "%s"},
              {"type": "teleported", "email": "%s", "meta": "%s"}]}}"""
                .formatted(
                    sent.getString("email"),
                    sent.getString("meta"),
                    sent.getString("email"),
                    sent.getString("meta")));
    assertEquals(200, webhook.statusCode(), webhook.body());
    String after = scrape(viewer);
    assertEquals(1.0, value(after, "mailhub_callback_events_total", id, "kind=\"clicked\""));
    assertEquals(1.0, value(after, "mailhub_callback_events_total", id, "kind=\"unreadable\""));

    HttpResponse<String> openMetrics =
        Mailhub.exchange(
            HttpRequest.newBuilder(Mailhub.BASE.resolve("metrics"))
                .header("Authorization", Mailhub.basic(Mailhub.ADMIN, Mailhub.ADMIN_PASSWORD))
                .header(
                    "Accept",
                    "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5")
                .build());
    assertEquals(200, openMetrics.statusCode(), openMetrics.body());
    assertTrue(
        openMetrics
            .headers()
            .firstValue("Content-Type")
            .orElseThrow()
            .startsWith("application/openmetrics-text"),
        openMetrics.headers().toString());
    assertTrue(openMetrics.body().endsWith("# EOF\n"), "a user's basic credentials work too");
  }

  private static HttpResponse<String> management(String path) {
    return Mailhub.exchange(HttpRequest.newBuilder(MANAGEMENT.resolve(path)).GET().build());
  }

  private static Map<String, JsonObject> checks(JsonObject health) {
    return health.getJsonArray("checks").stream()
        .map(c -> c.asJsonObject())
        .collect(Collectors.toMap(c -> c.getString("name"), c -> c));
  }

  /** A key as an operator gives Prometheus: the viewer role, which may read and change nothing. */
  private String viewerKey() {
    HttpResponse<String> created =
        Mailhub.post("api/keys", "{\"name\": \"prometheus " + run + "\", \"role\": \"VIEWER\"}");
    assertEquals(201, created.statusCode(), created.body());
    return Mailhub.json(created).getString("key");
  }

  private static String scrape(String key) {
    HttpResponse<String> scrape = Mailhub.call("GET", "metrics", "Bearer " + key, null);
    assertEquals(200, scrape.statusCode(), scrape.body());
    assertTrue(
        scrape.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"),
        scrape.headers().toString());
    return scrape.body();
  }

  private static String awaitScrape(String key, Predicate<String> condition)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    String scrape = scrape(key);
    while (!condition.test(scrape)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("gave up waiting; the last scrape:\n" + scrape);
      }
      Thread.sleep(200);
      scrape = scrape(key);
    }
    return scrape;
  }

  /**
   * The value of the provider's one sample of {@code name} with all of {@code labels}; 0 when it
   * has none, as Prometheus would treat a counter never incremented.
   */
  private static double value(String scrape, String name, long providerId, String... labels) {
    List<String> samples =
        scrape
            .lines()
            .filter(line -> line.startsWith(name + "{"))
            .filter(line -> line.contains("provider_id=\"" + providerId + "\""))
            .filter(line -> List.of(labels).stream().allMatch(line::contains))
            .toList();
    if (samples.isEmpty()) {
      return 0;
    }
    assertEquals(1, samples.size(), name + ": " + samples);
    return number(samples.get(0));
  }

  private static double queue(String scrape, String queue) {
    String prefix = "mailhub_queue_messages{queue=\"" + queue + "\"} ";
    return number(
        scrape
            .lines()
            .filter(line -> line.startsWith(prefix))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no depth of " + queue + " in\n" + scrape)));
  }

  private static double number(String sample) {
    return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
  }

  private String provider(String name, RecordingEsp at) {
    return """
        {"nickname": "observed %s %s", "type": "GENERIC_HTTP", "fromAddress": "news@acme.example",
         "settings": {"endpoint": "%s",
           "parameters": {"to": "$$To", "subject": "$$Subject", "html": "$$HTML",
             "from": "$$FromName $$FromAddress", "meta": "$$Meta"}}}"""
        .formatted(name, run, at.url("/send"));
  }

  private static String campaign(String name, long providerId, String tag) {
    return """
        {"name": "observed %s %s", "providerId": %d, "subject": "Hi", "html": "<p>Hi</p>",
         "audience": {"type": "PROPERTY", "property": "run", "value": "%s"}}"""
        .formatted(name, tag, providerId, tag);
  }

  private List<String> emails(String kind, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "observed-" + kind + "-" + run + "-" + i + "@example.com")
        .toList();
  }
}
