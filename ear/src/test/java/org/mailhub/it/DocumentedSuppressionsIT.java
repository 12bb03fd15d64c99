package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
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
 * The provider documents' promise, "no further deliveries to that mailbox are attempted", kept for
 * every report that says an address is gone, and for nothing else: Netcore's events in both of its
 * formats, Postmark's bounce types with and without RecordType, runs of soft bounces, and an SMTP
 * server that refuses an unknown user while mailhub sends.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DocumentedSuppressionsIT {

  @RegisterExtension static final GreenMailExtension SMTP = Mailhub.smtpServer("pm");

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
    Campaigns.importTagged(
        run,
        Stream.concat(IntStream.range(0, 12).mapToObj(this::email), Stream.of(nobody())).toList());
  }

  @AfterEach
  void stop() {
    esp.close();
  }

  @Test
  void netcoreBouncesDropsAndInvalidAddressesSuppressInEitherFormatSoftBouncesDoNot()
      throws Exception {
    esp.answer(202, "{\"data\": {\"message_id\": \"nc\"}}");
    JsonObject netcore =
        Mailhub.json(
            Campaigns.createProvider(
                """
                {"nickname": "netcore %s", "type": "NETCORE", "fromAddress": "news@acme.example",
                 "settings": {"endpoint": "%s", "apiKey": "nc-key-0001"}}"""
                    .formatted(run, esp.url("/v6/mail/send"))));
    long campaign = Campaigns.launch(campaign(netcore.getInt("id"), emails(0, 1, 2, 3)));
    Campaigns.awaitEnd(campaign);
    Map<String, String> meta = Campaigns.metas(campaign);

    HttpResponse<String> answer =
        Mailhub.post(
            Campaigns.callbackPath(netcore),
            """
            [{"transid": 1001, "email": "%s", "event": "bounced", "response": "550 5.1.1 user unknown", "timestamp": 1553681625, "x-apiheader": "%s"},
             {"sg_message_id": "1002", "email": "%s", "event": "dropped", "reason": "Email dropped: User present in global blacklisting", "timestamp": 1553681626},
             {"TRANSID": 1003, "EMAIL": "%s", "EVENT": "invalid", "RESPONSE": "Invalid email id", "TIMESTAMP": 1553681627, "X-APIHEADER": "%s"},
             {"transid": 1004, "email": "%s", "event": "bounced", "bounce_type": "SOFTBOUNCE", "response": "452 mailbox full", "timestamp": 1553681628, "x-apiheader": "%s"}]"""
                .formatted(
                    email(0),
                    meta.get(email(0)),
                    email(1),
                    email(2),
                    meta.get(email(2)),
                    email(3),
                    meta.get(email(3))));

    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals(4, Mailhub.json(answer).getInt("processed"), answer.body());
    assertSuppressed(email(0), "HARD_BOUNCE", campaign);
    assertSuppressed(email(1), "DROPPED", campaign);
    assertSuppressed(email(2), "INVALID_ADDRESS", campaign);
    assertNotSuppressed(email(3), "one soft bounce");
    JsonObject stats = Mailhub.json(Mailhub.get("api/campaigns/" + campaign + "/stats"));
    assertEquals(1, stats.getJsonObject("failed").getInt("hard_bounce"), stats.toString());
    assertEquals(1, stats.getJsonObject("failed").getInt("soft_bounce"), stats.toString());
    JsonObject byReason = stats.getJsonObject("suppressions");
    assertEquals(1, byReason.getInt("HARD_BOUNCE"), stats.toString());
    assertEquals(1, byReason.getInt("DROPPED"), stats.toString());
    assertEquals(1, byReason.getInt("INVALID_ADDRESS"), stats.toString());
    assertEquals(0, byReason.getInt("SOFT_BOUNCES"), stats.toString());
    assertEquals(3, stats.getInt("unsubscribed"), stats.toString());
  }

  @Test
  void postmarkSuppressesWhatItDeactivatesWithOrWithoutRecordTypeAndSoftBouncesAddUp()
      throws Exception {
    JsonObject postmark =
        Mailhub.json(
            Campaigns.createProvider(
                """
                {"nickname": "postmark %s", "type": "POSTMARK", "fromAddress": "news@acme.example",
                 "settings": {"apiKey": "pm", "host": "127.0.0.1", "port": %d, "security": "NONE"}}"""
                    .formatted(run, SMTP.getSmtp().getPort())));
    long campaign = Campaigns.launch(campaign(postmark.getInt("id"), emails(4, 5, 6, 7, 8, 9, 10)));
    Campaigns.awaitEnd(campaign);

    bounce(
        postmark, "{\"ID\": 1, \"Type\": \"Blocked\", \"TypeCode\": 100006, \"Email\": \"%s\"}", 4);
    bounce(
        postmark,
        "{\"RecordType\": \"Bounce\", \"ID\": 2, \"Type\": \"ManuallyDeactivated\", \"Inactive\": true, \"Email\": \"%s\"}",
        5);
    bounce(postmark, "{\"ID\": 3, \"TypeCode\": 100000, \"Email\": \"%s\"}", 6);
    bounce(
        postmark,
        "{\"RecordType\": \"Bounce\", \"ID\": 4, \"Type\": \"SoftBounce\", \"Inactive\": true, \"Email\": \"%s\"}",
        7);
    bounce(
        postmark,
        "{\"RecordType\": \"Bounce\", \"ID\": 5, \"Type\": \"DMARCPolicy\", \"Inactive\": false, \"Email\": \"%s\"}",
        8);

    assertSuppressed(email(4), "BLOCKED", campaign);
    assertSuppressed(email(5), "DEACTIVATED", campaign);
    assertSuppressed(email(6), "INVALID_ADDRESS", campaign);
    assertSuppressed(email(7), "INACTIVE", campaign);
    assertNotSuppressed(email(8), "the sender's DMARC policy says nothing of the address");

    // three soft bounces in a row suppress; a delivery in between starts the count again
    softBounce(postmark, 10, 9, "2024-01-01T00:00:00Z");
    softBounce(postmark, 11, 9, "2024-01-02T00:00:00Z");
    assertNotSuppressed(email(9), "two soft bounces");
    softBounce(postmark, 12, 9, "2024-01-03T00:00:00Z");
    assertSuppressed(email(9), "SOFT_BOUNCES", campaign);

    softBounce(postmark, 20, 10, "2024-01-01T00:00:00Z");
    softBounce(postmark, 21, 10, "2024-01-02T00:00:00Z");
    bounce(
        postmark,
        "{\"RecordType\": \"Delivery\", \"MessageID\": \"d-1\", \"Recipient\": \"%s\","
            + " \"DeliveredAt\": \"2024-01-03T00:00:00Z\"}",
        10);
    softBounce(postmark, 22, 10, "2024-01-04T00:00:00Z");
    assertNotSuppressed(email(10), "a delivery ended the run of soft bounces");

    JsonObject byReason =
        Mailhub.json(Mailhub.get("api/campaigns/" + campaign + "/stats"))
            .getJsonObject("suppressions");
    for (String reason :
        List.of("BLOCKED", "DEACTIVATED", "INVALID_ADDRESS", "INACTIVE", "SOFT_BOUNCES")) {
      assertEquals(1, byReason.getInt(reason), reason + " in " + byReason);
    }
    assertEquals(0, byReason.getInt("HARD_BOUNCE"), byReason.toString());
  }

  @Test
  void anSmtpServerRefusingAnUnknownUserSuppressesItAndTheNextCampaignSkipsIt() throws Exception {
    try (RefusingSmtpServer server =
        new RefusingSmtpServer("nobody-", "550 5.1.1 <nobody> User unknown")) {
      JsonObject smtp =
          Mailhub.json(
              Campaigns.createProvider(
                  """
                  {"nickname": "refusing %s", "type": "SMTP", "fromAddress": "news@acme.example",
                   "settings": {"host": "127.0.0.1", "port": %d, "security": "NONE"}}"""
                      .formatted(run, server.port())));
      String audience =
          "{\"type\": \"EMAILS\", \"emails\": [\"" + email(11) + "\", \"" + nobody() + "\"]}";
      long first = Campaigns.launch(campaign(smtp.getInt("id"), audience));
      Campaigns.awaitEnd(first);

      JsonObject refused = sendOf(first, nobody());
      assertEquals("FAILED", refused.getString("status"), refused.toString());
      assertTrue(refused.getString("error").contains("5.1.1"), refused.toString());
      assertEquals("SENT", sendOf(first, email(11)).getString("status"));
      assertSuppressed(nobody(), "ADDRESS_REJECTED", first);
      JsonObject stats = Mailhub.json(Mailhub.get("api/campaigns/" + first + "/stats"));
      assertEquals(1, stats.getInt("errors"), stats.toString());
      assertEquals(1, stats.getJsonObject("suppressions").getInt("ADDRESS_REJECTED"));

      long second = Campaigns.launch(campaign(smtp.getInt("id"), audience));
      JsonObject counts = Campaigns.awaitEnd(second).getJsonObject("counts");
      assertEquals(1, counts.getInt("suppressed"), counts.toString());
      assertEquals("SUPPRESSED", sendOf(second, nobody()).getString("status"));
      assertEquals(
          1,
          server.recipients().stream().filter(nobody()::equals).count(),
          "the server was asked for the unknown user once: " + server.recipients());
      assertEquals(List.of(email(11), email(11)), server.accepted());
    }
  }

  private void bounce(JsonObject provider, String record, int recipient) {
    HttpResponse<String> answer =
        Mailhub.post(Campaigns.callbackPath(provider), record.formatted(email(recipient)));
    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals(1, Mailhub.json(answer).getInt("processed"), record + ": " + answer.body());
  }

  private void softBounce(JsonObject provider, int id, int recipient, String at) {
    bounce(
        provider,
        "{\"RecordType\": \"Bounce\", \"ID\": "
            + id
            + ", \"Type\": \"SoftBounce\", \"TypeCode\": 4096, \"Inactive\": false,"
            + " \"Email\": \"%s\", \"BouncedAt\": \""
            + at
            + "\", \"Description\": \"mailbox full\"}",
        recipient);
  }

  private String email(int i) {
    return "ds" + i + "-" + run + "@example.com";
  }

  private String nobody() {
    return "nobody-" + run + "@example.com";
  }

  private String emails(int... indexes) {
    StringBuilder list = new StringBuilder("{\"type\": \"EMAILS\", \"emails\": [");
    for (int i = 0; i < indexes.length; i++) {
      list.append(i == 0 ? "" : ",").append('"').append(email(indexes[i])).append('"');
    }
    return list.append("]}").toString();
  }

  private static String campaign(int provider, String audience) {
    return """
        {"name": "documented", "providerId": %d, "subject": "Hi", "html": "<p>Hi</p>", "audience": %s}"""
        .formatted(provider, audience);
  }

  private static JsonObject sendOf(long campaign, String email) {
    return Campaigns.sends(campaign).stream()
        .filter(s -> s.getString("email").equals(email))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no send to " + email));
  }

  private static void assertSuppressed(String email, String reason, long campaign) {
    JsonObject suppression = Campaigns.assertSuppressed(email, reason);
    assertEquals(campaign, suppression.getJsonNumber("campaignId").longValue(), email);
  }

  private static void assertNotSuppressed(String email, String why) {
    HttpResponse<String> found = Mailhub.get("api/suppressions/" + email);
    assertEquals(404, found.statusCode(), why + ": " + found.body());
  }
}
