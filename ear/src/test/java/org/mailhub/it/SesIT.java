package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A marketer sends through Amazon SES: mailhub signs each SendEmail with AWS Signature V4, which
 * the fake SES checks with the same secret as SES would; SES's events come back through SNS, signed
 * with a key and certificate made here, served from the stand-in's certificate URL (the server
 * allows it by mailhub.callback.ses.sns-url-pattern, see arquillian.xml), and end in statistics and
 * suppressions. Forged, too old and foreign messages are refused and change nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SesIT {

  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
  private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:mailhub-events";

  private static PrivateKey snsKey;
  private static String snsCertificate;

  private RecordingEsp aws;
  private final List<String> confirmations = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicInteger messageIds = new AtomicInteger();
  private final Map<String, JsonObject> sends = new TreeMap<>();
  private String run;

  @Deployment(testable = false)
  static EnterpriseArchive mailhub() {
    return Mailhub.ear();
  }

  @BeforeAll
  static void snsSigningKey() throws Exception {
    Path store = Mailhub.selfSigned("sns", "CN=sns.amazonaws.com");
    Path pem = store.resolveSibling("sns.pem");
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      keys.load(in, "sns-pass".toCharArray());
    }
    snsKey = (PrivateKey) keys.getKey("sns", "sns-pass".toCharArray());
    snsCertificate = Files.readString(pem);
  }

  @BeforeEach
  void start() throws Exception {
    aws = new RecordingEsp().replies(this::answer);
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  @Test
  void sesEventsThroughSnsBecomeStatisticsAndSuppressions() throws Exception {
    JsonObject provider = provider(SECRET, TOPIC);
    assertEquals(
        "••••", provider.getJsonObject("settings").getString("secretAccessKey"), "never shown");

    // SNS confirms the subscription of the callback URL first
    HttpResponse<String> confirmed =
        postToCallback(provider, signed(confirmation(aws.url("/sns/confirm?Token=t-1")), "2"));
    assertEquals(200, confirmed.statusCode(), confirmed.body());
    assertEquals(List.of("/sns/confirm?Token=t-1"), confirmations);

    List<String> emails = java.util.stream.IntStream.range(0, 6).mapToObj(this::email).toList();
    Campaigns.importTagged(run, emails);
    long campaign = Campaigns.launchToRun(Mailhub.BASE, provider.getInt("id"), run);
    assertEquals(0, Campaigns.sentOrInDoubt(Campaigns.awaitEnd(campaign), 6).getInt("inDoubt"));

    List<RecordingEsp.Request> sent =
        aws.received().stream().filter(r -> r.method().equals("POST")).toList();
    assertEquals(6, sent.size(), aws.paths());
    for (JsonObject send : Campaigns.sends(campaign)) {
      sends.put(send.getString("email"), send);
    }
    for (RecordingEsp.Request request : sent) {
      JsonObject body = Mailhub.parse(request.body()).asJsonObject();
      String to = body.getJsonObject("Destination").getJsonArray("ToAddresses").getString(0);
      assertEquals("mailhub", body.getString("ConfigurationSetName"));
      assertEquals(
          sends.get(to).getString("meta"),
          body.getJsonArray("EmailTags").getJsonObject(0).getString("Value"),
          "the meta travels as the mailhub_meta tag");
    }

    // one notification per SES event; a bounce may name several recipients
    post(
        provider,
        event(
            "Delivery",
            0,
            Json.createObjectBuilder().add("recipients", Json.createArrayBuilder().add(email(0)))),
        campaign);
    // mailhub sends each email to one address, so each bounce names one recipient
    post(provider, bounce("Permanent", "General", 1), campaign);
    post(provider, bounce("Permanent", "NoEmail", 2), campaign);
    post(provider, bounce("Transient", "MailboxFull", 3), campaign);
    post(
        provider,
        event(
            "Complaint",
            4,
            Json.createObjectBuilder()
                .add("complainedRecipients", Json.createArrayBuilder().add(recipient(email(4))))
                .add("complaintFeedbackType", "abuse")),
        campaign);
    post(
        provider,
        event(
            "Subscription",
            5,
            Json.createObjectBuilder()
                .add("source", "UnsubscribeHeader")
                .add(
                    "newTopicPreferences", Json.createObjectBuilder().add("unsubscribeAll", true))),
        campaign);
    post(
        provider,
        event("Open", 0, Json.createObjectBuilder().add("ipAddress", "192.0.2.1")),
        campaign);
    post(
        provider,
        event("Click", 0, Json.createObjectBuilder().add("link", "https://acme.example/sale")),
        campaign);
    JsonObject delay =
        event(
            "DeliveryDelay",
            3,
            Json.createObjectBuilder()
                .add("delayType", "TransientCommunicationFailure")
                .add("delayedRecipients", Json.createArrayBuilder().add(recipient(email(3)))));
    HttpResponse<String> deferred = postToCallback(provider, signed(notification(delay), "1"));
    assertEquals(200, deferred.statusCode(), deferred.body());
    assertEquals(0, Mailhub.json(deferred).getInt("processed"), "a delay is no outcome");

    JsonObject stats = stats(campaign);
    assertEquals(1, stats.getInt("delivered"), stats.toString());
    JsonObject failed = stats.getJsonObject("failed");
    assertEquals(2, failed.getInt("hard_bounce"), stats.toString());
    assertEquals(1, failed.getInt("soft_bounce"), stats.toString());
    assertEquals(1, failed.getInt("spam"), stats.toString());
    assertEquals(1, failed.getInt("unsubscribed"), stats.toString());
    assertEquals(1, stats.getInt("opened"), stats.toString());
    assertEquals(1, stats.getInt("clicked"), stats.toString());
    Campaigns.assertSuppressed(email(1), "HARD_BOUNCE");
    Campaigns.assertSuppressed(email(2), "HARD_BOUNCE");
    Campaigns.assertSuppressed(email(4), "SPAM_COMPLAINT");
    Campaigns.assertSuppressed(email(5), "UNSUBSCRIBED");
    assertEquals(
        404,
        Mailhub.get("api/suppressions/" + email(3)).statusCode(),
        "a transient bounce does not suppress");

    // forged, too old, of another topic, or with a certificate from elsewhere: 401, nothing changes
    JsonObject bounce = notification(bounce("Permanent", "General", 0));
    JsonObject genuine = signed(bounce, "2");
    JsonObject forged =
        Json.createObjectBuilder(genuine)
            .add("Message", genuine.getString("Message").replace(email(0), email(3)))
            .build();
    assertRefused(provider, forged, "forged");
    assertRefused(
        provider,
        signed(with(bounce, "Timestamp", Instant.now().minus(Duration.ofHours(2)).toString()), "2"),
        "too old");
    assertRefused(
        provider,
        signed(with(bounce, "TopicArn", "arn:aws:sns:eu-west-1:999999999999:theirs"), "2"),
        "not of the provider's topic");
    assertRefused(
        provider,
        signed(with(bounce, "SigningCertURL", aws.url("/elsewhere/cert.pem")), "2"),
        "not an https URL of Amazon SNS");
    assertRefused(
        provider, Json.createObjectBuilder(genuine).remove("Signature").build(), "unsigned");
    assertEquals(stats, stats(campaign), "refused messages change nothing");
    assertEquals(404, Mailhub.get("api/suppressions/" + email(0)).statusCode());

    // the genuine message is taken once; the same message again is a replay
    HttpResponse<String> first = postToCallback(provider, genuine);
    assertEquals(200, first.statusCode(), first.body());
    assertRefused(provider, genuine, "replayed");
    assertEquals(3, stats(campaign).getJsonObject("failed").getInt("hard_bounce"));
  }

  @Test
  void testEmailsShowSesOwnErrors() throws Exception {
    JsonObject provider = provider(SECRET, TOPIC);

    HttpResponse<String> unverified = testEmail(provider, "unverified@example.com");

    assertEquals(502, unverified.statusCode(), unverified.body());
    JsonObject result = Mailhub.json(unverified);
    assertFalse(result.getBoolean("sent"));
    assertEquals(400, result.getInt("providerStatus"), result.toString());
    assertEquals("MessageRejected", result.getString("errorCode"), result.toString());
    assertTrue(
        result.getString("message").contains("Email address is not verified"), result.toString());

    JsonObject wrongSecret = provider("not-" + SECRET, TOPIC);
    JsonObject signature = Mailhub.json(testEmail(wrongSecret, "ana@example.com"));
    assertEquals(403, signature.getInt("providerStatus"), signature.toString());
    assertEquals("SignatureDoesNotMatch", signature.getString("errorCode"), signature.toString());

    HttpResponse<String> accepted = testEmail(provider, "ana@example.com");
    assertEquals(200, accepted.statusCode(), accepted.body());
  }

  @Test
  void settingsAreCheckedWhenTheProviderIsSaved() {
    HttpResponse<String> refused =
        Mailhub.post(
            "api/providers",
            """
            {"nickname": "SES %s", "type": "SES", "fromAddress": "news@acme.example",
             "settings": {"region": "Ireland", "accessKeyId": "%s", "secretAccessKey": "%s",
                          "configurationSetName": "mailhub", "endpoint": "%s"}}"""
                .formatted(run, ACCESS_KEY, SECRET, aws.url("")));

    assertEquals(400, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("settings.region"), refused.body());
  }

  // ---- the fake AWS: SES API v2 and the SNS certificate and subscription URLs ----

  private RecordingEsp.Reply answer(RecordingEsp.Request request) {
    if (request.method().equals("GET") && request.path().equals("/sns/cert.pem")) {
      return new RecordingEsp.Reply(200, Map.of(), snsCertificate);
    }
    if (request.method().equals("GET") && request.path().equals("/sns/confirm")) {
      confirmations.add(request.path() + "?" + request.query());
      return new RecordingEsp.Reply(200, Map.of(), "<ConfirmSubscriptionResponse/>");
    }
    if (!request.method().equals("POST") || !request.path().equals("/v2/email/outbound-emails")) {
      return sesError(404, "NotFoundException", "Unknown operation " + request.path());
    }
    String problem = signatureProblem(request);
    if (problem != null) {
      return sesError(403, "SignatureDoesNotMatch", problem);
    }
    JsonObject body = Mailhub.parse(request.body()).asJsonObject();
    var to = body.getJsonObject("Destination").getJsonArray("ToAddresses");
    JsonObject simple = body.getJsonObject("Content").getJsonObject("Simple");
    if (to.isEmpty()
        || to.size() > 50
        || !body.containsKey("FromEmailAddress")
        || simple.getJsonObject("Subject").getString("Data").isEmpty()
        || !simple.getJsonObject("Body").containsKey("Html")) {
      return sesError(400, "BadRequestException", "Missing required field");
    }
    for (var tag : body.getJsonArray("EmailTags")) {
      if (!tag.asJsonObject().getString("Value").matches("[A-Za-z0-9_-]{1,256}")) {
        return sesError(400, "BadRequestException", "Invalid tag value");
      }
    }
    if (to.getString(0).startsWith("unverified@")) {
      return sesError(
          400,
          "MessageRejected",
          "Email address is not verified. The following identities failed the check in region"
              + " EU-WEST-1: "
              + to.getString(0));
    }
    return json(
        200,
        "{\"MessageId\": \"0102018c-" + run + "-" + messageIds.incrementAndGet() + "-000000\"}");
  }

  private static RecordingEsp.Reply json(int status, String body) {
    return new RecordingEsp.Reply(status, Map.of(), body);
  }

  private static RecordingEsp.Reply sesError(int status, String type, String message) {
    return new RecordingEsp.Reply(
        status,
        Map.of(
            "x-amzn-ErrorType",
            type + ":http://internal.amazon.com/coral/com.amazonaws.services.email/"),
        Json.createObjectBuilder().add("message", message).build().toString());
  }

  /**
   * Why the request's Signature V4 is not the one SES computes with the same secret, or null: the
   * canonical request over the signed headers as received, the body's hash, the derived key.
   */
  private static String signatureProblem(RecordingEsp.Request request) {
    String authorization = request.header("Authorization");
    String date = request.header("X-Amz-Date");
    if (authorization == null || date == null) {
      return "Missing Authentication Token";
    }
    var matcher =
        java.util.regex.Pattern.compile(
                "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([a-z0-9-]+)/ses/aws4_request,"
                    + " SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})")
            .matcher(authorization);
    if (!matcher.matches()) {
      return "Authorization header requires Credential, SignedHeaders and Signature";
    }
    if (!matcher.group(1).equals(ACCESS_KEY)) {
      return "The security token included in the request is invalid";
    }
    if (!matcher.group(3).equals("eu-west-1") || !date.startsWith(matcher.group(2))) {
      return "Credential should be scoped to a valid region and date";
    }
    if (Duration.between(
                java.time.LocalDateTime.parse(
                        date, java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                    .toInstant(java.time.ZoneOffset.UTC),
                Instant.now())
            .abs()
            .compareTo(Duration.ofMinutes(5))
        > 0) {
      return "Signature expired";
    }
    List<String> signed = List.of(matcher.group(4).split(";"));
    if (!signed.contains("host") || !signed.contains("x-amz-date")) {
      return "host and x-amz-date must be signed";
    }
    StringBuilder canonical = new StringBuilder("POST\n").append(request.path()).append("\n\n");
    for (String name : signed) {
      String value = request.header(name);
      if (value == null) {
        return "Signed header " + name + " is missing";
      }
      canonical.append(name).append(':').append(value.strip()).append('\n');
    }
    canonical
        .append('\n')
        .append(String.join(";", signed))
        .append('\n')
        .append(hex(sha256(request.body().getBytes(StandardCharsets.UTF_8))));
    String scope = matcher.group(2) + "/eu-west-1/ses/aws4_request";
    String toSign =
        "AWS4-HMAC-SHA256\n"
            + date
            + "\n"
            + scope
            + "\n"
            + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8), matcher.group(2));
    for (String part : List.of("eu-west-1", "ses", "aws4_request")) {
      key = hmac(key, part);
    }
    return hex(hmac(key, toSign)).equals(matcher.group(5))
        ? null
        : "The request signature we calculated does not match the signature you provided. Check"
            + " your AWS Secret Access Key and signing method.";
  }

  // ---- SNS messages, signed with the key made above ----

  private JsonObject event(String type, int recipient, JsonObjectBuilder details) {
    String sent = email(recipient);
    JsonObject send = sends.get(sent);
    return Json.createObjectBuilder()
        .add("eventType", type)
        .add(
            "mail",
            Json.createObjectBuilder()
                .add("timestamp", Instant.now().minusSeconds(60).toString())
                .add("source", "news@acme.example")
                .add("messageId", send.getString("messageId", "unknown"))
                .add("destination", Json.createArrayBuilder().add(sent))
                .add(
                    "tags",
                    Json.createObjectBuilder()
                        .add("ses:configuration-set", Json.createArrayBuilder().add("mailhub"))
                        .add(
                            "mailhub_meta", Json.createArrayBuilder().add(send.getString("meta")))))
        .add(
            type.equals("DeliveryDelay") ? "deliveryDelay" : type.toLowerCase(Locale.ROOT),
            details.add("timestamp", Instant.now().toString()))
        .build();
  }

  private JsonObject bounce(String type, String subType, int... recipients) {
    var bounced = Json.createArrayBuilder();
    for (int recipient : recipients) {
      bounced.add(
          recipient(email(recipient))
              .add("status", "5.1.1")
              .add("diagnosticCode", "smtp; 550 5.1.1 user unknown"));
    }
    return event(
        "Bounce",
        recipients[0],
        Json.createObjectBuilder()
            .add("bounceType", type)
            .add("bounceSubType", subType)
            .add("bouncedRecipients", bounced)
            .add("feedbackId", UUID.randomUUID().toString()));
  }

  private static JsonObjectBuilder recipient(String email) {
    return Json.createObjectBuilder().add("emailAddress", email);
  }

  private JsonObject notification(JsonObject sesEvent) {
    return Json.createObjectBuilder()
        .add("Type", "Notification")
        .add("MessageId", UUID.randomUUID().toString())
        .add("TopicArn", TOPIC)
        .add("Message", sesEvent.toString())
        .add("Timestamp", Instant.now().toString())
        .add("SigningCertURL", aws.url("/sns/cert.pem"))
        .add("UnsubscribeURL", aws.url("/sns/unsubscribe"))
        .build();
  }

  private JsonObject confirmation(String subscribeUrl) {
    return Json.createObjectBuilder()
        .add("Type", "SubscriptionConfirmation")
        .add("MessageId", UUID.randomUUID().toString())
        .add("Token", "t-1")
        .add("TopicArn", TOPIC)
        .add("Message", "You have chosen to subscribe to the topic " + TOPIC + ".")
        .add("SubscribeURL", subscribeUrl)
        .add("Timestamp", Instant.now().toString())
        .add("SigningCertURL", aws.url("/sns/cert.pem"))
        .build();
  }

  /** Signed as SNS signs: the documented fields of the type, each name and value on a line. */
  private static JsonObject signed(JsonObject message, String version) throws Exception {
    boolean notification = message.getString("Type").equals("Notification");
    List<String> fields =
        notification
            ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
            : List.of(
                "Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
    StringBuilder text = new StringBuilder();
    for (String field : fields) {
      if (message.containsKey(field)) {
        text.append(field).append('\n').append(message.getString(field)).append('\n');
      }
    }
    Signature signer = Signature.getInstance(version.equals("1") ? "SHA1withRSA" : "SHA256withRSA");
    signer.initSign(snsKey);
    signer.update(text.toString().getBytes(StandardCharsets.UTF_8));
    return Json.createObjectBuilder(message)
        .add("SignatureVersion", version)
        .add("Signature", Base64.getEncoder().encodeToString(signer.sign()))
        .build();
  }

  private static JsonObject with(JsonObject message, String name, String value) {
    return Json.createObjectBuilder(message).add(name, value).build();
  }

  private void post(JsonObject provider, JsonObject sesEvent, long campaign) throws Exception {
    HttpResponse<String> answer = postToCallback(provider, signed(notification(sesEvent), "1"));
    assertEquals(200, answer.statusCode(), answer.body());
    assertTrue(Mailhub.json(answer).getInt("processed") >= 1, answer.body());
  }

  private static HttpResponse<String> postToCallback(JsonObject provider, JsonObject message) {
    // as SNS posts: JSON as text/plain, the type in a header
    return Mailhub.send(
        HttpRequest.newBuilder(Mailhub.BASE.resolve(Campaigns.callbackPath(provider)))
            .header("Content-Type", "text/plain; charset=UTF-8")
            .header("x-amz-sns-message-type", message.getString("Type"))
            .header("x-amz-sns-topic-arn", message.getString("TopicArn"))
            .POST(HttpRequest.BodyPublishers.ofString(message.toString()))
            .build());
  }

  private static void assertRefused(JsonObject provider, JsonObject message, String why) {
    HttpResponse<String> refused = postToCallback(provider, message);
    assertEquals(401, refused.statusCode(), refused.body());
    assertEquals("UNAUTHORIZED", Mailhub.json(refused).getString("code"));
    assertTrue(Mailhub.json(refused).getString("message").contains(why), refused.body());
  }

  private JsonObject provider(String secret, String topicArn) {
    HttpResponse<String> created =
        Mailhub.post(
            "api/providers",
            """
            {"nickname": "SES %s %s", "type": "SES", "fromName": "Acme", "fromAddress": "news@acme.example",
             "settings": {"region": "eu-west-1", "accessKeyId": "%s", "secretAccessKey": "%s",
                          "configurationSetName": "mailhub", %s"endpoint": "%s"}}"""
                .formatted(
                    run,
                    UUID.randomUUID().toString().substring(0, 4),
                    ACCESS_KEY,
                    secret,
                    topicArn == null ? "" : "\"topicArn\": \"" + topicArn + "\", ",
                    aws.url("")));
    assertEquals(201, created.statusCode(), created.body());
    return Mailhub.json(created);
  }

  private static HttpResponse<String> testEmail(JsonObject provider, String to) {
    return Mailhub.post(
        "api/providers/" + provider.getInt("id") + "/test-email", "{\"to\": \"" + to + "\"}");
  }

  private static JsonObject stats(long campaign) {
    return Mailhub.json(Mailhub.get("api/campaigns/" + campaign + "/stats"));
  }

  private String email(int i) {
    return "ses-" + run + "-" + i + "@example.com";
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
