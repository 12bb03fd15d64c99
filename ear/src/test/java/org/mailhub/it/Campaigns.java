package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
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
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < emails.size(); i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"email\": \"")
          .append(emails.get(i))
          .append("\", \"properties\": {\"run\": \"")
          .append(run)
          .append("\"}}");
    }
    HttpResponse<String> imported = Mailhub.post("api/profiles", json.append("]").toString());
    assertEquals(200, imported.statusCode(), imported.body());
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
    HttpResponse<String> created = Mailhub.post("api/campaigns", campaignJson);
    assertEquals(201, created.statusCode(), created.body());
    long id = Mailhub.json(created).getJsonNumber("id").longValue();
    HttpResponse<String> launched = Mailhub.post("api/campaigns/" + id + "/launch", "");
    assertEquals(202, launched.statusCode(), launched.body());
    return id;
  }

  static JsonObject awaitEnd(long id) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline)) {
      JsonObject campaign = Mailhub.json(Mailhub.get("api/campaigns/" + id));
      if (!campaign.getString("status").equals("SENDING")) {
        return campaign;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "campaign " + id + " did not finish: " + Mailhub.get("api/campaigns/" + id).body());
  }

  static List<JsonObject> sends(long campaign) {
    List<JsonObject> all = new ArrayList<>();
    for (int page = 0; ; page++) {
      JsonArray batch =
          Mailhub.items(Mailhub.get("api/campaigns/" + campaign + "/sends?size=1000&page=" + page));
      batch.forEach(v -> all.add(v.asJsonObject()));
      if (batch.size() < 1000) {
        return all;
      }
    }
  }
}
