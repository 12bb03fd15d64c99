package org.mailhub.esp.sendgrid;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailhub.callback.Fixtures;
import org.mailhub.callback.WebhookRefused;
import org.mailhub.callback.WebhookRequest;

/** SendGrid's published test vector (sendgrid-java's EventWebhookTest) and what must fail. */
class SendgridWebhookSignatureTest {

  static final String PUBLIC_KEY =
      "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";
  static final String SIGNATURE =
      "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=";
  static final String TIMESTAMP = "1600112502";
  static final String OTHER_KEY =
      "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqTxd43gyp8IOEto2LdIfjRQrIbsd4SXZkLW6jDutdhXSJCWHw8REntlo7aNDthvj+y7GjUuFDb/R1NGe1OPzpA==";
  static final String OTHER_SIGNATURE =
      "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH3j/0=";

  private static final String PAYLOAD = Fixtures.webhook("sendgrid-signed.json");
  private static final Instant SIGNED = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP));

  private static void check(String key, String timestamp, String signature, String body) {
    SendgridWebhookSignature.verify(
        SendgridWebhookSignature.verificationKey(key), timestamp, signature, body, SIGNED, null);
  }

  @Test
  void publishedVectorVerifies() {
    assertTrue(PAYLOAD.endsWith("}]\r\n"), "the signed bytes end with CRLF");
    assertDoesNotThrow(() -> check(PUBLIC_KEY, TIMESTAMP, SIGNATURE, PAYLOAD));
  }

  @Test
  void publishedVectorVerifiesWithinTheAllowedAgeAndThroughTheSettings() {
    SendgridWebhookSignature.verify(
        SendgridWebhookSignature.verificationKey(PUBLIC_KEY),
        TIMESTAMP,
        SIGNATURE,
        PAYLOAD,
        SIGNED.plus(Duration.ofMinutes(9)),
        Duration.ofMinutes(10));
  }

  @Test
  void tamperedPayloadIsRefused() {
    String tampered = PAYLOAD.replace("dropped", "delivered");
    WebhookRefused refused =
        assertThrows(WebhookRefused.class, () -> check(PUBLIC_KEY, TIMESTAMP, SIGNATURE, tampered));
    assertTrue(refused.getMessage().contains("does not match"), refused.getMessage());
    assertThrows(WebhookRefused.class, () -> check(PUBLIC_KEY, TIMESTAMP, SIGNATURE, "payload"));
    assertThrows(
        WebhookRefused.class,
        () -> check(PUBLIC_KEY, TIMESTAMP, SIGNATURE, PAYLOAD.strip()),
        "the trailing CRLF is signed too");
  }

  @Test
  void otherKeySignatureOrTimestampIsRefused() {
    assertThrows(WebhookRefused.class, () -> check(OTHER_KEY, TIMESTAMP, SIGNATURE, PAYLOAD));
    assertThrows(
        WebhookRefused.class, () -> check(PUBLIC_KEY, TIMESTAMP, OTHER_SIGNATURE, PAYLOAD));
    assertThrows(WebhookRefused.class, () -> check(PUBLIC_KEY, "1600112503", SIGNATURE, PAYLOAD));
    WebhookRefused notTime =
        assertThrows(
            WebhookRefused.class, () -> check(PUBLIC_KEY, "timestamp", SIGNATURE, PAYLOAD));
    assertTrue(notTime.getMessage().contains("Unix time"));
    assertThrows(WebhookRefused.class, () -> check(PUBLIC_KEY, TIMESTAMP, "not base64!", PAYLOAD));
    assertThrows(
        WebhookRefused.class,
        () ->
            check(
                PUBLIC_KEY, TIMESTAMP, Base64.getEncoder().encodeToString(new byte[70]), PAYLOAD));
  }

  @Test
  void unsignedIsRefused() {
    WebhookRefused refused =
        assertThrows(WebhookRefused.class, () -> check(PUBLIC_KEY, null, null, PAYLOAD));
    assertTrue(refused.getMessage().startsWith("unsigned"), refused.getMessage());
    assertThrows(WebhookRefused.class, () -> check(PUBLIC_KEY, TIMESTAMP, null, PAYLOAD));
  }

  @Test
  void tooOldOrFromTheFutureIsRefused() {
    WebhookRefused old =
        assertThrows(WebhookRefused.class, () -> checkAt(SIGNED.plus(Duration.ofHours(25))));
    assertTrue(old.getMessage().contains("too old"), old.getMessage());
    assertThrows(WebhookRefused.class, () -> checkAt(SIGNED.minus(Duration.ofMinutes(6))));
    assertDoesNotThrow(() -> checkAt(SIGNED.plus(Duration.ofHours(23))));
  }

  /** The published vector checked at that time, allowing SendGrid's 24 hours of retries. */
  private static void checkAt(Instant now) {
    SendgridWebhookSignature.verify(
        SendgridWebhookSignature.verificationKey(PUBLIC_KEY),
        TIMESTAMP,
        SIGNATURE,
        PAYLOAD,
        now,
        Duration.ofHours(24));
  }

  @Test
  void providerWithoutVerificationKeyRefusesAndSaysWhatToSet() {
    var signature = new SendgridWebhookSignature();
    signature.maxAge = Duration.ofHours(24);
    WebhookRefused refused =
        assertThrows(
            WebhookRefused.class,
            () ->
                signature.verify(
                    new SendgridSettings("k", null, null, null, null),
                    new WebhookRequest(
                        1,
                        Map.of(
                            SendgridWebhookSignature.SIGNATURE, SIGNATURE,
                            SendgridWebhookSignature.TIMESTAMP, TIMESTAMP),
                        PAYLOAD)));
    assertTrue(refused.getMessage().contains("webhookVerificationKey"), refused.getMessage());
  }

  @Test
  void freshWebhookSignedLikeSendgridPassesThroughTheSettingsWithHeadersInAnyCase()
      throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    String body = "[{\"email\":\"ana@example.com\",\"event\":\"delivered\",\"note\":\"Olá\"}]\r\n";
    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
    ecdsa.initSign(pair.getPrivate());
    ecdsa.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
    String signed = Base64.getEncoder().encodeToString(ecdsa.sign());
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";

    var signature = new SendgridWebhookSignature();
    signature.maxAge = Duration.ofMinutes(10);
    assertDoesNotThrow(
        () ->
            signature.verify(
                new SendgridSettings("k", null, pem, null, null),
                new WebhookRequest(
                    1,
                    Map.of(
                        "x-twilio-email-event-webhook-signature", signed,
                        "X-TWILIO-EMAIL-EVENT-WEBHOOK-TIMESTAMP", timestamp),
                    body)));
  }

  @Test
  void aBodyThatIsNotUtf8IsVerifiedAsTheBytesSendgridSigned() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    // a bounce reason relayed in Latin-1: 0xE9 alone is no UTF-8
    byte[] body =
        "[{\"email\":\"ana@example.com\",\"event\":\"bounce\",\"reason\":\"refus\u00e9\"}]"
            .getBytes(StandardCharsets.ISO_8859_1);
    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
    ecdsa.initSign(pair.getPrivate());
    ecdsa.update(timestamp.getBytes(StandardCharsets.US_ASCII));
    ecdsa.update(body);
    String signed = Base64.getEncoder().encodeToString(ecdsa.sign());
    var signature = new SendgridWebhookSignature();
    signature.maxAge = Duration.ofMinutes(10);
    String key = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());

    assertDoesNotThrow(
        () ->
            signature.verify(
                new SendgridSettings("k", null, key, null, null),
                new WebhookRequest(
                    1,
                    Map.of(
                        SendgridWebhookSignature.SIGNATURE, signed,
                        SendgridWebhookSignature.TIMESTAMP, timestamp),
                    body)));
  }

  @Test
  void verificationKeyMustBeAP256PublicKey() throws Exception {
    assertEquals("EC", SendgridWebhookSignature.verificationKey(PUBLIC_KEY).getAlgorithm());
    assertFalse(
        assertThrows(
                IllegalArgumentException.class,
                () -> SendgridWebhookSignature.verificationKey("%%%"))
            .getMessage()
            .isBlank());
    assertThrows(
        IllegalArgumentException.class, () -> SendgridWebhookSignature.verificationKey("aGVsbG8="));
    KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
    p384.initialize(new ECGenParameterSpec("secp384r1"));
    String other =
        Base64.getEncoder().encodeToString(p384.generateKeyPair().getPublic().getEncoded());
    IllegalArgumentException wrongCurve =
        assertThrows(
            IllegalArgumentException.class, () -> SendgridWebhookSignature.verificationKey(other));
    assertTrue(wrongCurve.getMessage().contains("P-256"));
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    String rsaKey =
        Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded());
    assertThrows(
        IllegalArgumentException.class, () -> SendgridWebhookSignature.verificationKey(rsaKey));
  }
}
