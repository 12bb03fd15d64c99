package org.mailhub.esp.ses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailhub.callback.Fixtures;
import org.mailhub.callback.WebhookRefused;
import org.mailhub.callback.WebhookRequest;
import org.mailhub.callback.WebhookToken;
import org.mailhub.callback.WebhookTokens;

/**
 * Messages that SNS signed (AWS's aws-php-sns-message-validator functional tests, with SNS's
 * certificate of the time), and messages signed here with a key and certificate made by keytool.
 */
class SnsSignatureTest {

  private static final String AWS_CERT_URL =
      "https://sns.us-east-2.amazonaws.com/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem";

  private static PrivateKey key;
  private static String certificate;

  private final List<URI> fetched = new ArrayList<>();
  private final java.util.Set<String> taken = new java.util.HashSet<>();

  /** The tokens as the database keeps them: each one taken once. */
  private final WebhookTokens tokens =
      new WebhookTokens() {
        @Override
        public boolean claim(WebhookToken token, Instant oldest) {
          return taken.add(token.token());
        }
      };

  @BeforeAll
  static void makeKey() throws Exception {
    Path dir = Files.createTempDirectory("sns");
    Path store = dir.resolve("sns.p12");
    Path pem = dir.resolve("sns.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "sns",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=sns.amazonaws.com",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "sns",
        "-keystore",
        store.toString(),
        "-storepass",
        "changeit",
        "-file",
        pem.toString());
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      keyStore.load(in, "changeit".toCharArray());
    }
    key = (PrivateKey) keyStore.getKey("sns", "changeit".toCharArray());
    certificate = Files.readString(pem);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sns-notification-v1.json",
        "sns-notification-v2.json",
        "sns-notification-v1-subject.json",
        "sns-notification-v2-subject.json"
      })
  void messagesSnsSignedVerify(String fixture) {
    JsonObject message = fixture(fixture);
    SnsSignature signature = awsSigned(message);

    signature.verify(settings(null), request(message));

    assertEquals(List.of(URI.create(AWS_CERT_URL)), fetched);
  }

  @Test
  void aMessageTakenBeforeIsAReplayForTheSameProviderOnly() {
    JsonObject message = fixture("sns-notification-v2.json");
    SnsSignature signature = awsSigned(message);
    signature.verify(settings(null), request(message));

    WebhookRefused refused =
        assertThrows(
            WebhookRefused.class, () -> signature.verify(settings(null), request(message)));
    assertTrue(refused.getMessage().startsWith("replayed"), refused.getMessage());
    signature.verify(
        settings(null), new WebhookRequest(2, Map.of(), message.toString())); // another subscriber
  }

  @Test
  void aChangedMessageIsForged() {
    JsonObject message = with(fixture("sns-notification-v2.json"), "Message", "Goodbye world");

    WebhookRefused refused =
        assertThrows(
            WebhookRefused.class,
            () -> awsSigned(message).verify(settings(null), request(message)));
    assertTrue(refused.getMessage().startsWith("forged"), refused.getMessage());
  }

  @Test
  void aSubjectTakenAwayIsForged() {
    JsonObject signed = fixture("sns-notification-v1-subject.json");
    JsonObject message = JSON.createObjectBuilder(signed).remove("Subject").build();

    assertThrows(
        WebhookRefused.class, () -> awsSigned(message).verify(settings(null), request(message)));
  }

  @Test
  void aMessageOlderThanSnsRetriesIsRefused() {
    JsonObject message = fixture("sns-notification-v1.json");
    SnsSignature signature = awsSigned(message);
    signature.clock = at(Instant.parse(message.getString("Timestamp")).plus(Duration.ofHours(2)));

    WebhookRefused refused =
        assertThrows(
            WebhookRefused.class, () -> signature.verify(settings(null), request(message)));
    assertTrue(refused.getMessage().startsWith("too old"), refused.getMessage());
    assertEquals(List.of(), fetched, "refused before any certificate is fetched");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://sns.us-east-2.amazonaws.com/cert.pem",
        "https://sns.us-east-2.amazonaws.com.evil.example/cert.pem",
        "https://evil.example/sns.us-east-2.amazonaws.com/cert.pem",
        "https://sns.us-east-2.amazonaws.com@evil.example/cert.pem",
        "https://s3.amazonaws.com/cert.pem",
        "https://sns.us-east-2.amazonaws.com/not-a-certificate",
        // a bucket named sns has a host of this shape, and a valid certificate for it
        "https://sns.s3.amazonaws.com/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem",
        "https://sns.s3-accelerate.amazonaws.com/SimpleNotificationService-7f.pem",
        // SNS of another region than the topic's
        "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem",
        "https://sns.us-east-2.amazonaws.com/SimpleNotificationService-7f.pem?x=1",
        "not a url"
      })
  void certificatesComeOnlyFromSns(String url) {
    JsonObject message = with(fixture("sns-notification-v1.json"), "SigningCertURL", url);

    assertThrows(
        WebhookRefused.class, () -> awsSigned(message).verify(settings(null), request(message)));
    assertEquals(List.of(), fetched);
  }

  @Test
  void chinasSnsHostsAreSnsHosts() {
    assertEquals(
        "sns.cn-north-1.amazonaws.com.cn",
        awsSigned(fixture("sns-notification-v1.json"))
            .snsUrl(
                "SigningCertURL",
                "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-0a.pem")
            .getHost());
  }

  @ParameterizedTest
  @ValueSource(strings = {"3", ""})
  void onlySignatureVersionsOneAndTwo(String version) {
    JsonObject message = with(fixture("sns-notification-v1.json"), "SignatureVersion", version);

    WebhookRefused refused =
        assertThrows(
            WebhookRefused.class,
            () -> awsSigned(message).verify(settings(null), request(message)));
    assertTrue(refused.getMessage().contains("SignatureVersion"), refused.getMessage());
  }

  @Test
  void unsignedAndUnreadableMessagesAreRefused() {
    JsonObject unsigned =
        JSON.createObjectBuilder(fixture("sns-notification-v1.json")).remove("Signature").build();
    SnsSignature signature = awsSigned(unsigned);

    assertThrows(WebhookRefused.class, () -> signature.verify(settings(null), request(unsigned)));
    assertThrows(
        WebhookRefused.class,
        () -> signature.verify(settings(null), new WebhookRequest(1, Map.of(), "[1, 2]")));
    assertThrows(
        WebhookRefused.class,
        () -> signature.verify(settings(null), new WebhookRequest(1, Map.of(), "not json")));
  }

  @Test
  void anotherTopicIsRefusedWhenTheProviderNamesItsOwn() {
    JsonObject message = fixture("sns-notification-v1.json");
    SnsSignature signature = awsSigned(message);

    WebhookRefused refused =
        assertThrows(
            WebhookRefused.class,
            () ->
                signature.verify(
                    settings("arn:aws:sns:us-east-2:295079676684:mailhub"), request(message)));
    assertTrue(refused.getMessage().contains("not of the provider's topic"), refused.getMessage());

    signature.verify(settings(message.getString("TopicArn")), request(message));
  }

  @Test
  void certificatesAreFetchedOnce() {
    JsonObject first = fixture("sns-notification-v1.json");
    JsonObject second = fixture("sns-notification-v2.json");
    SnsSignature signature = awsSigned(first);

    signature.verify(settings(null), request(first));
    signature.verify(settings(null), request(second));

    assertEquals(1, fetched.size());
  }

  @Test
  void aCertificateThatCannotBeFetchedIsWorthARetry() {
    JsonObject message = fixture("sns-notification-v1.json");
    SnsSignature signature = awsSigned(message);
    signature.http =
        url -> {
          throw new IOException("connection refused");
        };

    assertThrows(SnsUnavailable.class, () -> signature.verify(settings(null), request(message)));
  }

  @Test
  void confirmationsSignTheirSubscribeUrlAndToken() throws Exception {
    SnsSignature signature = standIn();
    JsonObject confirmation = signed(confirmation("http://127.0.0.1:8999/confirm?Token=abc"), "2");

    signature.verify(settings(null), request(confirmation));

    JsonObject changedUrl =
        with(confirmation, "SubscribeURL", "http://127.0.0.1:8999/confirm?Token=other");
    assertThrows(WebhookRefused.class, () -> signature.verify(settings(null), request(changedUrl)));
  }

  @Test
  void aSubscribeUrlElsewhereIsNeverConfirmed() throws Exception {
    SnsSignature signature = standIn();
    JsonObject confirmation = signed(confirmation("http://10.0.0.1/internal"), "1");

    WebhookRefused refused =
        assertThrows(
            WebhookRefused.class, () -> signature.verify(settings(null), request(confirmation)));
    assertTrue(refused.getMessage().startsWith("SubscribeURL"), refused.getMessage());
  }

  @Test
  void theMessageTypeHeaderMustAgree() throws Exception {
    SnsSignature signature = standIn();
    JsonObject confirmation = signed(confirmation("http://127.0.0.1:8999/confirm"), "1");

    assertThrows(
        WebhookRefused.class,
        () ->
            signature.verify(
                settings(null),
                new WebhookRequest(
                    1, Map.of("x-amz-sns-message-type", "Notification"), confirmation.toString())));
  }

  /** A stand-in for SNS on loopback, as the integration tests configure it. */
  private SnsSignature standIn() {
    SnsSignature signature = new SnsSignature();
    signature.tokens = tokens;
    signature.urlPattern = "http://127\\.0\\.0\\.1:[0-9]+/.*";
    signature.maxAge = Duration.ofMinutes(75);
    signature.clock = Clock.systemUTC();
    signature.http =
        url -> {
          fetched.add(url);
          return certificate;
        };
    return signature;
  }

  private static JsonObject confirmation(String subscribeUrl) {
    return JSON.createObjectBuilder()
        .add("Type", "SubscriptionConfirmation")
        .add("MessageId", "165545c9-2a5c-472c-8df2-7ff2be2b3b1b")
        .add("Token", "2336412f37fb687f5d51e6e2425")
        .add("TopicArn", "arn:aws:sns:eu-west-1:123456789012:mailhub")
        .add("Message", "You have chosen to subscribe to the topic. To confirm, visit the URL.")
        .add("SubscribeURL", subscribeUrl)
        .add("Timestamp", Instant.now().toString())
        .add("SigningCertURL", "http://127.0.0.1:8999/cert.pem")
        .build();
  }

  /** The message signed as SNS signs, with the key keytool made. */
  static JsonObject signed(JsonObject message, String version) throws Exception {
    JsonObject versioned = with(message, "SignatureVersion", version);
    Signature signer = Signature.getInstance("1".equals(version) ? "SHA1withRSA" : "SHA256withRSA");
    signer.initSign(key);
    signer.update(SnsMessage.of(versioned).stringToSign().getBytes(StandardCharsets.UTF_8));
    return with(versioned, "Signature", Base64.getEncoder().encodeToString(signer.sign()));
  }

  /** A check as in production, at the time SNS signed the message, with SNS's certificate. */
  private SnsSignature awsSigned(JsonObject message) {
    SnsSignature signature = new SnsSignature();
    signature.tokens = tokens;
    signature.urlPattern = SnsSignature.DEFAULT_URL_PATTERN;
    signature.maxAge = Duration.ofMinutes(75);
    signature.clock = at(Instant.parse(message.getString("Timestamp")).plusSeconds(60));
    signature.http =
        url -> {
          fetched.add(url);
          return Fixtures.webhook("ses/sns-certificate.pem");
        };
    return signature;
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  private static SesSettings settings(String topicArn) {
    return new SesSettings("us-east-2", "AKID", "secret", null, "mailhub", topicArn, null);
  }

  private static WebhookRequest request(JsonObject message) {
    return new WebhookRequest(
        1, Map.of("Content-Type", "text/plain; charset=UTF-8"), message.toString());
  }

  private static JsonObject fixture(String name) {
    return JSON.createReader(new StringReader(Fixtures.webhook("ses/" + name))).readObject();
  }

  static JsonObject with(JsonObject message, String name, String value) {
    return JSON.createObjectBuilder(message).add(name, value).build();
  }

  private static void keytool(String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), output);
  }
}
