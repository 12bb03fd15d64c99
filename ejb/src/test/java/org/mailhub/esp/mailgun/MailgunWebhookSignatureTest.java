package org.mailhub.esp.mailgun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mailhub.callback.WebhookRefused;

class MailgunWebhookSignatureTest {

  /** The vector of mailgun-php's tests/Api/WebhookTest (testVerifyWebhookGood / Bad). */
  static final String KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";

  static final String TIMESTAMP = "1403645220";
  static final String TOKEN = "5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6";
  static final String SIGNATURE =
      "9cfc5c41582e51246e73c88d34db3af0a3a2692a76fbab81492842f000256d33";
  static final String OTHER_TOKEN = "owyldpe6nxhmrn78epljl6bj0orrki1u3d2v5e6cnlmmuox8jr";

  static final Instant SIGNED = Instant.ofEpochSecond(1403645220);
  static final Duration MAX_AGE = Duration.ofHours(9);

  private static MailgunSettings settings(String key) {
    return new MailgunSettings("api-key", "mg.example.com", null, null, key);
  }

  static String webhook(String timestamp, String token, String signature) {
    return "{\"signature\": {\"timestamp\": \""
        + timestamp
        + "\", \"token\": \""
        + token
        + "\", \"signature\": \""
        + signature
        + "\"}, \"event-data\": {\"event\": \"delivered\"}}";
  }

  @Test
  void publishedVectorVerifies() {
    assertEquals(
        SIGNATURE,
        new String(MailgunWebhookSignature.mac(KEY, TIMESTAMP + TOKEN), StandardCharsets.US_ASCII));

    var signed =
        MailgunWebhookSignature.check(
            settings(KEY), webhook(TIMESTAMP, TOKEN, SIGNATURE), SIGNED.plusSeconds(60), MAX_AGE);

    assertEquals(TOKEN, signed.token());
    assertEquals(SIGNED, signed.at());
  }

  @Test
  void upperCaseHexIsTheSameSignature() {
    MailgunWebhookSignature.check(
        settings(KEY), webhook(TIMESTAMP, TOKEN, SIGNATURE.toUpperCase()), SIGNED, MAX_AGE);
  }

  @Test
  void publishedBadVectorIsForged() {
    WebhookRefused refused =
        assertThrows(
            WebhookRefused.class,
            () ->
                MailgunWebhookSignature.check(
                    settings(KEY), webhook(TIMESTAMP, OTHER_TOKEN, SIGNATURE), SIGNED, MAX_AGE));
    assertTrue(refused.getMessage().startsWith("forged"), refused.getMessage());
    assertFalse(refused.getMessage().contains(KEY), "never the key");
  }

  @Test
  void anotherKeyIsForged() {
    assertThrows(
        WebhookRefused.class,
        () ->
            MailgunWebhookSignature.check(
                settings("another-key"), webhook(TIMESTAMP, TOKEN, SIGNATURE), SIGNED, MAX_AGE));
  }

  @Test
  void subaccountsParentSignatureVerifiesWithTheParentsKey() {
    String body =
        "{\"signature\": {\"timestamp\": \""
            + TIMESTAMP
            + "\", \"token\": \""
            + TOKEN
            + "\", \"signature\": \"00\", \"parent-signature\": \""
            + SIGNATURE
            + "\"}}";
    MailgunWebhookSignature.check(settings(KEY), body, SIGNED, MAX_AGE);
  }

  @Test
  void tooOldAndAheadAreRefused() {
    WebhookRefused old =
        assertThrows(
            WebhookRefused.class,
            () ->
                MailgunWebhookSignature.check(
                    settings(KEY),
                    webhook(TIMESTAMP, TOKEN, SIGNATURE),
                    SIGNED.plus(MAX_AGE).plusSeconds(1),
                    MAX_AGE));
    assertTrue(old.getMessage().startsWith("too old"), old.getMessage());

    assertThrows(
        WebhookRefused.class,
        () ->
            MailgunWebhookSignature.check(
                settings(KEY),
                webhook(TIMESTAMP, TOKEN, SIGNATURE),
                SIGNED.minus(Duration.ofMinutes(6)),
                MAX_AGE));
    // a clock a little behind Mailgun's is fine
    MailgunWebhookSignature.check(
        settings(KEY),
        webhook(TIMESTAMP, TOKEN, SIGNATURE),
        SIGNED.minus(Duration.ofMinutes(4)),
        MAX_AGE);
  }

  @Test
  void unsignedOrOddBodiesAreRefused() {
    for (String body :
        new String[] {
          "",
          "not json",
          "[]",
          "{\"event-data\": {\"event\": \"delivered\"}}",
          "{\"signature\": \"x\"}",
          "{\"signature\": {\"timestamp\": \"1403645220\", \"token\": \"t\"}}",
          webhook("-1", TOKEN, SIGNATURE),
          webhook("1e9", TOKEN, SIGNATURE),
          webhook(TIMESTAMP, "x".repeat(201), SIGNATURE),
          webhook("0", "", "")
        }) {
      WebhookRefused refused =
          assertThrows(
              WebhookRefused.class,
              () -> MailgunWebhookSignature.check(settings(KEY), body, SIGNED, MAX_AGE),
              body);
      assertTrue(refused.getMessage().startsWith("unsigned"), refused.getMessage());
    }
  }

  @Test
  void withoutASigningKeyEveryWebhookIsRefused() {
    WebhookRefused refused =
        assertThrows(
            WebhookRefused.class,
            () ->
                MailgunWebhookSignature.check(
                    settings(" "), webhook(TIMESTAMP, TOKEN, SIGNATURE), SIGNED, MAX_AGE));
    assertTrue(refused.getMessage().contains("no webhook signing key"), refused.getMessage());
  }
}
