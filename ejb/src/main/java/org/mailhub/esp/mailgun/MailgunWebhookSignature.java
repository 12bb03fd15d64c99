package org.mailhub.esp.mailgun;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mailhub.callback.WebhookJson;
import org.mailhub.callback.WebhookRefused;
import org.mailhub.callback.WebhookRequest;
import org.mailhub.callback.WebhookSignature;
import org.mailhub.callback.WebhookToken;
import org.mailhub.callback.WebhookTokens;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.provider.ProviderType;

/**
 * Mailgun signs a one-time token and a timestamp, not the body: {@code signature.signature} is the
 * hex HMAC-SHA256 of {@code timestamp + token} with the account's HTTP webhook signing key ({@code
 * parent-signature} likewise with the parent account's key, for subaccounts). So the token is what
 * makes a webhook unique: a token taken before is a replay, and tokens are kept as long as their
 * timestamp is accepted ({@code mailhub.callback.mailgun.max-age}, default 9 hours, because Mailgun
 * retries a webhook for 8 hours and does not document whether a retry is signed again; replays
 * within the window are refused by the token, not by the window).
 */
@ApplicationScoped
public class MailgunWebhookSignature implements WebhookSignature<MailgunSettings> {

  @Inject WebhookTokens tokens;

  @Inject
  @ConfigProperty(name = "mailhub.callback.mailgun.max-age", defaultValue = "PT9H")
  Duration maxAge;

  Clock clock = Clock.systemUTC();

  @Override
  public ProviderType type() {
    return ProviderType.MAILGUN;
  }

  @Override
  public Class<MailgunSettings> settingsType() {
    return MailgunSettings.class;
  }

  @Override
  public void verify(MailgunSettings settings, WebhookRequest request) {
    Signed signed = check(settings, request.body(), clock.instant(), maxAge);
    if (!tokens.claim(
        new WebhookToken(ProviderType.MAILGUN, signed.mac(), request.providerId(), signed.at()),
        WebhookToken.oldestAccepted(clock.instant(), maxAge))) {
      throw new WebhookRefused(
          "replayed: a Mailgun webhook with this signature token was taken before");
    }
  }

  /**
   * A webhook's signature that the key made, at a time still accepted. The MAC, not the token, is
   * what a replay repeats: the MAC covers timestamp and token run together, so digits moved from
   * one to the other make a "new" token with the same MAC.
   */
  record Signed(String mac, Instant at) {}

  /**
   * Everything but the replay: the signature's form, the MAC and the time.
   *
   * @throws WebhookRefused when the webhook is unsigned, signed with another key, or too old
   */
  static Signed check(MailgunSettings settings, String body, Instant now, Duration maxAge) {
    if (settings.webhookSigningKey() == null) {
      throw new WebhookRefused(
          "the provider has no webhook signing key: give it the Mailgun account's HTTP webhook"
              + " signing key to accept Mailgun's webhooks");
    }
    JsonObject signature = signature(body);
    String timestamp = WebhookJson.text(signature, "timestamp");
    String token = WebhookJson.text(signature, "token");
    String given = WebhookJson.text(signature, "signature");
    String parent = WebhookJson.text(signature, "parent-signature");
    if (timestamp == null || token == null || given == null) {
      throw new WebhookRefused(
          "unsigned: a Mailgun webhook's signature needs timestamp, token and signature");
    }
    if (!timestamp.matches("[0-9]{1,12}")) {
      throw new WebhookRefused("unsigned: the signature's timestamp is not Unix seconds");
    }
    if (token.length() > WebhookToken.MAX_LENGTH) {
      throw new WebhookRefused("unsigned: the signature's token is too long");
    }
    byte[] expected = mac(settings.webhookSigningKey(), timestamp + token);
    if (!matches(expected, given) && !matches(expected, parent)) {
      throw new WebhookRefused(
          "forged: the signature does not match the provider's Mailgun webhook signing key");
    }
    Instant at = Instant.ofEpochSecond(Long.parseLong(timestamp));
    WebhookRefused.unlessRecent(at, now, maxAge, "mailhub.callback.mailgun.max-age");
    return new Signed(new String(expected, StandardCharsets.US_ASCII), at);
  }

  private static JsonObject signature(String body) {
    JsonObject root;
    try {
      root =
          WebhookJson.parse(body) instanceof JsonObject object
              ? object
              : jakarta.json.JsonValue.EMPTY_JSON_OBJECT;
    } catch (RequestRejected notJson) {
      throw new WebhookRefused("unsigned: not a Mailgun webhook (a JSON object with a signature)");
    }
    if (!(root.get("signature") instanceof JsonObject signature)) {
      throw new WebhookRefused(
          "unsigned: a Mailgun webhook carries a \"signature\" object (timestamp, token,"
              + " signature)");
    }
    return signature;
  }

  /** The hex HMAC-SHA256 of the text with the key. */
  static byte[] mac(String key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)))
          .getBytes(StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** In constant time, whatever the case of the hex digits. */
  private static boolean matches(byte[] expected, String given) {
    return given != null
        && MessageDigest.isEqual(
            expected, given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
  }
}
