package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A marketer imports an audience, suppresses a few addresses and sends a campaign through each kind
 * of provider: every other recipient gets exactly one personalised email carrying its own meta
 * value, the suppressed ones none, and the campaign's counts say so.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CampaignDispatchIT {

  @RegisterExtension static final GreenMailExtension SMTP = Mailhub.smtpServer();

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
  void genericHttpBatchedDeliversEveryoneOnceInBatches() throws Exception {
    Audience audience = audience(3000, 30);
    long provider =
        provider(
            """
            {"nickname": "batched %s", "type": "GENERIC_HTTP", "fromName": "Acme", "fromAddress": "news@acme.example",
             "settings": {"endpoint": "%s",
               "parameters": {"subject": "$$Subject", "from": "$$FromName <$$FromAddress>", "campaign": "$$hid",
                              "msgs": {"to": "$$To", "html": "$$HTML", "meta": "$$Meta", "name": "{{profile.name}}"}},
               "batch": {"parameter": "msgs", "instances": 250}}}"""
                .formatted(run, esp.url("/batch")));

    JsonObject campaign = sendAndWait(provider, "Spring sale", "{\"hid\": \"H-" + run + "\"}");

    assertCounts(campaign, 3000, 2970, 30);
    List<RecordingEsp.Request> calls = esp.received();
    assertTrue(calls.size() >= 12 && calls.size() <= 20, "requests: " + calls.size());
    Map<String, String> received = new HashMap<>();
    for (RecordingEsp.Request call : calls) {
      JsonObject body = (JsonObject) Mailhub.parse(call.body());
      assertEquals("H-" + run, body.getString("campaign"));
      assertEquals("Spring sale", body.getString("subject"));
      JsonArray msgs = body.getJsonArray("msgs");
      assertTrue(msgs.size() <= 250);
      for (JsonValue value : msgs) {
        JsonObject msg = value.asJsonObject();
        String to = msg.getString("to");
        assertEquals("<p>Hello " + escaped(audience.names.get(to)) + "</p>", msg.getString("html"));
        assertEquals(audience.names.get(to), msg.getString("name"));
        assertEquals(null, received.put(to, msg.getString("meta")), "received twice: " + to);
      }
    }
    assertEverybodyButTheSuppressedGotTheirOwnMeta(campaign, audience, received);
  }

  @Test
  void genericHttpUnbatchedSendsOneRequestPerRecipient() throws Exception {
    Audience audience = audience(1000, 10);
    long provider =
        provider(
            """
            {"nickname": "single %s", "type": "GENERIC_HTTP", "fromAddress": "news@acme.example",
             "settings": {"method": "POST", "endpoint": "%s",
               "parameters": {"to": "$$To", "subject": "$$Subject", "html": "$$HTML", "meta": "$$Meta",
                              "from": {"name": "$$FromName", "email": "$$FromAddress"}}}}"""
                .formatted(run, esp.url("/single")));

    JsonObject campaign = sendAndWait(provider, "Hi {{profile.name}}", "{}");

    assertCounts(campaign, 1000, 990, 10);
    Map<String, String> received = new HashMap<>();
    for (RecordingEsp.Request call : esp.received()) {
      JsonObject body = (JsonObject) Mailhub.parse(call.body());
      String to = body.getString("to");
      assertEquals("Hi " + audience.names.get(to), body.getString("subject"));
      assertEquals(null, received.put(to, body.getString("meta")), "received twice: " + to);
    }
    assertEverybodyButTheSuppressedGotTheirOwnMeta(campaign, audience, received);
  }

  @Test
  void netcoreGetsOneMailSendPerRecipientWithTheMetaAsToken() throws Exception {
    Audience audience = audience(1000, 10);
    esp.answer(202, "{\"data\": {\"message_id\": \"nc\"}, \"status\": \"success\"}");
    long provider =
        provider(
            """
            {"nickname": "netcore %s", "type": "NETCORE", "fromAddress": "news@acme.example",
             "settings": {"endpoint": "%s", "apiKey": "nc-key-123456"}}"""
                .formatted(run, esp.url("/v6/mail/send")));

    JsonObject campaign = sendAndWait(provider, "Hi {{profile.name}}", "{}");

    assertCounts(campaign, 1000, 990, 10);
    Map<String, String> received = new HashMap<>();
    for (RecordingEsp.Request call : esp.received()) {
      assertEquals("nc-key-123456", call.header("api_key"));
      JsonObject body = (JsonObject) Mailhub.parse(call.body());
      JsonObject personalization = body.getJsonArray("personalizations").getJsonObject(0);
      String to = personalization.getJsonArray("to").getJsonObject(0).getString("email");
      assertEquals(
          "<p>Hello " + escaped(audience.names.get(to)) + "</p>",
          body.getJsonArray("content").getJsonObject(0).getString("value"));
      assertEquals(
          null, received.put(to, personalization.getString("token_to")), "received twice: " + to);
    }
    assertEverybodyButTheSuppressedGotTheirOwnMeta(campaign, audience, received);
  }

  @Test
  void smtpDeliversPersonalisedMessagesWithTheMetaHeader() throws Exception {
    Audience audience = audience(1000, 5);
    long provider =
        provider(
            """
            {"nickname": "smtp %s", "type": "SMTP", "fromName": "Acme", "fromAddress": "news@acme.example",
             "replyTo": "help@acme.example",
             "settings": {"host": "127.0.0.1", "port": %d, "security": "NONE"}}"""
                .formatted(run, SMTP.getSmtp().getPort()));

    JsonObject campaign = sendAndWait(provider, "Hi {{profile.name}}", "{}");

    assertCounts(campaign, 1000, 995, 5);
    Map<String, String> received = new HashMap<>();
    for (MimeMessage message : SMTP.getReceivedMessages()) {
      String to = message.getAllRecipients()[0].toString();
      assertEquals("Hi " + audience.names.get(to), message.getSubject());
      assertTrue(Mailhub.html(message).contains("Hello " + escaped(audience.names.get(to))));
      assertEquals(
          null, received.put(to, message.getHeader("X-Mailhub-Meta")[0]), "received twice: " + to);
      assertEquals(
          "<campaign-" + campaign.getJsonNumber("id").longValue() + ".acme.example>",
          message.getHeader("List-Id", null));
      assertTrue(message.isMimeType("multipart/alternative"), message.getContentType());
      assertTrue(message.getMessageID().endsWith("@acme.example>"), message.getMessageID());
    }
    assertEverybodyButTheSuppressedGotTheirOwnMeta(campaign, audience, received);
  }

  @Test
  void transientFailuresAreRetriedAndPermanentOnesRecorded() throws Exception {
    Audience audience = audience(20, 0);
    esp.failFirst(3, 503);
    long provider =
        provider(
            """
            {"nickname": "flaky %s", "type": "GENERIC_HTTP", "fromAddress": "news@acme.example",
             "settings": {"endpoint": "%s",
               "parameters": {"to": "$$To", "subject": "$$Subject", "html": "$$HTML", "from": "$$FromName $$FromAddress"}}}"""
                .formatted(run, esp.url("/flaky")));

    JsonObject campaign = sendAndWait(provider, "Hi", "{}");

    assertCounts(campaign, 20, 20, 0);
    assertEquals(
        20,
        esp.received().stream()
            .map(r -> Mailhub.parse(r.body()).asJsonObject().getString("to"))
            .distinct()
            .count());
    assertEquals(20, esp.received().size());

    esp.answer(400, "{\"code\": \"BAD_SENDER\"}");
    JsonObject refused = sendAndWait(provider, "Hi again", "{}");
    assertEquals("FAILED", refused.getString("status"));
    assertEquals(20, refused.getJsonObject("counts").getInt("failed"));
    JsonObject send = sends(refused.getInt("id")).get(0);
    assertEquals("FAILED", send.getString("status"));
    assertTrue(send.getString("error").startsWith("400 (BAD_SENDER)"), send.toString());
  }

  @Test
  void aProviderAnsweringAnOverlongMessageIdGetsEveryoneExactlyOnce() throws Exception {
    Audience audience = audience(120, 0);
    String longId = "id-" + "x".repeat(400);
    esp.answer(200, "{\"messageId\": \"" + longId + "\"}");
    long provider =
        provider(
            """
            {"nickname": "long ids %s", "type": "GENERIC_HTTP", "fromAddress": "news@acme.example",
             "settings": {"endpoint": "%s",
               "parameters": {"to": "$$To", "subject": "$$Subject", "html": "$$HTML", "meta": "$$Meta",
                              "from": "$$FromName $$FromAddress"}}}"""
                .formatted(run, esp.url("/long")));

    JsonObject campaign = sendAndWait(provider, "Hi", "{}");

    assertCounts(campaign, 120, 120, 0);
    Thread.sleep(1000); // nothing may arrive after the campaign ended
    Map<String, String> received = new HashMap<>();
    for (RecordingEsp.Request call : esp.received()) {
      JsonObject body = (JsonObject) Mailhub.parse(call.body());
      assertEquals(
          null, received.put(body.getString("to"), body.getString("meta")), "twice: " + call);
    }
    assertEverybodyButTheSuppressedGotTheirOwnMeta(campaign, audience, received);
    JsonObject send = sends(campaign.getInt("id")).get(0);
    assertTrue(send.getString("messageId").length() <= 255, send.toString());

    assertTrue(send.getString("messageId").startsWith("sha256:"), send.toString());
  }

  @Test
  void cancellingStopsWhatIsNotSentYet() throws Exception {
    audience(1000, 0);
    esp.slow(50);
    long provider =
        provider(
            """
            {"nickname": "slow %s", "type": "GENERIC_HTTP", "fromAddress": "news@acme.example",
             "settings": {"endpoint": "%s",
               "parameters": {"to": "$$To", "subject": "$$Subject", "html": "$$HTML", "from": "$$FromName $$FromAddress"}}}"""
                .formatted(run, esp.url("/slow")));
    long id = launch(provider, "Slow", "{}");
    while (esp.count() < 50) {
      Thread.sleep(20);
    }

    HttpResponse<String> cancelled = Mailhub.post("api/campaigns/" + id + "/cancel", "");

    assertEquals(200, cancelled.statusCode(), cancelled.body());
    assertEquals("CANCELLED", Mailhub.json(cancelled).getString("status"));
    Thread.sleep(1000); // calls in flight at the moment of cancelling still finish
    JsonObject counts = Mailhub.json(Mailhub.get("api/campaigns/" + id)).getJsonObject("counts");
    assertEquals(0, counts.getInt("queued"), counts.toString());
    assertTrue(counts.getInt("cancelled") > 0, counts.toString());
    assertEquals(esp.count(), counts.getInt("sent"), counts.toString());
    assertEquals(
        counts.getInt("targeted"),
        counts.getInt("sent") + counts.getInt("cancelled"),
        counts.toString());
    // the listing counts the records and the recipients still waiting in chunks, as counts does
    assertEquals(
        counts.getInt("targeted"),
        Mailhub.json(Mailhub.get("api/campaigns/" + id + "/sends?size=1")).getInt("total"));
    assertEquals(
        counts.getInt("cancelled"),
        Mailhub.json(Mailhub.get("api/campaigns/" + id + "/sends?status=CANCELLED&size=1"))
            .getInt("total"));
    int received = esp.count();
    Thread.sleep(500);
    assertEquals(received, esp.count(), "nothing is sent after the cancellation settled");
    assertEquals(409, Mailhub.post("api/campaigns/" + id + "/launch", "").statusCode());
  }

  @Test
  void missingCampaignPlaceholdersAreNamed() {
    long provider =
        provider(
            """
            {"nickname": "needs hid %s", "type": "GENERIC_HTTP", "fromAddress": "news@acme.example",
             "settings": {"endpoint": "%s", "headers": {"X-Hid": "$$hid"},
               "parameters": {"to": "$$To", "subject": "$$Subject", "html": "$$HTML", "from": "$$FromName $$FromAddress"}}}"""
                .formatted(run, esp.url("/x")));

    HttpResponse<String> answer =
        Mailhub.post(
            "api/campaigns",
            """
            {"name": "c", "providerId": %d, "subject": "s", "html": "<p>$$coupon</p>",
             "audience": {"type": "EMAILS", "emails": ["nobody-%s@example.com"]}}"""
                .formatted(provider, run));

    assertEquals(400, answer.statusCode(), answer.body());
    String violations = Mailhub.json(answer).getJsonArray("violations").toString();
    assertTrue(violations.contains("missing values for $$hid, $$coupon"), violations);
    assertTrue(violations.contains("not profiles (import them first): nobody-" + run), violations);
  }

  private record Audience(Map<String, String> names, Set<String> suppressed) {}

  /** Imports n profiles tagged with this run, and suppresses the first few. */
  private Audience audience(int n, int suppressedCount) {
    Map<String, String> names = new HashMap<>();
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      String email = "r" + i + "-" + run + "@example.com";
      String name = "Zoë \"" + i + "\" <" + run + ">";
      names.put(email, name);
      json.append(i == 0 ? "" : ",")
          .append("{\"email\": \"")
          .append(email)
          .append("\", \"properties\": {\"name\": \"")
          .append(name.replace("\"", "\\\""))
          .append("\", \"run\": \"")
          .append(run)
          .append("\"}}");
    }
    HttpResponse<String> imported = Mailhub.post("api/profiles", json.append("]").toString());
    assertEquals(200, imported.statusCode(), imported.body());
    assertEquals(n, Mailhub.json(imported).getInt("created"));
    Set<String> suppressed =
        IntStream.range(0, suppressedCount)
            .mapToObj(i -> "r" + (i * 7) + "-" + run + "@example.com")
            .collect(Collectors.toSet());
    for (String email : suppressed) {
      assertEquals(
          201,
          Mailhub.post(
                  "api/suppressions",
                  "{\"email\": \"" + email + "\", \"reason\": \"UNSUBSCRIBED\"}")
              .statusCode());
    }
    if (!suppressed.isEmpty()) {
      // the filters combine, and the total counts what both let through
      var listed =
          Mailhub.json(
              Mailhub.get("api/suppressions?reason=UNSUBSCRIBED&email=-" + run + "@&size=3"));
      assertEquals(suppressed.size(), listed.getInt("total"), listed.toString());
      assertEquals(Math.min(3, suppressed.size()), listed.getJsonArray("items").size());
      assertTrue(
          listed.getJsonArray("items").stream()
              .allMatch(s -> suppressed.contains(s.asJsonObject().getString("email"))));
      assertEquals(
          0,
          Mailhub.json(Mailhub.get("api/suppressions?reason=HARD_BOUNCE&email=" + run))
              .getInt("total"));
    }
    return new Audience(names, suppressed);
  }

  /** Profile values are HTML-escaped where they land in HTML. */
  private static String escaped(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static long provider(String json) {
    return Campaigns.provider(json);
  }

  private JsonObject sendAndWait(long provider, String subject, String placeholders)
      throws InterruptedException {
    return Campaigns.awaitEnd(launch(provider, subject, placeholders));
  }

  private long launch(long provider, String subject, String placeholders) {
    return Campaigns.launch(
        """
        {"name": "%s", "providerId": %d, "subject": "%s", "html": "<p>Hello {{profile.name}}</p>",
         "placeholders": %s, "audience": {"type": "PROPERTY", "property": "run", "value": "%s"}}"""
            .formatted(subject, provider, subject, placeholders, run));
  }

  private static void assertCounts(JsonObject campaign, int targeted, int sent, int suppressed) {
    assertEquals("SENT", campaign.getString("status"), campaign.toString());
    JsonObject counts = campaign.getJsonObject("counts");
    assertEquals(targeted, counts.getInt("targeted"), counts.toString());
    assertEquals(sent, counts.getInt("sent"), counts.toString());
    assertEquals(suppressed, counts.getInt("suppressed"), counts.toString());
    assertEquals(0, counts.getInt("failed"), counts.toString());
    assertEquals(0, counts.getInt("queued"), counts.toString());
  }

  private void assertEverybodyButTheSuppressedGotTheirOwnMeta(
      JsonObject campaign, Audience audience, Map<String, String> received) {
    Set<String> expected = new HashSet<>(audience.names.keySet());
    expected.removeAll(audience.suppressed);
    assertEquals(expected, received.keySet());
    Map<String, JsonObject> records = new HashMap<>();
    sends(campaign.getInt("id")).forEach(r -> records.put(r.getString("email"), r));
    assertEquals(audience.names.size(), records.size());
    for (String email : audience.suppressed) {
      assertEquals("SUPPRESSED", records.get(email).getString("status"));
      assertFalse(received.containsKey(email));
    }
    var suppressedRecords =
        Mailhub.items(
            Mailhub.get("api/campaigns/" + campaign.getInt("id") + "/sends?status=SUPPRESSED"));
    assertEquals(
        audience.suppressed.size(),
        Mailhub.json(
                Mailhub.get(
                    "api/campaigns/" + campaign.getInt("id") + "/sends?status=SUPPRESSED&size=1"))
            .getInt("total"));
    assertEquals(
        audience.suppressed,
        suppressedRecords.stream()
            .map(r -> r.asJsonObject().getString("email"))
            .collect(Collectors.toSet()));
    received.forEach(
        (email, meta) -> {
          assertEquals("SENT", records.get(email).getString("status"));
          assertEquals(records.get(email).getString("meta"), meta, email);
        });
    assertEquals(
        received.size(), new HashSet<>(received.values()).size(), "meta values are unique");
  }

  private static List<JsonObject> sends(int campaign) {
    return Campaigns.sends(campaign);
  }
}
