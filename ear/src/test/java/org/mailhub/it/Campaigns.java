package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the scenarios do over and over through the REST API: providers, campaigns, send records. */
final class Campaigns {

  private Campaigns() {}

  /** Imports profiles tagged with {@code run}, so that a PROPERTY audience selects exactly them. */
  static void importTagged(String run, List<String> emails) {
    importTagged(Mailhub.BASE, run, emails);
  }

  /** The same, through the server at {@code base}. */
  static void importTagged(URI base, String run, List<String> emails) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < emails.size(); i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"email\": \"")
          .append(emails.get(i))
          .append("\", \"properties\": {\"run\": \"")
          .append(run)
          .append("\"}}");
    }
    HttpResponse<String> imported = Mailhub.post(base, "api/profiles", json.append("]").toString());
    assertEquals(200, imported.statusCode(), imported.body());
  }

  /**
   * A Generic HTTP provider that posts each email to {@code endpoint} as JSON: {@code to}, {@code
   * subject}, {@code html}, {@code from}.
   */
  static long jsonProvider(URI base, String nickname, String endpoint) {
    HttpResponse<String> created =
        Mailhub.post(
            base,
            "api/providers",
            """
            {"nickname": "%s", "type": "GENERIC_HTTP", "fromAddress": "news@acme.example",
             "settings": {"endpoint": "%s",
               "parameters": {"to": "$$To", "subject": "$$Subject", "html": "$$HTML", "from": "$$FromName $$FromAddress"}}}"""
                .formatted(nickname, endpoint));
    assertEquals(201, created.statusCode(), created.body());
    return Mailhub.json(created).getJsonNumber("id").longValue();
  }

  /** Launches a campaign to the profiles of {@link #importTagged} with this run. */
  static long launchToRun(URI base, long provider, String run) {
    return launch(
        base,
        """
        {"name": "run %s", "providerId": %d, "subject": "Hi", "html": "<p>Hi</p>",
         "audience": {"type": "PROPERTY", "property": "run", "value": "%s"}}"""
            .formatted(run, provider, run));
  }

  /** {@link #received}, after checking that nobody got the campaign twice. */
  static java.util.Map<String, Integer> receivedOnce(RecordingEsp esp) {
    java.util.Map<String, Integer> received = received(esp);
    received.forEach(
        (to, times) -> assertEquals(1, times, to + " received the campaign " + times + " times"));
    return received;
  }

  /**
   * Checks that the finished campaign is SENT with each of its recipients sent or in doubt (after a
   * stop, never failed or left queued); its counts.
   */
  static JsonObject sentOrInDoubt(JsonObject finished, int recipients) {
    JsonObject counts = finished.getJsonObject("counts");
    assertEquals("SENT", finished.getString("status"), finished.toString());
    assertEquals(recipients, counts.getInt("targeted"), counts.toString());
    assertEquals(0, counts.getInt("queued"), counts.toString());
    assertEquals(0, counts.getInt("failed"), counts.toString());
    assertEquals(recipients, counts.getInt("sent") + counts.getInt("inDoubt"), counts.toString());
    return counts;
  }

  /** How many requests each address got, by the {@code to} of {@link #jsonProvider}'s JSON. */
  static java.util.Map<String, Integer> received(RecordingEsp esp) {
    java.util.Map<String, Integer> received = new java.util.HashMap<>();
    for (RecordingEsp.Request request : esp.received()) {
      received.merge(Mailhub.parse(request.body()).asJsonObject().getString("to"), 1, Integer::sum);
    }
    return received;
  }

  static long provider(String json) {
    return Mailhub.json(createProvider(json)).getJsonNumber("id").longValue();
  }

  static HttpResponse<String> createProvider(String json) {
    HttpResponse<String> created = Mailhub.post("api/providers", json);
    assertEquals(201, created.statusCode(), created.body());
    return created;
  }

  /** Creates and launches a campaign; returns its id. */
  static long launch(String campaignJson) {
    return launch(Mailhub.BASE, campaignJson);
  }

  static long launch(URI base, String campaignJson) {
    HttpResponse<String> created = Mailhub.post(base, "api/campaigns", campaignJson);
    assertEquals(201, created.statusCode(), created.body());
    long id = Mailhub.json(created).getJsonNumber("id").longValue();
    HttpResponse<String> launched = Mailhub.post(base, "api/campaigns/" + id + "/launch", "");
    assertEquals(202, launched.statusCode(), launched.body());
    return id;
  }

  static JsonObject awaitEnd(long id) throws InterruptedException {
    return awaitEnd(Mailhub.BASE, id, Duration.ofSeconds(120));
  }

  static JsonObject awaitEnd(URI base, long id, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      JsonObject campaign = Mailhub.json(Mailhub.get(base, "api/campaigns/" + id));
      if (!campaign.getString("status").equals("SENDING")) {
        return campaign;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "campaign " + id + " did not finish: " + Mailhub.get(base, "api/campaigns/" + id).body());
  }

  static List<JsonObject> sends(long campaign) {
    return sends(Mailhub.BASE, campaign);
  }

  static List<JsonObject> sends(URI base, long campaign) {
    List<JsonObject> all = new ArrayList<>();
    for (int page = 0; ; page++) {
      JsonArray batch =
          Mailhub.items(
              Mailhub.get(base, "api/campaigns/" + campaign + "/sends?size=1000&page=" + page));
      batch.forEach(v -> all.add(v.asJsonObject()));
      if (batch.size() < 1000) {
        return all;
      }
    }
  }

  /** Waits until the condition holds, or fails after {@code timeout}. */
  static void await(Duration timeout, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("gave up waiting after " + timeout);
      }
      Thread.sleep(100);
    }
  }

  /** The path of the provider's callback URL, to post to the mailhub under test. */
  static String callbackPath(JsonObject provider) {
    return URI.create(provider.getString("callbackUrl")).getPath().substring(1);
  }

  /** The meta value of each recipient's send, by address. */
  static java.util.Map<String, String> metas(long campaign) {
    java.util.Map<String, String> metas = new java.util.HashMap<>();
    sends(campaign).forEach(s -> metas.put(s.getString("email"), s.getString("meta")));
    return metas;
  }

  /** Asserts that the address is suppressed for the reason; the suppression. */
  static JsonObject assertSuppressed(String email, String reason) {
    HttpResponse<String> found = Mailhub.get("api/suppressions/" + email);
    assertEquals(200, found.statusCode(), email + ": " + found.body());
    JsonObject suppression = Mailhub.json(found);
    assertEquals(reason, suppression.getString("reason"), email);
    return suppression;
  }
}
