package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
 * A marketer sends a campaign through SendGrid: mailhub calls v3 mail send with one personalization
 * per recipient, SendGrid reports back through its Signed Event Webhook, and statistics and
 * suppressions follow; webhooks that SendGrid did not sign, or signed too long ago, are refused and
 * change nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SendGridIT {

  private static final String API_KEY = "SG.it-key-id.it-key-secret";

  private RecordingEsp sendgrid;
  private KeyPair signing;
  private String run;

  @Deployment(testable = false)
  static EnterpriseArchive mailhub() {
    return Mailhub.ear();
  }

  @BeforeEach
  void start() throws Exception {
    sendgrid = new RecordingEsp().replies(SendGridIT::likeMailSend);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    signing = generator.generateKeyPair();
    run = UUID.randomUUID().toString().substring(0, 8);
    Campaigns.importTagged(run, IntStream.range(0, 6).mapToObj(this::email).toList());
  }

  @AfterEach
  void stop() {
    sendgrid.close();
  }

  @Test
  void campaignGoesOutInPersonalizationsAndSignedEventsBecomeStatisticsAndSuppressions()
      throws Exception {
    JsonObject provider = provider("SendGrid " + run, API_KEY, verificationKey());
    long campaign =
        Campaigns.launch(
            """
            {"name": "sendgrid %s", "providerId": %d, "subject": "Hi {{profile.run}}",
             "html": "<p>Hello</p>",
             "audience": {"type": "PROPERTY", "property": "run", "value": "%s"}}"""
                .formatted(run, provider.getInt("id"), run));
    JsonObject finished = Campaigns.awaitEnd(campaign);
    assertEquals(6, finished.getJsonObject("counts").getInt("sent"), finished.toString());

    // the HTML differs only by each recipient's unsubscribe link: the requests share it and each
    // personalization substitutes its own link, carries its meta and its List-Unsubscribe
    Map<String, String> metas = Campaigns.metas(campaign);
    List<JsonObject> personalizations = new ArrayList<>();
    for (RecordingEsp.Request call : sendgrid.received()) {
      JsonObject body = Mailhub.parse(call.body()).asJsonObject();
      String html = body.getJsonArray("content").getJsonObject(0).getString("value");
      for (JsonValue value : body.getJsonArray("personalizations")) {
        JsonObject p = value.asJsonObject();
        personalizations.add(p);
        String to = p.getJsonArray("to").getJsonObject(0).getString("email");
        assertEquals(metas.get(to), p.getJsonObject("custom_args").getString("mailhub_meta"));
        assertEquals("Hi " + run, p.getString("subject"));
        assertTrue(
            p.getJsonObject("headers").getString("List-Unsubscribe").startsWith("<http"),
            p.toString());
        String link = p.getJsonObject("substitutions").getString("-mailhub-unsubscribe-url-");
        assertTrue(html.replace("-mailhub-unsubscribe-url-", link).contains("href=\"" + link));
      }
    }
    assertEquals(6, personalizations.size(), sendgrid.paths());
    assertTrue(sendgrid.count() < 6, "recipients share requests: " + sendgrid.paths());

    String events =
        "["
            + String.join(
                ",",
                event("processed", 0, metas, ""),
                event("delivered", 0, metas, ",\"response\":\"250 OK\""),
                event("deferred", 1, metas, ",\"response\":\"400 try again later\""),
                event("bounce", 1, metas, ",\"type\":\"bounce\",\"reason\":\"550 unknown user\""),
                event("bounce", 2, metas, ",\"type\":\"blocked\",\"reason\":\"421 try later\""),
                event("spamreport", 3, metas, ""),
                event("group_unsubscribe", 4, metas, ",\"asm_group_id\":10"),
                event("open", 5, metas, ""),
                event("click", 5, metas, ",\"url\":\"https://acme.example/sale\""))
            + "]\r\n";
    HttpResponse<String> answer = postSigned(provider, events, signing.getPrivate(), now());
    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals(
        "{\"received\":9,\"processed\":7,\"unprocessed\":2}", answer.body(), "processed, deferred");

    JsonObject stats = Mailhub.json(Mailhub.get("api/campaigns/" + campaign + "/stats"));
    String expected =
        "delivered 1, failed {\"hard_bounce\":1,\"soft_bounce\":1,\"dropped\":0,\"invalid\":0,"
            + "\"spam\":1,\"unsubscribed\":1}, clicked 1, opened 1";
    assertEquals(expected, summary(stats));
    Campaigns.assertSuppressed(email(1), "HARD_BOUNCE");
    Campaigns.assertSuppressed(email(3), "SPAM_COMPLAINT");
    Campaigns.assertSuppressed(email(4), "UNSUBSCRIBED");
    assertEquals(
        404, Mailhub.get("api/suppressions/" + email(2)).statusCode(), "a block is no hard bounce");

    // SendGrid retries: the same signed events again count once
    assertEquals(200, postSigned(provider, events, signing.getPrivate(), now()).statusCode());
    assertEquals(expected, summary(campaignStats(campaign)));

    // what SendGrid did not sign, or signed long ago, is refused and changes nothing
    String drop = "[" + event("dropped", 5, metas, ",\"reason\":\"Bounced Address\"") + "]";
    HttpResponse<String> unsigned = Mailhub.post(Campaigns.callbackPath(provider), drop);
    assertEquals(401, unsigned.statusCode());
    assertEquals("UNAUTHORIZED", Mailhub.json(unsigned).getString("code"));
    assertTrue(Mailhub.json(unsigned).getString("message").contains("unsigned"), unsigned.body());

    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    HttpResponse<String> forged =
        postSigned(provider, drop, generator.generateKeyPair().getPrivate(), now());
    assertEquals(401, forged.statusCode());
    assertTrue(Mailhub.json(forged).getString("message").contains("does not match"));

    String old = String.valueOf(Instant.now().minus(Duration.ofHours(25)).getEpochSecond());
    HttpResponse<String> tooOld = postSigned(provider, drop, signing.getPrivate(), old);
    assertEquals(401, tooOld.statusCode());
    assertTrue(Mailhub.json(tooOld).getString("message").contains("too old"), tooOld.body());

    String at = now();
    HttpResponse<String> tampered =
        post(
            Campaigns.callbackPath(provider),
            drop.replace("Bounced Address", "Spam Reporting Address"),
            sign(drop, signing.getPrivate(), at),
            at);
    assertEquals(401, tampered.statusCode());

    assertEquals(
        404,
        Mailhub.get("api/suppressions/" + email(5)).statusCode(),
        "refused drops suppress not");
    assertEquals(expected, summary(campaignStats(campaign)));
  }

  @Test
  void providerWithoutVerificationKeyRefusesWebhooksAndSaysWhatToSet() throws Exception {
    JsonObject provider = provider("SendGrid unsigned " + run, API_KEY, null);

    HttpResponse<String> refused =
        postSigned(
            provider,
            "[{\"email\":\"" + email(0) + "\",\"event\":\"spamreport\"}]",
            signing.getPrivate(),
            now());

    assertEquals(401, refused.statusCode());
    assertTrue(
        Mailhub.json(refused).getString("message").contains("webhookVerificationKey"),
        refused.body());
    assertEquals(404, Mailhub.get("api/suppressions/" + email(0)).statusCode());

    HttpResponse<String> badKey =
        Mailhub.post(
            "api/providers",
            """
            {"nickname": "SendGrid bad key %s", "type": "SENDGRID", "fromAddress": "news@acme.example",
             "settings": {"apiKey": "%s", "endpoint": "%s", "webhookVerificationKey": "not-a-key"}}"""
                .formatted(run, API_KEY, sendgrid.url("/v3/mail/send")));
    assertEquals(400, badKey.statusCode(), badKey.body());
    assertTrue(badKey.body().contains("webhookVerificationKey"), badKey.body());
  }

  @Test
  void testEmailsShowSendgridsOwnErrors() throws Exception {
    JsonObject wrongKey = provider("SendGrid wrong key " + run, "SG.revoked", null);

    HttpResponse<String> answer =
        Mailhub.post(
            "api/providers/" + wrongKey.getInt("id") + "/test-email",
            "{\"to\": \"ana@example.com\"}");

    assertEquals(502, answer.statusCode(), answer.body());
    JsonObject result = Mailhub.json(answer);
    assertFalse(result.getBoolean("sent"));
    assertEquals(401, result.getInt("providerStatus"));
    assertTrue(
        result.getString("message").contains("The provided authorization grant is invalid"),
        result.toString());

    JsonObject good = provider("SendGrid good " + run, API_KEY, null);
    HttpResponse<String> badAddress =
        Mailhub.post(
            "api/providers/" + good.getInt("id") + "/test-email",
            "{\"to\": \"refuse-me@example.com\"}");
    JsonObject refused = Mailhub.json(badAddress);
    assertEquals(400, refused.getInt("providerStatus"), refused.toString());
    assertEquals("personalizations.0.to.0.email", refused.getString("errorCode"));
    assertTrue(refused.getString("message").contains("Does not contain a valid address."));
  }

  /**
   * SendGrid's mail send as documented: Bearer key, up to 1000 personalizations each with a
   * recipient, a sender and content; 202 with X-Message-Id, or {"errors": [...]}.
   */
  private static RecordingEsp.Reply likeMailSend(RecordingEsp.Request request) {
    if (!request.path().equals("/v3/mail/send") || !request.method().equals("POST")) {
      return new RecordingEsp.Reply(404, Map.of(), errors(null, "Not found"));
    }
    if (!("Bearer " + API_KEY).equals(request.header("Authorization"))) {
      return new RecordingEsp.Reply(
          401,
          Map.of(),
          errors(null, "The provided authorization grant is invalid, expired, or revoked"));
    }
    JsonObject body = Mailhub.parse(request.body()).asJsonObject();
    JsonArray personalizations = body.getJsonArray("personalizations");
    if (personalizations == null || personalizations.isEmpty() || personalizations.size() > 1000) {
      return new RecordingEsp.Reply(
          400,
          Map.of(),
          errors("personalizations", "The personalizations field is required (1 to 1000)."));
    }
    for (int i = 0; i < personalizations.size(); i++) {
      JsonObject p = personalizations.getJsonObject(i);
      String to = p.getJsonArray("to").getJsonObject(0).getString("email");
      if (to.startsWith("refuse-me")) {
        return new RecordingEsp.Reply(
            400,
            Map.of(),
            errors("personalizations." + i + ".to.0.email", "Does not contain a valid address."));
      }
      if (!p.containsKey("subject") && !body.containsKey("subject")) {
        return new RecordingEsp.Reply(400, Map.of(), errors("subject", "The subject is required."));
      }
    }
    if (!body.getJsonObject("from").containsKey("email")
        || body.getJsonArray("content").isEmpty()) {
      return new RecordingEsp.Reply(400, Map.of(), errors("from.email", "required"));
    }
    return new RecordingEsp.Reply(
        202, Map.of("X-Message-Id", UUID.randomUUID().toString().substring(0, 22)), "");
  }

  private static String errors(String field, String message) {
    return "{\"errors\":[{\"message\":\""
        + message
        + "\",\"field\":"
        + (field == null ? "null" : "\"" + field + "\"")
        + ",\"help\":null}]}";
  }

  private JsonObject provider(String nickname, String apiKey, String verificationKey) {
    return Mailhub.json(
        Campaigns.createProvider(
            """
            {"nickname": "%s", "type": "SENDGRID", "fromName": "Acme", "fromAddress": "news@acme.example",
             "preferenceCenter": {"mode": "SYSTEM"},
             "settings": {"apiKey": "%s", "endpoint": "%s"%s}}"""
                .formatted(
                    nickname,
                    apiKey,
                    sendgrid.url("/v3/mail/send"),
                    verificationKey == null
                        ? ""
                        : ", \"webhookVerificationKey\": \"" + verificationKey + "\"")));
  }

  private String verificationKey() {
    return Base64.getEncoder().encodeToString(signing.getPublic().getEncoded());
  }

  private String event(String name, int recipient, Map<String, String> metas, String more) {
    return "{\"email\":\"%s\",\"timestamp\":%d,\"event\":\"%s\",\"sg_event_id\":\"%s\",\"sg_message_id\":\"x.filter0001\",\"mailhub_meta\":\"%s\"%s}"
        .formatted(
            email(recipient),
            Instant.now().getEpochSecond(),
            name,
            UUID.randomUUID(),
            metas.get(email(recipient)),
            more);
  }

  private static String now() {
    return String.valueOf(Instant.now().getEpochSecond());
  }

  /** Posts the body as SendGrid does: signed over the timestamp and the body's bytes. */
  private static HttpResponse<String> postSigned(
      JsonObject provider, String body, PrivateKey key, String timestamp) throws Exception {
    return post(Campaigns.callbackPath(provider), body, sign(body, key, timestamp), timestamp);
  }

  private static String sign(String body, PrivateKey key, String timestamp) throws Exception {
    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
    ecdsa.initSign(key);
    ecdsa.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(ecdsa.sign());
  }

  private static HttpResponse<String> post(
      String path, String body, String signature, String timestamp) {
    return Mailhub.send(
        HttpRequest.newBuilder(Mailhub.BASE.resolve(path))
            .header("Content-Type", "application/json")
            .header("X-Twilio-Email-Event-Webhook-Signature", signature)
            .header("X-Twilio-Email-Event-Webhook-Timestamp", timestamp)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static JsonObject campaignStats(long campaign) {
    return Mailhub.json(Mailhub.get("api/campaigns/" + campaign + "/stats"));
  }

  private static String summary(JsonObject stats) {
    return "delivered "
        + stats.getInt("delivered")
        + ", failed "
        + stats.getJsonObject("failed")
        + ", clicked "
        + stats.getInt("clicked")
        + ", opened "
        + stats.getInt("opened");
  }

  private String email(int i) {
    return "sg" + i + "-" + run + "@example.com";
  }
}
