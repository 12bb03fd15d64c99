package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
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
 * The whole loop: a campaign goes out through each kind of provider, the ESPs call back in their
 * own formats, statistics and suppressions follow, and the next campaign skips the suppressed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CallbacksIT {

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
        run, java.util.stream.IntStream.range(0, 10).mapToObj(this::email).toList());
  }

  @AfterEach
  void stop() {
    esp.close();
  }

  @Test
  void callbacksInEveryFormatBecomeStatisticsAndSuppressionsThatTheNextCampaignHonours()
      throws Exception {
    // 1. Generic HTTP: everyone; the ESP reports back in the generic v2 format
    JsonObject generic = Mailhub.json(Campaigns.createProvider(genericProvider("generic")));
    long a =
        Campaigns.launch(
            campaign(
                generic.getInt("id"),
                "{\"type\": \"PROPERTY\", \"property\": \"run\", \"value\": \"" + run + "\"}"));
    assertEquals("SENT", Campaigns.awaitEnd(a).getString("status"));
    Map<String, String> meta = Campaigns.metas(a);
    String v2 =
        """
        {"version": "v2", "events": {
          "failed": [
            {"type": "hard_bounce", "email": "%s", "meta": "%s", "description": "550 user unknown"},
            {"type": "soft_bounce", "email": "%s", "meta": "%s", "description": "mailbox full"},
            {"type": "spam", "email": "%s", "meta": "%s"},
            {"type": "unsubscribed", "email": "%s", "meta": "%s"},
            {"type": "hard_bounce", "email": "stranger@example.com", "meta": "never-sent"},
            {"type": "hard_bounce", "meta": "%s"}],
          "clicked": [{"type": "clicked", "email": "%s", "meta": "%s", "description": "https://acme.example/sale"}]}}"""
            .formatted(
                email(0),
                meta.get(email(0)),
                email(1),
                meta.get(email(1)),
                email(2),
                meta.get(email(2)),
                email(3),
                meta.get(email(3)),
                meta.get(email(9)),
                email(4),
                meta.get(email(4)));

    HttpResponse<String> answer = Mailhub.post(Campaigns.callbackPath(generic), v2);

    assertEquals(200, answer.statusCode(), answer.body());
    JsonObject counts = Mailhub.json(answer);
    assertEquals(7, counts.getInt("TOTAL_EVENTS"));
    assertEquals(5, counts.getInt("PROCESSED_EVENTS"));
    assertEquals(
        "unknown meta: no email was sent with it",
        counts.getJsonArray("UNPROCESSED_EVENTS").getJsonObject(0).getString("reason"));
    assertEquals(
        "missing email",
        counts.getJsonArray("UNPROCESSED_EVENTS").getJsonObject(1).getString("reason"));

    String expected =
        "{\"sent\":10,\"delivered\":0,\"failed\":{\"hard_bounce\":1,\"soft_bounce\":1,\"dropped\":0,\"invalid\":0,"
            + "\"spam\":1,\"unsubscribed\":1},\"failedTotal\":4,\"clicked\":1,\"opened\":0,\"unsubscribed\":3,\"suppressed\":0,\"errors\":0,"
            + "\"suppressions\":{\"UNSUBSCRIBED\":1,\"SPAM_COMPLAINT\":1,\"HARD_BOUNCE\":1,\"PREFERENCE_CENTER\":0,"
            + "\"MANUAL\":0,\"DROPPED\":0,\"INVALID_ADDRESS\":0,\"BLOCKED\":0,\"DEACTIVATED\":0,\"INACTIVE\":0,"
            + "\"ADDRESS_REJECTED\":0,\"SOFT_BOUNCES\":0}}";
    assertEquals(expected, Mailhub.get("api/campaigns/" + a + "/stats").body());
    assertEquals(200, Mailhub.post(Campaigns.callbackPath(generic), v2).statusCode());
    assertEquals(
        expected,
        Mailhub.get("api/campaigns/" + a + "/stats").body(),
        "a retried webhook changes nothing");
    assertEquals(expected, Mailhub.get("api/providers/" + generic.getInt("id") + "/stats").body());

    assertSuppressed(email(0), "HARD_BOUNCE", a);
    assertSuppressed(email(2), "SPAM_COMPLAINT", a);
    assertSuppressed(email(3), "UNSUBSCRIBED", a);
    assertEquals(
        404,
        Mailhub.get("api/suppressions/" + email(1)).statusCode(),
        "a soft bounce never suppresses");
    assertEquals("HARD_BOUNCE", sendOf(a, email(0)).getString("outcome"));

    // 2. Netcore: its event array, numbers as strings, X-APIHEADER carrying the meta
    esp.answer(202, "{\"data\": {\"message_id\": \"nc\"}}");
    JsonObject netcore =
        Mailhub.json(
            Campaigns.createProvider(
                """
                {"nickname": "netcore %s", "type": "NETCORE", "fromAddress": "news@acme.example",
                 "settings": {"endpoint": "%s", "apiKey": "nc-key-0001"}}"""
                    .formatted(run, esp.url("/v6/mail/send"))));
    long b = Campaigns.launch(campaign(netcore.getInt("id"), emails(5, 6, 7)));
    Campaigns.awaitEnd(b);
    Map<String, String> ncMeta = Campaigns.metas(b);
    HttpResponse<String> netcoreAnswer =
        Mailhub.post(
            Campaigns.callbackPath(netcore),
            """
            [{"TRANSID": "155362501117028031234", "EMAIL": "%s", "EVENT": "delivered", "TIMESTAMP": "1553681625", "X-APIHEADER": "%s"},
             {"TRANSID": 155362501117028032345, "EMAIL": "%s", "EVENT": "bounced", "BOUNCE_TYPE": "HARDBOUNCE", "TIMESTAMP": 1553681626, "X-APIHEADER": "%s"},
             {"TRANSID": 155362501117028033456, "EMAIL": "%s", "EVENT": "abuse", "TIMESTAMP": 1553681627, "X-APIHEADER": "%s"}]"""
                .formatted(
                    email(5),
                    ncMeta.get(email(5)),
                    email(6),
                    ncMeta.get(email(6)),
                    email(7),
                    ncMeta.get(email(7))));
    assertEquals(200, netcoreAnswer.statusCode(), netcoreAnswer.body());
    JsonObject netcoreStats = Mailhub.json(Mailhub.get("api/campaigns/" + b + "/stats"));
    assertEquals(1, netcoreStats.getInt("delivered"));
    assertEquals(1, netcoreStats.getJsonObject("failed").getInt("hard_bounce"));
    assertEquals(1, netcoreStats.getJsonObject("failed").getInt("spam"));
    assertSuppressed(email(6), "HARD_BOUNCE", b);
    assertSuppressed(email(7), "SPAM_COMPLAINT", b);
    assertEquals(
        200,
        Mailhub.post(Campaigns.callbackPath(netcore), "[]").statusCode(),
        "Netcore's URL check");

    // 3. Postmark over SMTP: its bounce webhook, linked by Metadata.meta
    JsonObject postmark =
        Mailhub.json(
            Campaigns.createProvider(
                """
                {"nickname": "postmark %s", "type": "POSTMARK", "fromAddress": "news@acme.example",
                 "settings": {"apiKey": "pm", "host": "127.0.0.1", "port": %d, "security": "NONE"}}"""
                    .formatted(run, SMTP.getSmtp().getPort())));
    long c = Campaigns.launch(campaign(postmark.getInt("id"), emails(8)));
    Campaigns.awaitEnd(c);
    String pmMeta = SMTP.getReceivedMessages()[0].getHeader("X-PM-Metadata-meta")[0];
    HttpResponse<String> postmarkAnswer =
        Mailhub.post(
            Campaigns.callbackPath(postmark),
            """
            {"RecordType": "Bounce", "ID": 4323372036854775807, "Type": "HardBounce", "TypeCode": 1,
             "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483", "Metadata": {"meta": "%s"},
             "Email": "%s", "BouncedAt": "2019-11-05T16:33:54.9070259Z", "Description": "unknown user"}"""
                .formatted(pmMeta, email(8).toUpperCase()));
    assertEquals(200, postmarkAnswer.statusCode(), postmarkAnswer.body());
    assertSuppressed(email(8), "HARD_BOUNCE", c);

    // 4. The next campaign to everyone skips the six suppressed addresses
    long d =
        Campaigns.launch(
            campaign(
                generic.getInt("id"),
                "{\"type\": \"PROPERTY\", \"property\": \"run\", \"value\": \"" + run + "\"}"));
    JsonObject next = Campaigns.awaitEnd(d).getJsonObject("counts");
    assertEquals(6, next.getInt("suppressed"), next.toString());
    assertEquals(4, next.getInt("sent"), next.toString());
    assertEquals(
        6, Mailhub.json(Mailhub.get("api/campaigns/" + d + "/stats")).getInt("suppressed"));

    // 5. Resubscribing lifts a suppression; the export lists the others
    assertEquals(204, Mailhub.delete("api/suppressions/" + email(3)).statusCode());
    assertEquals(404, Mailhub.get("api/suppressions/" + email(3)).statusCode());
    String csv = Mailhub.get("api/suppressions.csv").body();
    assertTrue(csv.startsWith("email,reason,providerId,campaignId,createdAt\r\n"), csv);
    assertTrue(
        csv.contains(email(0) + ",HARD_BOUNCE," + generic.getInt("id") + "," + a + ","), csv);
    assertFalse(csv.contains(email(3)), csv);
    assertTrue(
        Mailhub.get("api/suppressions?email=" + run + "&reason=SPAM_COMPLAINT")
            .body()
            .contains(email(7)));
  }

  @Test
  void aProviderMadeFromTheDocumentsExampleHasItsEventsLinkedByAddress() throws Exception {
    // the Generic HTTP document's example payload as it stands: it sends no $$Meta
    HttpResponse<String> created =
        Campaigns.createProvider(
            """
            {"nickname": "document %s", "type": "GENERIC_HTTP", "fromName": "Acme",
             "fromAddress": "news@acme.example",
             "settings": {"endpoint": "%s", "parameters": {
               "to": "$$To", "subject": "$$Subject", "fromName": "$$FromName",
               "fromAddress": "$$FromAddress", "htmlContent": "$$HTML", "trackingId": "$$hid",
               "userName": "{{profile.name}}"}}}"""
                .formatted(run, esp.url("/send")));
    JsonObject provider = Mailhub.json(created);
    assertEquals(1, provider.getJsonArray("warnings").size(), provider.toString());
    assertTrue(
        provider.getJsonArray("warnings").getString(0).contains("linked by address"),
        provider.toString());
    long a =
        Campaigns.launch(
            """
            {"name": "document", "providerId": %d, "subject": "Hi", "html": "<p>Hi</p>",
             "placeholders": {"hid": "T-42"}, "audience": %s}"""
                .formatted(provider.getInt("id"), emails(0, 1, 2)));
    assertEquals("SENT", Campaigns.awaitEnd(a).getString("status"));
    assertTrue(
        esp.received().stream().allMatch(r -> r.body().contains("\"trackingId\":\"T-42\"")),
        esp.paths().toString());

    // the ESP has no meta of mailhub's to send back: it sends its own, as in the document
    HttpResponse<String> answer =
        Mailhub.post(
            Campaigns.callbackPath(provider),
            """
            {"version": "v2", "events": {
              "failed": [
                {"type": "hard_bounce", "email": "%s", "meta": "%s|1568798080|1730714617|20241104|0|wzrk_default|-17005907|", "description": "Hard bounce detected"},
                {"type": "unsubscribed", "email": "stranger-%s@example.com", "meta": "stranger|1568798080|"}],
              "clicked": [
                {"type": "clicked", "email": "%s", "meta": "esp-own-id-6", "description": "User clicked"},
                {"type": "clicked", "email": "%s", "description": "no meta at all"}]}}"""
                .formatted(email(0), email(0), run, email(1).toUpperCase(), email(2)));

    assertEquals(200, answer.statusCode(), answer.body());
    JsonObject counts = Mailhub.json(answer);
    assertEquals(4, counts.getInt("TOTAL_EVENTS"));
    assertEquals(2, counts.getInt("PROCESSED_EVENTS"), answer.body());
    assertEquals(
        "unknown meta: no email was sent with it",
        counts.getJsonArray("UNPROCESSED_EVENTS").getJsonObject(0).getString("reason"),
        "an address this provider never sent to links to nothing");
    assertEquals(
        "missing meta",
        counts.getJsonArray("UNPROCESSED_EVENTS").getJsonObject(1).getString("reason"),
        "the document makes meta required");
    JsonObject stats = Mailhub.json(Mailhub.get("api/campaigns/" + a + "/stats"));
    assertEquals(1, stats.getJsonObject("failed").getInt("hard_bounce"), stats.toString());
    assertEquals(1, stats.getInt("clicked"), stats.toString());
    assertSuppressed(email(0), "HARD_BOUNCE", a);
    assertEquals("CLICKED", sendOf(a, email(1)).getString("outcome"));
  }

  @Test
  void aProviderThatSendsTheMetaHasNoWarnings() {
    JsonObject provider = Mailhub.json(Campaigns.createProvider(genericProvider("exact")));

    assertEquals(0, provider.getJsonArray("warnings").size(), provider.toString());
  }

  @Test
  void theEndpointAnswersLikeTheEspsExpect() {
    JsonObject provider = Mailhub.json(Campaigns.createProvider(genericProvider("protocol")));

    assertEquals(404, Mailhub.post("callbacks/no-such-token", "[]").statusCode());
    assertEquals(200, head(Campaigns.callbackPath(provider)).statusCode());
    assertEquals(404, head("callbacks/no-such-token").statusCode());
    assertEquals(200, Mailhub.post(Campaigns.callbackPath(provider), "[]").statusCode());

    HttpResponse<String> v1 =
        Mailhub.post(Campaigns.callbackPath(provider), "{\"version\": \"v1\", \"events\": {}}");
    assertEquals(400, v1.statusCode());
    assertEquals(
        "version", Mailhub.json(v1).getJsonArray("violations").getJsonObject(0).getString("field"));

    StringBuilder many = new StringBuilder("{\"version\": \"v2\", \"events\": {\"failed\": [");
    for (int i = 0; i < 1001; i++) {
      many.append(i == 0 ? "" : ",")
          .append("{\"type\": \"spam\", \"email\": \"a@x.com\", \"meta\": \"m\"}");
    }
    HttpResponse<String> tooMany = Mailhub.post(Campaigns.callbackPath(provider), many + "]}}");
    assertEquals(400, tooMany.statusCode());
    assertEquals("More than allowed events received", Mailhub.json(tooMany).getString("message"));

    HttpResponse<String> huge =
        Mailhub.post(Campaigns.callbackPath(provider), "[" + " ".repeat(1_100_000) + "]");
    assertEquals(413, huge.statusCode());
    assertEquals(400, Mailhub.post(Campaigns.callbackPath(provider), "{not json").statusCode());
  }

  @Test
  void callbackCredentialsAreRequiredWhenConfigured() {
    JsonObject provider =
        Mailhub.json(
            Campaigns.createProvider(
                """
                {"nickname": "guarded %s", "type": "POSTMARK", "fromAddress": "news@acme.example",
                 "settings": {"apiKey": "pm"}, "callbackAuth": {"username": "postmark", "password": "s3cret:pw"}}"""
                    .formatted(run)));
    assertEquals("postmark", provider.getJsonObject("callbackAuth").getString("username"));
    assertFalse(provider.toString().contains("s3cret"));
    String body =
        "{\"RecordType\": \"Bounce\", \"Type\": \"SoftBounce\", \"ID\": 1, \"Email\": \""
            + email(9)
            + "\"}";

    assertEquals(401, Mailhub.post(Campaigns.callbackPath(provider), body).statusCode());
    assertEquals(401, post(Campaigns.callbackPath(provider), body, "postmark:wrong").statusCode());
    assertEquals(
        200, post(Campaigns.callbackPath(provider), body, "postmark:s3cret:pw").statusCode());
  }

  private String email(int i) {
    return "cb" + i + "-" + run + "@example.com";
  }

  private String emails(int... indexes) {
    StringBuilder list = new StringBuilder("{\"type\": \"EMAILS\", \"emails\": [");
    for (int i = 0; i < indexes.length; i++) {
      list.append(i == 0 ? "" : ",").append('"').append(email(indexes[i])).append('"');
    }
    return list.append("]}").toString();
  }

  private String genericProvider(String name) {
    return """
        {"nickname": "%s %s", "type": "GENERIC_HTTP", "fromAddress": "news@acme.example",
         "settings": {"endpoint": "%s",
           "parameters": {"to": "$$To", "subject": "$$Subject", "html": "$$HTML", "from": "$$FromName $$FromAddress", "meta": "$$Meta"}}}"""
        .formatted(name, run, esp.url("/send"));
  }

  private static String campaign(int provider, String audience) {
    return """
        {"name": "loop", "providerId": %d, "subject": "Hi", "html": "<p>Hi</p>", "audience": %s}"""
        .formatted(provider, audience);
  }

  private static JsonObject sendOf(long campaign, String email) {
    return Campaigns.sends(campaign).stream()
        .filter(s -> s.getString("email").equals(email))
        .findFirst()
        .orElseThrow();
  }

  private static void assertSuppressed(String email, String reason, long campaign) {
    JsonObject suppression = Campaigns.assertSuppressed(email, reason);
    assertEquals(campaign, suppression.getJsonNumber("campaignId").longValue(), email);
  }

  private static HttpResponse<String> head(String path) {
    return Mailhub.send(
        HttpRequest.newBuilder(Mailhub.BASE.resolve(path))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build());
  }

  private static HttpResponse<String> post(String path, String json, String credentials) {
    return Mailhub.send(
        HttpRequest.newBuilder(Mailhub.BASE.resolve(path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }
}
