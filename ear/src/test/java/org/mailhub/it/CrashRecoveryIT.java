package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A one-call-per-email campaign survives three kills (SIGKILL) and one graceful stop (SIGTERM) of
 * its server: nobody receives it twice, the graceful stop fails and strands nobody, each kill
 * leaves at most the calls in flight in doubt, and everybody else is sent. Runs its own server
 * (port offset 100, its own data) from the provisioned installation.
 */
class CrashRecoveryIT {

  private static final URI URL = URI.create("http://localhost:8180/");
  private static final int RECIPIENTS = 4000;

  /** Dispatch sessions, each with at most one provider call in flight. */
  private static final int CONCURRENCY = 16;

  private static final int KILLS = 3;

  private OwnServer server;

  @AfterEach
  void stopServer() throws InterruptedException {
    if (server != null) {
      server.kill();
    }
  }

  @Test
  void aCampaignSurvivesKillsAndAGracefulStopWithoutSendingAnyoneTwice() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    try (RecordingEsp esp = new RecordingEsp().slow(40)) {
      server = new OwnServer("crash-test", 100);
      start();
      Campaigns.importTagged(
          URL,
          run,
          IntStream.range(0, RECIPIENTS)
              .mapToObj(i -> "c" + i + "-" + run + "@example.com")
              .toList());
      long provider = Campaigns.jsonProvider(URL, "crash " + run, esp.url("/send"));
      long campaign = Campaigns.launchToRun(URL, provider, run);

      List<Integer> sentAtKill = new ArrayList<>();
      for (int kill = 1; kill <= KILLS; kill++) {
        int before = esp.count();
        Campaigns.await(Duration.ofSeconds(90), () -> esp.count() >= before + 300);
        server.kill();
        sentAtKill.add(esp.count());
        start();
      }
      int inDoubtAfterKills = counts(campaign).getInt("inDoubt");

      int before = esp.count();
      Campaigns.await(Duration.ofSeconds(90), () -> esp.count() >= before + 300);
      server.stop(); // SIGTERM: WildFly suspends, calls in flight finish, the rest goes back
      int atStop = esp.count();
      assertTrue(atStop < RECIPIENTS, "the campaign was still being sent when stopped");
      start();
      JsonObject afterStop = counts(campaign);
      assertEquals(
          inDoubtAfterKills, afterStop.getInt("inDoubt"), "the graceful stop left nobody in doubt");
      assertEquals(0, afterStop.getInt("failed"), "the graceful stop failed nobody");

      JsonObject finished = awaitEnd(campaign);

      Map<String, Integer> received = Campaigns.receivedOnce(esp);
      JsonObject counts = Campaigns.sentOrInDoubt(finished, RECIPIENTS);

      List<JsonObject> records = Campaigns.sends(URL, campaign);
      assertEquals(RECIPIENTS, records.size());
      int inDoubt = 0;
      for (JsonObject record : records) {
        String email = record.getString("email");
        switch (record.getString("status")) {
          case "SENT" ->
              assertTrue(received.containsKey(email), email + " is SENT but never arrived");
          case "IN_DOUBT" -> {
            inDoubt++;
            assertTrue(record.getString("error").startsWith("in doubt"), record.toString());
          }
          default -> throw new AssertionError("not sent: " + record);
        }
      }
      assertEquals(counts.getInt("inDoubt"), inDoubt);

      // the ESP reports a click on one recipient in doubt: it was sent after all
      JsonObject doubtful =
          records.stream()
              .filter(r -> r.getString("status").equals("IN_DOUBT"))
              .findFirst()
              .orElseThrow();
      String callbackPath =
          URI.create(
                  Mailhub.json(Mailhub.get(URL, "api/providers/" + provider))
                      .getString("callbackUrl"))
              .getPath()
              .substring(1);
      HttpResponse<String> reported =
          Mailhub.post(
              URL,
              callbackPath,
              """
              {"version": "v2", "events": {"clicked": [
                {"type": "clicked", "email": "%s", "meta": "%s", "description": "https://acme.example"}]}}"""
                  .formatted(doubtful.getString("email"), doubtful.getString("meta")));
      assertEquals(200, reported.statusCode(), reported.body());
      JsonObject after =
          Campaigns.sends(URL, campaign).stream()
              .filter(r -> r.getString("email").equals(doubtful.getString("email")))
              .findFirst()
              .orElseThrow();
      assertEquals("SENT", after.getString("status"), after.toString());
      assertEquals("CLICKED", after.getString("outcome"), after.toString());
      assertEquals(inDoubt - 1, counts(campaign).getInt("inDoubt"));
      assertTrue(
          inDoubt <= KILLS * CONCURRENCY,
          inDoubt + " in doubt; at most the calls in flight at each kill: " + KILLS * CONCURRENCY);
      System.out.printf(
          "crash test: requests at the kills %s, at the graceful stop %d, in the end %d; %d"
              + " recipients in doubt%n",
          sentAtKill, atStop, esp.count(), inDoubt);
    }
  }

  private JsonObject counts(long campaign) {
    return Mailhub.json(Mailhub.get(URL, "api/campaigns/" + campaign)).getJsonObject("counts");
  }

  private void start() throws Exception {
    server.start(
        java.util.Map.of(),
        "-Dmailhub.dispatch.prepare-chunk-size=500",
        "-Dmailhub.gateway.allow-private-networks=true", // the ESP is on loopback
        "-Dmailhub.dispatch.concurrency=" + CONCURRENCY,
        Mailhub.ADMIN_PROPERTIES[0],
        Mailhub.ADMIN_PROPERTIES[1]);
  }

  private static JsonObject awaitEnd(long campaign) throws InterruptedException {
    // four minutes: a kill that lands between the database's commit and the JMS commit of a
    // preparation chunk leaves that chunk's messages in doubt until the transaction manager's
    // periodic recovery (every two minutes) completes them
    return Campaigns.awaitEnd(URL, campaign, Duration.ofMinutes(4));
  }
}
