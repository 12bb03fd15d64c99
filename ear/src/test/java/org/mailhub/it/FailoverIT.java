package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * A provider names a backup: when the provider is down, or refuses mailhub's key, the campaign goes
 * on through the backup, with the backup's sender, and nobody gets the email twice.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FailoverIT {

  private static final int RECIPIENTS = 30;

  private RecordingEsp primary;
  private RecordingEsp backup;
  private String run;

  @Deployment(testable = false)
  static EnterpriseArchive mailhub() {
    return Mailhub.ear();
  }

  @BeforeEach
  void start() throws Exception {
    primary = new RecordingEsp();
    backup = new RecordingEsp();
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void stop() {
    primary.close();
    backup.close();
  }

  @Test
  void aCampaignWhosePrimaryIsDownFinishesThroughTheBackupWithEveryoneOnce() throws Exception {
    primary.answer(503, "{\"error\": \"down for maintenance\"}");
    long backupId = provider("backup", backup, "backup@acme.example", null);
    long primaryId = provider("primary", primary, "news@acme.example", backupId);
    List<String> emails = recipients();
    Campaigns.importTagged(run, emails);

    long campaign = Campaigns.launchToRun(Mailhub.BASE, primaryId, run);
    JsonObject finished = Campaigns.awaitEnd(campaign);

    assertEquals("SENT", finished.getString("status"), finished.toString());
    JsonObject counts = finished.getJsonObject("counts");
    assertEquals(RECIPIENTS, counts.getInt("sent"), counts.toString());
    assertEquals(0, counts.getInt("failed"), counts.toString());
    // the primary took nothing (it answered 503 to each call), the backup everyone once
    Map<String, Integer> received = Campaigns.receivedOnce(backup);
    assertEquals(RECIPIENTS, received.size(), backup.paths());
    assertTrue(primary.count() > 0, "the primary was tried first");
    backup
        .received()
        .forEach(
            r ->
                assertTrue(
                    Mailhub.parse(r.body()).asJsonObject().getString("from").contains("backup@"),
                    "sent with the backup's sender: " + r.body()));
    // every send record names the backup
    Campaigns.sends(campaign)
        .forEach(
            s -> assertEquals(backupId, s.getJsonNumber("providerId").longValue(), s.toString()));
    JsonObject failover = finished.getJsonArray("failovers").getJsonObject(0);
    assertEquals(primaryId, failover.getJsonNumber("fromProviderId").longValue());
    assertEquals(backupId, failover.getJsonNumber("toProviderId").longValue());
    assertTrue(
        failover.getString("message").startsWith("failed over from primary-" + run + " to backup-"),
        failover.toString());
    assertEquals(false, failover.getBoolean("authentication"));
    JsonObject went = finished.getJsonArray("providers").getJsonObject(0);
    assertEquals(1, finished.getJsonArray("providers").size(), finished.toString());
    assertEquals(backupId, went.getJsonNumber("providerId").longValue());
    assertEquals(RECIPIENTS, went.getInt("sent"));
    // statistics per provider
    assertEquals(RECIPIENTS, stats(backupId).getInt("sent"));
    assertEquals(0, stats(primaryId).getInt("sent"));
    assertEquals(0, stats(primaryId).getInt("errors"));
  }

  @Test
  void aPrimaryThatRefusesItsKeyFailsOverAtOnceAndSaysSoLoudly() throws Exception {
    primary.answer(401, "{\"error\": \"invalid API key\"}");
    long backupId = provider("backup", backup, "backup@acme.example", null);
    long primaryId = provider("primary", primary, "news@acme.example", backupId);
    Campaigns.importTagged(run, recipients());

    long campaign = Campaigns.launchToRun(Mailhub.BASE, primaryId, run);
    JsonObject finished = Campaigns.awaitEnd(campaign);

    assertEquals("SENT", finished.getString("status"), finished.toString());
    assertEquals(RECIPIENTS, finished.getJsonObject("counts").getInt("sent"));
    assertEquals(RECIPIENTS, Campaigns.receivedOnce(backup).size());
    assertEquals(1, primary.count(), "one refused call is enough: " + primary.paths());
    JsonObject failover = finished.getJsonArray("failovers").getJsonObject(0);
    String expected =
        "failed over from primary-" + run + " to backup-" + run + ": authentication failed";
    assertEquals(expected, failover.getString("message"));
    assertTrue(failover.getBoolean("authentication"));
    assertTrue(failover.getString("reason").contains("401"), failover.toString());

    try (Browser browser = new Browser()) {
      browser.open("admin/reports.xhtml?campaign=" + campaign);
      browser.type("signIn:username", Mailhub.ADMIN);
      browser.type("signIn:password", Mailhub.ADMIN_PASSWORD);
      browser.click("signIn:submit");
      browser.settle();
      if (!browser.driver.getCurrentUrl().contains("campaign=")) {
        browser.open("admin/reports.xhtml?campaign=" + campaign);
      }
      String page = String.valueOf(browser.js("return document.body.innerText"));
      assertTrue(page.contains(expected), page);
      assertTrue(page.contains("Where the mail went"), page);
      browser.open("admin/campaigns.xhtml");
      page = String.valueOf(browser.js("return document.body.innerText"));
      assertTrue(page.contains(expected), page);
    }
  }

  @Test
  void aPrimaryThatAsksToBeLeftAloneForAnHourFailsOverInsteadOfWaiting() throws Exception {
    primary.replies(
        request ->
            new RecordingEsp.Reply(
                429, Map.of("Retry-After", "3600"), "{\"error\": \"daily quota reached\"}"));
    long backupId = provider("backup", backup, "backup@acme.example", null);
    long primaryId = provider("primary", primary, "news@acme.example", backupId);
    Campaigns.importTagged(run, recipients());

    long campaign = Campaigns.launchToRun(Mailhub.BASE, primaryId, run);
    JsonObject finished =
        Campaigns.awaitEnd(Mailhub.BASE, campaign, java.time.Duration.ofSeconds(60));

    assertEquals("SENT", finished.getString("status"), finished.toString());
    assertEquals(RECIPIENTS, finished.getJsonObject("counts").getInt("sent"));
    assertEquals(RECIPIENTS, Campaigns.receivedOnce(backup).size(), backup.paths());
    // the primary's answer paused it for everybody: only calls already under way reached it
    assertTrue(primary.count() <= 16, "calls to the paused primary: " + primary.paths());
    JsonObject failover = finished.getJsonArray("failovers").getJsonObject(0);
    assertTrue(
        failover.getString("reason").contains("asked to be left alone for PT"),
        failover.toString());
    assertTrue(failover.getString("reason").contains("429"), failover.toString());
    Campaigns.sends(campaign)
        .forEach(
            s -> assertEquals(backupId, s.getJsonNumber("providerId").longValue(), s.toString()));
  }

  @Test
  void aBackupThatACampaignIsSendingThroughCannotBeDeletedOnceUnlinked() throws Exception {
    primary.answer(401, "{\"error\": \"invalid API key\"}");
    java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
    backup.replies(
        request -> {
          try {
            hold.await(30, java.util.concurrent.TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new RecordingEsp.Reply(200, Map.of(), "{}");
        });
    long backupId = provider("backup", backup, "backup@acme.example", null);
    long primaryId = provider("primary", primary, "news@acme.example", backupId);
    Campaigns.importTagged(run, recipients());
    long campaign = Campaigns.launchToRun(Mailhub.BASE, primaryId, run);
    try {
      Campaigns.await(java.time.Duration.ofSeconds(30), () -> backup.count() > 0);

      // the primary no longer names it, but the campaign is sending through it
      HttpResponse<String> unlinked =
          Mailhub.put(
              "api/providers/" + primaryId, json("primary", primary, "news@acme.example", null));
      assertEquals(200, unlinked.statusCode(), unlinked.body());
      HttpResponse<String> deleted = Mailhub.delete("api/providers/" + backupId);
      assertEquals(409, deleted.statusCode(), deleted.body());
      assertEquals("PROVIDER_IN_USE", Mailhub.json(deleted).getString("code"), deleted.body());
    } finally {
      hold.countDown();
    }
    JsonObject finished = Campaigns.awaitEnd(campaign);
    assertEquals("SENT", finished.getString("status"), finished.toString());
    assertEquals(RECIPIENTS, Campaigns.receivedOnce(backup).size(), backup.paths());
    // the backup was made first, and may be the default: that is another reason to keep it
    Mailhub.post("api/providers/" + primaryId + "/default", "");
    assertEquals(204, Mailhub.delete("api/providers/" + backupId).statusCode(), "once it is done");
  }

  @Test
  void aTestEmailThroughADownPrimaryDoesNotFailOver() throws Exception {
    primary.answer(503, "{\"error\": \"down\"}");
    long backupId = provider("backup", backup, "backup@acme.example", null);
    long primaryId = provider("primary", primary, "news@acme.example", backupId);

    HttpResponse<String> test =
        Mailhub.post(
            "api/providers/" + primaryId + "/test-email",
            "{\"to\": \"me-" + run + "@example.com\"}");

    assertEquals(502, test.statusCode(), test.body());
    assertEquals(503, Mailhub.json(test).getInt("providerStatus"), test.body());
    assertEquals(1, primary.count());
    assertEquals(0, backup.count(), "the backup was not called: " + backup.paths());
  }

  @Test
  void backupsThatWouldGoRoundInACircleAreRefused() throws Exception {
    long a = provider("a", primary, "a@acme.example", null);
    long b = provider("b", backup, "b@acme.example", a);

    HttpResponse<String> cycle =
        Mailhub.put("api/providers/" + a, json("a", primary, "a@acme.example", b));
    assertEquals(400, cycle.statusCode(), cycle.body());
    assertTrue(cycle.body().contains("backupProviderId"), cycle.body());
    assertTrue(cycle.body().contains("cycle"), cycle.body());
    HttpResponse<String> itself =
        Mailhub.put("api/providers/" + a, json("a", primary, "a@acme.example", a));
    assertEquals(400, itself.statusCode(), itself.body());
    HttpResponse<String> missing =
        Mailhub.put("api/providers/" + a, json("a", primary, "a@acme.example", 987654321L));
    assertEquals(400, missing.statusCode(), missing.body());
    assertTrue(missing.body().contains("backupProviderId"), missing.body());
    JsonObject unchanged = Mailhub.json(Mailhub.get("api/providers/" + a));
    assertTrue(
        !unchanged.containsKey("backupProviderId") || unchanged.isNull("backupProviderId"),
        "a refused change leaves no backup behind: " + unchanged);

    // a provider that backs another one up is not deleted from under it
    HttpResponse<String> deleted = Mailhub.delete("api/providers/" + a);
    assertEquals(409, deleted.statusCode(), deleted.body());
    assertTrue(deleted.body().contains("PROVIDER_IS_BACKUP"), deleted.body());
    assertEquals(
        a,
        Mailhub.json(Mailhub.get("api/providers/" + b))
            .getJsonNumber("backupProviderId")
            .longValue());
  }

  private List<String> recipients() {
    return IntStream.range(0, RECIPIENTS)
        .mapToObj(i -> "r" + i + "-" + run + "@example.com")
        .toList();
  }

  private long provider(String name, RecordingEsp esp, String from, Long backupId) {
    return Campaigns.provider(json(name, esp, from, backupId));
  }

  private String json(String name, RecordingEsp esp, String from, Long backupId) {
    return """
        {"nickname": "%s-%s", "type": "GENERIC_HTTP", "fromAddress": "%s", "backupProviderId": %s,
         "settings": {"endpoint": "%s",
           "parameters": {"to": "$$To", "subject": "$$Subject", "html": "$$HTML", "from": "$$FromName $$FromAddress"}}}"""
        .formatted(name, run, from, backupId, esp.url("/send"));
  }

  private static JsonObject stats(long provider) {
    return Mailhub.json(Mailhub.get("api/providers/" + provider + "/stats"));
  }
}
