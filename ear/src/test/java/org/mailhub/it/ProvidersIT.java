package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A marketer connects each kind of provider and checks it with a real test email. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProvidersIT {

  @RegisterExtension static final GreenMailExtension SMTP = Mailhub.smtpServer("pm-token-123");

  private RecordingEsp esp;

  @Deployment(testable = false)
  static EnterpriseArchive mailhub() {
    return Mailhub.ear();
  }

  @BeforeEach
  void startEsp() throws Exception {
    esp = new RecordingEsp();
  }

  @AfterEach
  void stopEsp() {
    esp.close();
  }

  @Test
  void netcoreTestEmailIsTheV6MailSendCallWithTheApiKey() throws Exception {
    JsonObject provider = create(netcore(unique("Netcore"), "Key-Case-Sensitive-9f3a"));
    esp.answer(
        202, "{\"data\":{\"message_id\":\"nc-msg-1\"},\"message\":\"OK\",\"status\":\"success\"}");

    HttpResponse<String> answer = testEmail(provider, "ana@example.com");

    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals("nc-msg-1", Mailhub.json(answer).getString("messageId"));
    RecordingEsp.Request call = esp.next();
    assertEquals("POST", call.method());
    assertEquals("/v6/mail/send", call.path());
    assertEquals("Key-Case-Sensitive-9f3a", call.header("api_key"));
    JsonObject body = (JsonObject) Mailhub.parse(call.body());
    JsonObject personalization = body.getJsonArray("personalizations").getJsonObject(0);
    String meta = personalization.getString("token_to");
    assertTrue(meta.startsWith("test-"), meta);
    JsonObject expected =
        Json.createObjectBuilder()
            .add(
                "from",
                Json.createObjectBuilder()
                    .add("email", "news@acme.example")
                    .add("name", "Acme News"))
            .add("subject", "mailhub test email from " + provider.getString("nickname"))
            .add(
                "content",
                Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("type", "html").add("value", html(body))))
            .add(
                "personalizations",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add(
                                "to",
                                Json.createArrayBuilder()
                                    .add(
                                        Json.createObjectBuilder().add("email", "ana@example.com")))
                            .add("token_to", meta)))
            .add("reply_to", "support@acme.example")
            .build();
    assertEquals(expected, body);
    assertTrue(html(body).contains(provider.getString("nickname")));
  }

  @Test
  void aWrongKeyShowsTheProvidersOwnError() throws Exception {
    JsonObject provider = create(netcore(unique("Netcore wrong key"), "key-with-wrong-case"));
    esp.answer(
        401,
        "{\"error\":[{\"message\":\"Invalid api_key\",\"code\":\"1001\"}],\"status\":\"error\"}");

    HttpResponse<String> answer = testEmail(provider, "ana@example.com");

    assertEquals(502, answer.statusCode(), answer.body());
    JsonObject result = Mailhub.json(answer);
    assertFalse(result.getBoolean("sent"));
    assertEquals(401, result.getInt("providerStatus"));
    assertEquals("1001", result.getString("errorCode"));
    assertTrue(result.getString("message").contains("Invalid api_key"), result.toString());
  }

  @Test
  void anUnreachableProviderIsReportedNotHidden() {
    JsonObject provider = create(netcore(unique("Netcore down"), "some-key-1234567"));
    esp.close();

    HttpResponse<String> answer = testEmail(provider, "ana@example.com");

    assertEquals(502, answer.statusCode(), answer.body());
    assertEquals("CONNECTION_FAILED", Mailhub.json(answer).getString("errorCode"));
  }

  @Test
  void genericHttpRendersTheTemplateWithBasicAuthHeadersAndBatch() throws Exception {
    String nickname = unique("Relay");
    JsonObject provider =
        create(
            """
            {"nickname": "%s", "type": "GENERIC_HTTP", "fromName": "Acme \\"Deals\\"",
             "fromAddress": "news@acme.example",
             "settings": {"method": "POST", "endpoint": "%s",
               "auth": {"type": "BASIC", "username": "mailhub", "password": "pässword:1"},
               "headers": {"X-Campaign": "$$hid", "X-Api-Version": "2"},
               "parameters": {"subject": "$$Subject", "from": {"name": "$$FromName", "email": "$$FromAddress"},
                              "msgs": {"to": "$$To", "html": "$$HTML", "meta": "$$Meta",
                                       "name": "{{profile.name | \\"friend\\"}}"}},
               "batch": {"parameter": "msgs", "instances": 100}}}"""
                .formatted(nickname, esp.url("/send?account=7")));
    assertEquals(
        "••••", provider.getJsonObject("settings").getJsonObject("auth").getString("password"));

    HttpResponse<String> answer =
        Mailhub.post(
            "api/providers/" + provider.getInt("id") + "/test-email",
            "{\"to\": \"zoë@example.com\", \"placeholders\": {\"hid\": \"PROMO-7\"}}");

    assertEquals(200, answer.statusCode(), answer.body());
    RecordingEsp.Request call = esp.next();
    assertEquals("POST", call.method());
    assertEquals("/send", call.path());
    assertEquals("account=7", call.query());
    assertEquals(
        "Basic "
            + Base64.getEncoder()
                .encodeToString("mailhub:pässword:1".getBytes(StandardCharsets.UTF_8)),
        call.header("Authorization"));
    assertEquals("PROMO-7", call.header("X-Campaign"));
    assertEquals("2", call.header("X-Api-Version"));
    assertEquals("application/json", call.header("Content-Type"));
    JsonObject body = (JsonObject) Mailhub.parse(call.body());
    JsonObject record = body.getJsonArray("msgs").getJsonObject(0);
    JsonObject expected =
        Json.createObjectBuilder()
            .add("subject", "mailhub test email from " + nickname)
            .add(
                "from",
                Json.createObjectBuilder()
                    .add("name", "Acme \"Deals\"")
                    .add("email", "news@acme.example"))
            .add(
                "msgs",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("to", "zoë@example.com")
                            .add("html", record.getString("html"))
                            .add("meta", record.getString("meta"))
                            .add("name", "friend")))
            .build();
    assertEquals(expected, body);
    assertTrue(record.getString("meta").startsWith("test-"));
  }

  @Test
  void genericHttpGetSendsTheParametersAsAQueryString() throws Exception {
    JsonObject provider =
        create(
            """
            {"nickname": "%s", "type": "GENERIC_HTTP", "fromAddress": "news@acme.example", "fromName": "A&B",
             "settings": {"method": "GET", "endpoint": "%s",
               "parameters": {"to": "$$To", "subject": "$$Subject", "html": "$$HTML",
                              "from": "$$FromName <$$FromAddress>"}}}"""
                .formatted(unique("GET relay"), esp.url("/get")));

    assertEquals(200, testEmail(provider, "ana@example.com").statusCode());

    RecordingEsp.Request call = esp.next();
    assertEquals("GET", call.method());
    assertTrue(
        call.query().startsWith("to=ana%40example.com&subject=mailhub+test+email"), call.query());
    assertTrue(call.query().endsWith("&from=A%26B+%3Cnews%40acme.example%3E"), call.query());
  }

  @Test
  void postmarkTestEmailArrivesOverSmtpWithTheMetadataHeader() throws Exception {
    JsonObject provider =
        create(
            """
            {"nickname": "%s", "type": "POSTMARK", "fromName": "Acmé News", "fromAddress": "news@acme.example",
             "replyTo": "support@acme.example",
             "settings": {"apiKey": "pm-token-123", "host": "127.0.0.1", "port": %d, "security": "NONE"}}"""
                .formatted(unique("Postmark"), SMTP.getSmtp().getPort()));

    HttpResponse<String> answer = testEmail(provider, "ana@example.com");

    assertEquals(200, answer.statusCode(), answer.body());
    assertTrue(SMTP.waitForIncomingEmail(10_000, 1));
    MimeMessage message = SMTP.getReceivedMessages()[0];
    assertEquals("mailhub test email from " + provider.getString("nickname"), message.getSubject());
    assertEquals(
        new InternetAddress("news@acme.example", "Acmé News", "UTF-8"), message.getFrom()[0]);
    assertEquals("support@acme.example", ((InternetAddress) message.getReplyTo()[0]).getAddress());
    assertTrue(Mailhub.html(message).contains(provider.getString("nickname")));
    assertTrue(message.getHeader("X-PM-Metadata-meta")[0].startsWith("test-"));
    // a test email is one message to one person: Postmark's transactional stream
    assertEquals("outbound", message.getHeader("X-PM-Message-Stream", null));
    assertEquals(Mailhub.json(answer).getString("messageId"), message.getMessageID());
  }

  @Test
  void postmarkCampaignsGoToABroadcastStreamAndTheTokenNeverTravelsWithoutTls() throws Exception {
    String plainSmtp =
        """
        {"nickname": "%s", "type": "POSTMARK", "fromAddress": "news@acme.example",
         "settings": {"apiKey": "pm-token-123", "security": "NONE"}}"""
            .formatted(unique("Postmark plain"));
    HttpResponse<String> plain = Mailhub.post("api/providers", plainSmtp);

    assertEquals(400, plain.statusCode(), plain.body());
    assertTrue(plain.body().contains("settings.security"), plain.body());
    assertTrue(plain.body().contains("must be STARTTLS or TLS"), plain.body());

    JsonObject defaults =
        create(
            """
            {"nickname": "%s", "type": "POSTMARK", "fromAddress": "news@acme.example",
             "settings": {"apiKey": "pm-token-123"}}"""
                .formatted(unique("Postmark defaults")));

    JsonObject settings = defaults.getJsonObject("settings");
    assertEquals("smtp-broadcasts.postmarkapp.com", settings.getString("host"));
    assertEquals("broadcast", settings.getString("messageStream"));
    assertEquals("STARTTLS", settings.getString("security"));

    // through a relay on the own network (the tests allow private networks), plain SMTP is fine
    String run = UUID.randomUUID().toString();
    long relay =
        Campaigns.provider(
            """
            {"nickname": "%s", "type": "POSTMARK", "fromAddress": "news@acme.example",
             "settings": {"apiKey": "pm-token-123", "host": "127.0.0.1", "port": %d,
                          "security": "NONE", "messageStream": "newsletter"}}"""
                .formatted(unique("Postmark relay"), SMTP.getSmtp().getPort()));
    Campaigns.importTagged(run, List.of("pm-" + run + "@example.com"));
    long campaign =
        Campaigns.launch(
            """
            {"name": "Postmark %s", "providerId": %d, "subject": "News", "html": "<p>News</p>",
             "audience": {"type": "PROPERTY", "property": "run", "value": "%s"}}"""
                .formatted(run, relay, run));
    assertEquals("SENT", Campaigns.awaitEnd(campaign).getString("status"));
    MimeMessage message = SMTP.getReceivedMessages()[0];
    assertEquals("newsletter", message.getHeader("X-PM-Message-Stream", null));
    assertEquals("<campaign-" + campaign + ".acme.example>", message.getHeader("List-Id", null));
  }

  @Test
  void aWrongPostmarkTokenShowsTheSmtpServersReply() {
    JsonObject provider =
        create(
            """
            {"nickname": "%s", "type": "POSTMARK", "fromAddress": "news@acme.example",
             "settings": {"apiKey": "PM-TOKEN-123", "host": "127.0.0.1", "port": %d, "security": "NONE"}}"""
                .formatted(unique("Postmark wrong case"), SMTP.getSmtp().getPort()));

    HttpResponse<String> answer = testEmail(provider, "ana@example.com");

    assertEquals(502, answer.statusCode(), answer.body());
    JsonObject result = Mailhub.json(answer);
    assertEquals(535, result.getInt("providerStatus"), result.toString());
    assertTrue(result.getString("message").contains("535"), result.toString());
    assertEquals(0, SMTP.getReceivedMessages().length);
  }

  @Test
  void smtpTestEmailArrivesWithTheMetaHeader() throws Exception {
    JsonObject provider = smtpProvider("127.0.0.1", SMTP.getSmtp().getPort(), "NONE");

    HttpResponse<String> answer = testEmail(provider, "bob@example.com");

    assertEquals(200, answer.statusCode(), answer.body());
    assertTrue(SMTP.waitForIncomingEmail(10_000, 1));
    MimeMessage message = SMTP.getReceivedMessages()[0];
    assertEquals("bob@example.com", ((InternetAddress) message.getAllRecipients()[0]).getAddress());
    assertNotNull(message.getHeader("X-Mailhub-Meta"));
    // what inboxes look for: a text alternative, the list, and an id at the sender's domain
    assertTrue(message.isMimeType("multipart/alternative"), message.getContentType());
    Multipart parts = (Multipart) message.getContent();
    assertTrue(
        parts.getBodyPart(0).isMimeType("text/plain"), parts.getBodyPart(0).getContentType());
    assertTrue(
        ((String) parts.getBodyPart(0).getContent())
            .contains("If you can read it, the provider's settings work."),
        String.valueOf(parts.getBodyPart(0).getContent()));
    assertTrue(Mailhub.html(message).startsWith("<!DOCTYPE html>"), Mailhub.html(message));
    assertEquals(
        "<provider-" + provider.getJsonNumber("id").longValue() + "-test.acme.example>",
        message.getHeader("List-Id", null));
    assertTrue(
        message.getMessageID().matches("<mailhub\\.[0-9a-f]{40}@acme\\.example>"),
        message.getMessageID());
    assertEquals(Mailhub.json(answer).getString("messageId"), message.getMessageID());
  }

  @Test
  void anSmtpProviderWithADkimKeySignsItsMailSoThatThePublishedKeyVerifiesIt() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    String key =
        "-----BEGIN PRIVATE KEY-----\\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPrivate().getEncoded())
                .replace("\n", "\\n")
            + "\\n-----END PRIVATE KEY-----\\n";
    String nickname = unique("Signed SMTP");
    String request =
        """
        {"nickname": "%s", "type": "SMTP", "fromAddress": "news@mail.acme.example",
         "preferenceCenter": {"mode": "SYSTEM"},
         "settings": {"host": "127.0.0.1", "port": %d, "security": "NONE",
                      "dkim": {"domain": "%s", "selector": "mh2026", "privateKey": "%s"}}}""";
    int port = SMTP.getSmtp().getPort();

    HttpResponse<String> refused =
        Mailhub.post(
            "api/providers",
            request.formatted(nickname, port, "other.example", "-----BEGIN PRIVATE KEY-----"));
    assertEquals(400, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("\"field\":\"settings.dkim.domain\""), refused.body());
    assertTrue(refused.body().contains("(mail.acme.example)"), refused.body());
    assertTrue(refused.body().contains("\"field\":\"settings.dkim.privateKey\""), refused.body());
    HttpResponse<String> blank =
        Mailhub.post("api/providers", request.formatted(nickname, port, " ", key));
    assertEquals(400, blank.statusCode(), blank.body());
    assertTrue(blank.body().contains("\"field\":\"settings.dkim.domain\""), blank.body());

    JsonObject provider = create(request.formatted(nickname, port, "acme.example", key));
    JsonObject dkim = provider.getJsonObject("settings").getJsonObject("dkim");
    assertEquals("acme.example", dkim.getString("domain"));
    assertEquals("••••", dkim.getString("privateKey"), "the key is a secret");
    // saved again as the form shows it, the stored key stays
    HttpResponse<String> saved =
        Mailhub.put(
            "api/providers/" + provider.getInt("id"),
            request.formatted(nickname, port, "acme.example", "••••"));
    assertEquals(200, saved.statusCode(), saved.body());

    HttpResponse<String> answer = testEmail(provider, "carol@example.com");

    assertEquals(200, answer.statusCode(), answer.body());
    assertTrue(SMTP.waitForIncomingEmail(10_000, 1));
    MimeMessage message = SMTP.getReceivedMessages()[0];
    String signature = message.getHeader("DKIM-Signature", null);
    assertNotNull(signature, "no DKIM-Signature header");
    String tags = signature.replaceAll("\\s+", "");
    assertTrue(tags.contains("a=rsa-sha256;c=relaxed/relaxed;d=acme.example;s=mh2026;"), tags);
    java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
    message.writeTo(received);
    String record =
        "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    List<SignatureRecord> verified =
        new DKIMVerifier(
                (method, selector, domain) -> {
                  assertEquals(
                      "mh2026._domainkey.acme.example", selector + "._domainkey." + domain);
                  return List.of(record);
                })
            .verify(new java.io.ByteArrayInputStream(received.toByteArray()));
    assertEquals(1, verified.size());
    List<String> signed =
        verified.get(0).getHeaders().stream().map(h -> h.toString().toLowerCase()).toList();
    assertTrue(signed.contains("list-unsubscribe"), signed.toString());
    assertTrue(signed.contains("list-unsubscribe-post"), signed.toString());
    assertTrue(signed.contains("from"), signed.toString());
  }

  @Test
  void aPrivateRelaysOwnCertificateIsRefusedUntilItIsTrusted() throws Exception {
    Path keystore =
        Mailhub.selfSigned("relay", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1");
    Path pem = keystore.resolveSibling("relay.pem");
    System.setProperty("greenmail.tls.keystore.file", keystore.toString());
    System.setProperty("greenmail.tls.keystore.password", "relay-pass");
    GreenMail relay =
        new GreenMail(new ServerSetup(Mailhub.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
    relay.start();
    try {
      JsonObject provider = smtpProvider("localhost", relay.getSmtps().getPort(), "TLS");

      HttpResponse<String> refused = testEmail(provider, "ana@example.com");

      assertEquals(502, refused.statusCode(), refused.body());
      JsonObject why = Mailhub.json(refused);
      assertEquals("CERTIFICATE_NOT_TRUSTED", why.getString("errorCode"), why.toString());
      assertTrue(
          why.getString("message").contains("the server's certificate is not trusted: "),
          why.toString());

      String path = "api/providers/" + provider.getInt("id");
      String settings =
          """
          {"nickname": "%s", "type": "SMTP", "fromAddress": "news@acme.example",
           "settings": {"host": "localhost", "port": %d, "security": "TLS",
                        "trustedCertificate": %s}}""";
      String nickname = provider.getString("nickname");
      int port = relay.getSmtps().getPort();
      HttpResponse<String> garbage =
          Mailhub.put(path, settings.formatted(nickname, port, "\"-----BEGIN CERTIFICATE-----\""));
      assertEquals(400, garbage.statusCode(), garbage.body());
      assertTrue(garbage.body().contains("settings.trustedCertificate"), garbage.body());

      String certificate = Json.createValue(Files.readString(pem)).toString();
      HttpResponse<String> trusted =
          Mailhub.put(path, settings.formatted(nickname, port, certificate));
      assertEquals(200, trusted.statusCode(), trusted.body());
      HttpResponse<String> sent = testEmail(provider, "ana@example.com");

      assertEquals(200, sent.statusCode(), sent.body());
      assertTrue(relay.waitForIncomingEmail(10_000, 1));
    } finally {
      relay.stop();
      System.clearProperty("greenmail.tls.keystore.file");
      System.clearProperty("greenmail.tls.keystore.password");
    }
  }

  private static JsonObject smtpProvider(String host, int port, String security) {
    return create(
        """
        {"nickname": "%s", "type": "SMTP", "fromAddress": "news@acme.example",
         "settings": {"host": "%s", "port": %d, "security": "%s"}}"""
            .formatted(unique("SMTP"), host, port, security));
  }

  @Test
  void aGenericHttpTemplateWithoutTheMandatoryPlaceholdersIsRejectedByName() {
    HttpResponse<String> answer =
        Mailhub.post(
            "api/providers",
            """
            {"nickname": "%s", "type": "GENERIC_HTTP", "fromAddress": "not-an-address",
             "settings": {"endpoint": "ftp://relay", "parameters": {"to": "$$To", "body": "$$HTML"},
                          "batch": {"parameter": "to", "instances": 5000}}}"""
                .formatted(unique("Broken")));

    assertEquals(400, answer.statusCode(), answer.body());
    JsonObject error = Mailhub.json(answer);
    assertEquals("VALIDATION_FAILED", error.getString("code"));
    String violations = error.getJsonArray("violations").toString();
    assertTrue(violations.contains("\"field\":\"fromAddress\""), violations);
    assertTrue(violations.contains("\"field\":\"settings.endpoint\""), violations);
    assertTrue(violations.contains("\"field\":\"settings.batch.instances\""), violations);
  }

  @Test
  void missingPlaceholdersAreNamed() {
    HttpResponse<String> answer =
        Mailhub.post(
            "api/providers",
            """
            {"nickname": "%s", "type": "GENERIC_HTTP", "fromAddress": "news@acme.example",
             "settings": {"endpoint": "https://relay.example", "parameters": {"to": "$$To", "body": "$$HTML"}}}"""
                .formatted(unique("Incomplete")));

    assertEquals(400, answer.statusCode(), answer.body());
    String message =
        Mailhub.json(answer).getJsonArray("violations").getJsonObject(0).getString("message");
    assertTrue(
        message.startsWith("missing placeholders $$Subject, $$FromName, $$FromAddress"), message);
  }

  @Test
  void secretsAreWriteOnlyAndKeptWhenLeftOut() throws Exception {
    JsonObject created = create(netcore(unique("Secretive"), "Original-Key-0001"));
    assertEquals(
        "••••", created.getJsonObject("settings").getString("apiKey"), "no part of a secret");
    assertFalse(
        Mailhub.get("api/providers/" + created.getInt("id")).body().contains("Original-Key"));

    String renamed = unique("Renamed");
    HttpResponse<String> updated =
        Mailhub.put(
            "api/providers/" + created.getInt("id"),
            """
            {"nickname": "%s", "type": "NETCORE", "fromAddress": "news@acme.example",
             "settings": {"endpoint": "%s", "apiKey": "••••"}}"""
                .formatted(renamed, esp.url("/v6/mail/send")));
    assertEquals(200, updated.statusCode(), updated.body());
    assertEquals(renamed, Mailhub.json(updated).getString("nickname"));

    esp.answer(200, "{\"data\":{\"message_id\":\"m\"}}");
    assertEquals(200, testEmail(created, "ana@example.com").statusCode());
    assertEquals("Original-Key-0001", esp.next().header("api_key"));

    // pointed elsewhere, the provider takes its key only if it is given again
    String elsewhere = esp.url("/elsewhere/v6/mail/send");
    HttpResponse<String> moved =
        Mailhub.put(
            "api/providers/" + created.getInt("id"),
            """
            {"nickname": "%s", "type": "NETCORE", "fromAddress": "news@acme.example",
             "settings": {"endpoint": "%s", "apiKey": "••••"}}"""
                .formatted(renamed, elsewhere));
    assertEquals(400, moved.statusCode(), moved.body());
    assertEquals(
        "settings.apiKey",
        Mailhub.json(moved).getJsonArray("violations").getJsonObject(0).getString("field"));
    HttpResponse<String> movedWithKey =
        Mailhub.put(
            "api/providers/" + created.getInt("id"),
            """
            {"nickname": "%s", "type": "NETCORE", "fromAddress": "news@acme.example",
             "settings": {"endpoint": "%s", "apiKey": "New-Key-0002"}}"""
                .formatted(renamed, elsewhere));
    assertEquals(200, movedWithKey.statusCode(), movedWithKey.body());
  }

  @Test
  void credentialsInHttpHeadersAndParametersAreSecretsToo() {
    HttpResponse<String> created =
        Mailhub.post(
            "api/providers",
            """
            {"nickname": "%s", "type": "GENERIC_HTTP", "fromAddress": "news@acme.example",
             "settings": {"endpoint": "%s",
               "headers": {"Authorization": "Bearer sk-live-123456", "X-Api-Key": "k-987654", "X-Campaign": "$$Subject"},
               "parameters": {"to": "$$To", "subject": "$$Subject", "html": "$$HTML",
                              "from": "$$FromName $$FromAddress", "api_token": "t-555555"}}}"""
                .formatted(unique("Headers"), esp.url("/send")));
    assertEquals(201, created.statusCode(), created.body());

    JsonObject settings =
        Mailhub.json(Mailhub.get("api/providers/" + Mailhub.json(created).getInt("id")))
            .getJsonObject("settings");
    assertEquals("••••", settings.getJsonObject("headers").getString("Authorization"));
    assertEquals("••••", settings.getJsonObject("headers").getString("X-Api-Key"));
    assertEquals("$$Subject", settings.getJsonObject("headers").getString("X-Campaign"));
    assertEquals("••••", settings.getJsonObject("parameters").getString("api_token"));
    assertFalse(settings.toString().contains("sk-live"), settings.toString());
  }

  @Test
  void anyHeaderOrParameterCanBeMarkedSecretAndStillReachesTheProvider() throws Exception {
    JsonObject provider =
        create(
            """
            {"nickname": "%s", "type": "GENERIC_HTTP", "fromAddress": "news@acme.example",
             "settings": {"endpoint": "%s", "headers": {"X-Account": "acct-31415926"},
               "parameters": {"to": "$$To", "subject": "$$Subject", "html": "$$HTML",
                              "from": "$$FromName $$FromAddress", "user": "u-27182818"},
               "secretHeaders": ["X-Account"], "secretParameters": ["user"]}}"""
                .formatted(unique("Marked"), esp.url("/send")));
    JsonObject settings = provider.getJsonObject("settings");
    assertEquals("••••", settings.getJsonObject("headers").getString("X-Account"));
    assertEquals("••••", settings.getJsonObject("parameters").getString("user"));
    assertFalse(settings.toString().contains("31415926"), settings.toString());

    HttpResponse<String> unknown =
        Mailhub.put(
            "api/providers/" + provider.getInt("id"),
            """
            {"nickname": "%s", "type": "GENERIC_HTTP", "fromAddress": "news@acme.example",
             "settings": {"endpoint": "%s", "headers": {"X-Account": "acct-31415926"},
               "parameters": {"to": "$$To", "subject": "$$Subject", "html": "$$HTML",
                              "from": "$$FromName $$FromAddress", "user": "••••"},
               "secretHeaders": ["X-Nope"], "secretParameters": ["user"]}}"""
                .formatted(provider.getString("nickname"), esp.url("/send")));
    assertEquals(400, unknown.statusCode(), unknown.body());
    assertTrue(unknown.body().contains("'X-Nope' is not one of the headers"), unknown.body());

    assertEquals(200, testEmail(provider, "ana@example.com").statusCode());
    RecordingEsp.Request call = esp.next();
    assertEquals("acct-31415926", call.header("X-Account"));
    assertTrue(call.body().contains("u-27182818"), call.body());
  }

  @Test
  void aTypoInTheSettingsIsRefusedByNameInsteadOfSavingTheDefault() {
    String nickname = unique("Typo");

    List<String> violations =
        refused(
            """
            {"nickname": "%s", "type": "SMTP", "fromAddress": "news@acme.example",
             "settings": {"host": "127.0.0.1", "prot": 2525}}"""
                .formatted(nickname));

    assertEquals(
        List.of(
            "settings.prot: is not a setting: SMTP providers take host, port, security, username,"
                + " password, trustedCertificate, dkim"),
        violations);
    assertFalse(Mailhub.get("api/providers").body().contains(nickname), "nothing saved");
  }

  @Test
  void typosInNestedSettingsAndValuesOfTheWrongTypeAreEachNamed() {
    String nickname = unique("Nested typo");

    assertEquals(
        List.of(
            "settings.dkim.selectr: is not a setting: dkim takes domain, selector, privateKey",
            "settings.port: must be a whole number (a JSON number, not text)"),
        refused(
            """
            {"nickname": "%s", "type": "SMTP", "fromAddress": "news@acme.example",
             "settings": {"host": "127.0.0.1", "port": "abc",
                          "dkim": {"domain": "acme.example", "selectr": "mh2026", "privateKey": "k"}}}"""
                .formatted(nickname)));
    assertEquals(
        List.of(
            "settings.auth.user: is not a setting: auth takes type, username, password",
            "settings.batch: must be an object with parameter, instances",
            "settings.headers.X-Api-Version: must be text"),
        refused(
            """
            {"nickname": "%s", "type": "GENERIC_HTTP", "fromAddress": "news@acme.example",
             "settings": {"endpoint": "%s", "batch": 5, "headers": {"X-Api-Version": 2},
                          "auth": {"type": "BASIC", "user": "mailhub"},
                          "parameters": {"to": "$$To", "subject": "$$Subject", "html": "$$HTML",
                                         "from": "$$FromName <$$FromAddress>", "prot": 1}}}"""
                .formatted(nickname, esp.url("/send"))));
    assertFalse(Mailhub.get("api/providers").body().contains(nickname), "nothing saved");
  }

  @Test
  void aPutWithATypoChangesNothing() {
    JsonObject created = create(netcore(unique("Netcore typo"), "key-000000000042"));
    String path = "api/providers/" + created.getInt("id");
    String before = Mailhub.get(path).body();

    HttpResponse<String> typo =
        Mailhub.put(
            path,
            netcore(created.getString("nickname"), "key-000000000043")
                .replace("\"apiKey\"", "\"apikey\""));

    assertEquals(400, typo.statusCode(), typo.body());
    assertEquals(
        List.of("settings.apikey: is not a setting: NETCORE providers take endpoint, apiKey"),
        violations(typo));
    assertEquals(before, Mailhub.get(path).body());
  }

  @Test
  void theOpenApiDocumentTypesEachProvidersSettings() {
    JsonObject schemas =
        Mailhub.json(Mailhub.get("openapi?format=JSON"))
            .getJsonObject("components")
            .getJsonObject("schemas");

    for (String schema : List.of("ProviderRequest", "ProviderResponse")) {
      JsonObject discriminator = schemas.getJsonObject(schema).getJsonObject("discriminator");
      assertEquals("type", discriminator.getString("propertyName"));
      assertEquals(
          java.util.Arrays.stream(org.mailhub.provider.ProviderType.values())
              .map(Enum::name)
              .toList(),
          List.copyOf(discriminator.getJsonObject("mapping").keySet()));
    }
    JsonObject smtp = schemas.getJsonObject("SmtpProviderRequest").getJsonObject("properties");
    assertEquals(
        Json.createArrayBuilder().add("SMTP").build(),
        smtp.getJsonObject("type").getJsonArray("enum"));
    assertEquals(
        "#/components/schemas/SmtpSettings", smtp.getJsonObject("settings").getString("$ref"));
    JsonObject settings = schemas.getJsonObject("SmtpSettings").getJsonObject("properties");
    assertEquals(
        List.of("host", "port", "security", "username", "password", "trustedCertificate", "dkim"),
        List.copyOf(settings.keySet()));
    assertEquals("#/components/schemas/SmtpDkim", settings.getJsonObject("dkim").getString("$ref"));
    assertTrue(
        settings.getJsonObject("password").getString("description").contains("write-only"),
        settings.toString());
    assertEquals(
        Json.createArrayBuilder().add("host").build(),
        schemas.getJsonObject("SmtpSettings").getJsonArray("required"));
  }

  /** Posts the provider, which must be refused as invalid: the violations. */
  private static List<String> refused(String json) {
    HttpResponse<String> answer = Mailhub.post("api/providers", json);
    assertEquals(400, answer.statusCode(), answer.body());
    assertEquals("VALIDATION_FAILED", Mailhub.json(answer).getString("code"));
    return violations(answer);
  }

  /** The violations of a 400, as "field: message". */
  private static List<String> violations(HttpResponse<String> answer) {
    return Mailhub.json(answer).getJsonArray("violations").stream()
        .map(JsonValue::asJsonObject)
        .map(v -> v.getString("field") + ": " + v.getString("message"))
        .toList();
  }

  @Test
  void nicknamesAreUniqueAndUnknownIdsAre404() {
    String nickname = unique("Twin");
    create(netcore(nickname, "key-000000000001"));

    HttpResponse<String> duplicate =
        Mailhub.post("api/providers", netcore(nickname.toUpperCase(), "key-2"));
    assertEquals(409, duplicate.statusCode(), duplicate.body());
    assertEquals("NICKNAME_TAKEN", Mailhub.json(duplicate).getString("code"));

    assertEquals(404, Mailhub.get("api/providers/987654321").statusCode());
    assertEquals(
        "NOT_FOUND", Mailhub.json(Mailhub.get("api/providers/987654321")).getString("code"));
  }

  @Test
  void exactlyOneProviderIsTheDefault() {
    JsonObject first = create(netcore(unique("First"), "key-000000000001"));
    JsonObject second = create(netcore(unique("Second"), "key-000000000002"));

    HttpResponse<String> marked =
        Mailhub.post("api/providers/" + second.getInt("id") + "/default", "");
    assertEquals(200, marked.statusCode(), marked.body());
    assertTrue(Mailhub.json(marked).getBoolean("default"));
    var all = Mailhub.items(Mailhub.get("api/providers?size=1000"));
    assertEquals(1, all.stream().filter(p -> p.asJsonObject().getBoolean("default")).count());
    assertFalse(
        Mailhub.json(Mailhub.get("api/providers/" + first.getInt("id"))).getBoolean("default"));

    HttpResponse<String> refused = Mailhub.delete("api/providers/" + second.getInt("id"));
    assertEquals(409, refused.statusCode(), refused.body());
    assertEquals(204, Mailhub.delete("api/providers/" + first.getInt("id")).statusCode());
    assertEquals(404, Mailhub.get("api/providers/" + first.getInt("id")).statusCode());
  }

  private String netcore(String nickname, String apiKey) {
    return """
        {"nickname": "%s", "type": "NETCORE", "fromName": "Acme News", "fromAddress": "news@acme.example",
         "replyTo": "support@acme.example", "preferenceCenter": {"mode": "SYSTEM"},
         "settings": {"endpoint": "%s", "apiKey": "%s"}}"""
        .formatted(nickname, esp.url("/v6/mail/send"), apiKey);
  }

  private static JsonObject create(String json) {
    HttpResponse<String> response = Mailhub.post("api/providers", json);
    assertEquals(201, response.statusCode(), response.body());
    JsonObject provider = Mailhub.json(response);
    assertTrue(
        provider
            .getString("callbackUrl")
            .matches("http://localhost:8080/callbacks/[A-Za-z0-9_-]{32}"));
    return provider;
  }

  private static HttpResponse<String> testEmail(JsonObject provider, String to) {
    return Mailhub.post(
        "api/providers/" + provider.getInt("id") + "/test-email", "{\"to\": \"" + to + "\"}");
  }

  private static String html(JsonObject netcoreBody) {
    return netcoreBody.getJsonArray("content").getJsonObject(0).getString("value");
  }

  private static String unique(String name) {
    return name + " " + UUID.randomUUID().toString().substring(0, 8);
  }
}
