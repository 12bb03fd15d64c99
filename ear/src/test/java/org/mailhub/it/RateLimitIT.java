package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user whose ESP plan allows so many emails a second sets that limit on the provider: campaigns
 * go out at that pace, evenly, and say when they will be done; an ESP that answers 429 with {@code
 * Retry-After} is left alone for that long.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RateLimitIT {

  private RecordingEsp esp;
  private String run;

  @Deployment(testable = false)
  static EnterpriseArchive mailhub() {
    return Mailhub.ear();
  }

  @BeforeEach
  void start() throws Exception {
    esp = new RecordingEsp();
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void stop() {
    esp.close();
  }

  @Test
  void aCampaignGoesOutAtTheProvidersRateAndSaysWhenItWillBeDone() throws Exception {
    int recipients = 1000;
    Campaigns.importTagged(run, emails(recipients));
    JsonObject provider = Mailhub.json(Campaigns.createProvider(limitedProvider("50")));
    assertEquals(50, provider.getJsonObject("rateLimit").getInt("perSecond"), provider.toString());
    long id = provider.getJsonNumber("id").longValue();

    long campaign = Campaigns.launchToRun(Mailhub.BASE, id, run);
    Campaigns.await(Duration.ofSeconds(30), () -> esp.count() >= 100);
    JsonObject sending = Mailhub.json(Mailhub.get("api/campaigns/" + campaign));
    assertEquals("SENDING", sending.getString("status"), sending.toString());
    Instant expected = Instant.parse(sending.getString("expectedFinishAt"));
    // about 900 left at 50 a second: some 18 s from now
    Duration left = Duration.between(Instant.now(), expected);
    assertTrue(
        left.compareTo(Duration.ofSeconds(10)) > 0 && left.compareTo(Duration.ofSeconds(25)) < 0,
        "expected to finish in " + left + ": " + sending);

    JsonObject finished = Campaigns.awaitEnd(Mailhub.BASE, campaign, Duration.ofSeconds(90));
    Campaigns.sentOrInDoubt(finished, recipients);
    assertFalse(
        finished.containsKey("expectedFinishAt") && !finished.isNull("expectedFinishAt"),
        "no estimate once sent: " + finished);
    assertEquals(recipients, Campaigns.receivedOnce(esp).size());

    List<Long> arrivals = esp.received().stream().map(RecordingEsp.Request::arrivedNanos).toList();
    long first = arrivals.stream().mapToLong(Long::longValue).min().orElseThrow();
    long last = arrivals.stream().mapToLong(Long::longValue).max().orElseThrow();
    double seconds = (last - first) / 1e9;
    double rate = (recipients - 1) / seconds;
    System.out.printf(
        "RateLimitIT: %d recipients in %.3f s between the first and the last request: %.2f/s"
            + " (%.2f/s counting all %d over the span)%n",
        recipients, seconds, rate, recipients / seconds, recipients);
    assertTrue(Math.abs(rate - 50) <= 50 * 0.05, "measured " + rate + " emails per second");
  }

  @Test
  void aTooManyRequestsWithRetryAfterPausesTheProvider() throws Exception {
    int recipients = 60;
    Campaigns.importTagged(run, emails(recipients));
    AtomicBoolean refused = new AtomicBoolean();
    esp.replies(
        request ->
            refused.compareAndSet(false, true)
                ? new RecordingEsp.Reply(429, Map.of("Retry-After", "2"), "{\"error\": \"slow\"}")
                : new RecordingEsp.Reply(200, Map.of(), "{}"));
    long provider = Campaigns.provider(limitedProvider("20"));

    long campaign = Campaigns.launchToRun(Mailhub.BASE, provider, run);
    JsonObject finished = Campaigns.awaitEnd(Mailhub.BASE, campaign, Duration.ofSeconds(60));

    JsonObject counts = finished.getJsonObject("counts");
    assertEquals("SENT", finished.getString("status"), finished.toString());
    assertEquals(recipients, counts.getInt("sent"), counts.toString());
    List<RecordingEsp.Request> received = esp.received();
    assertEquals(recipients + 1, received.size(), "one refused, then each once: " + esp.paths());
    Map<String, Integer> times = Campaigns.received(esp);
    String retried = Mailhub.parse(received.get(0).body()).asJsonObject().getString("to");
    times.forEach(
        (to, n) -> assertEquals(to.equals(retried) ? 2 : 1, n, to + " got " + n + " requests"));

    long refusedAt = received.get(0).arrivedNanos();
    long next =
        received.stream()
            .mapToLong(RecordingEsp.Request::arrivedNanos)
            .filter(t -> t > refusedAt)
            .min()
            .orElseThrow();
    double gap = (next - refusedAt) / 1e9;
    System.out.printf("RateLimitIT: no request for %.3f s after the 429%n", gap);
    assertTrue(gap >= 1.9, "the next request came " + gap + " s after the 429");
  }

  @Test
  void aLimitThatIsNotAPositiveWholeNumberIsRefusedByName() {
    for (String bad : List.of("0", "-5", "\"fast\"", "\"50\"", "1.5", "true", "1e400")) {
      HttpResponse<String> answer = Mailhub.post("api/providers", limitedProvider(bad));
      assertEquals(400, answer.statusCode(), bad + ": " + answer.body());
      JsonObject error = Mailhub.json(answer);
      assertEquals("VALIDATION_FAILED", error.getString("code"), answer.body());
      String violations = error.getJsonArray("violations").toString();
      assertTrue(violations.contains("\"field\":\"rateLimit.perSecond\""), bad + ": " + violations);
    }
    HttpResponse<String> hourly = Mailhub.post("api/providers", provider("{\"perHour\": 1000}"));
    assertEquals(400, hourly.statusCode(), hourly.body());
    assertTrue(hourly.body().contains("\"field\":\"rateLimit.perSecond\""), hourly.body());
    HttpResponse<String> negativeDay =
        Mailhub.post("api/providers", provider("{\"perSecond\": 10, \"perDay\": -1}"));
    assertEquals(400, negativeDay.statusCode(), negativeDay.body());
    assertTrue(negativeDay.body().contains("\"field\":\"rateLimit.perDay\""), negativeDay.body());

    JsonObject saved =
        Mailhub.json(
            Campaigns.createProvider(
                provider("{\"perSecond\": 100, \"perHour\": 20000, \"perDay\": null}")));
    JsonObject limit = saved.getJsonObject("rateLimit");
    assertEquals(100, limit.getInt("perSecond"));
    assertEquals(20000, limit.getInt("perHour"));
    assertTrue(!limit.containsKey("perDay") || limit.isNull("perDay"), limit.toString());
    JsonObject unlimited = Mailhub.json(Campaigns.createProvider(provider("null")));
    assertTrue(
        !unlimited.containsKey("rateLimit") || unlimited.isNull("rateLimit"), unlimited.toString());
  }

  private String limitedProvider(String perSecond) {
    return provider("{\"perSecond\": " + perSecond + "}");
  }

  /** A Generic HTTP provider posting each email to the fake ESP, with this rate limit. */
  private String provider(String rateLimit) {
    return """
        {"nickname": "%s", "type": "GENERIC_HTTP", "fromAddress": "news@acme.example",
         "settings": {"endpoint": "%s",
           "parameters": {"to": "$$To", "subject": "$$Subject", "html": "$$HTML",
                          "from": "$$FromName $$FromAddress"}},
         "rateLimit": %s}"""
        .formatted("paced " + UUID.randomUUID(), esp.url("/send"), rateLimit);
  }

  private List<String> emails(int count) {
    return IntStream.range(0, count).mapToObj(i -> "r" + i + "-" + run + "@example.com").toList();
  }
}
