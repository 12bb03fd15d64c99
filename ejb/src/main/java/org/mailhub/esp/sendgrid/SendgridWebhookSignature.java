package org.mailhub.esp.sendgrid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mailhub.callback.WebhookRefused;
import org.mailhub.callback.WebhookRequest;
import org.mailhub.callback.WebhookSignature;
import org.mailhub.provider.ProviderType;

/**
 * SendGrid's Signed Event Webhook: an ECDSA P-256 signature (SHA-256, DER, base64) in {@value
 * #SIGNATURE} over the {@value #TIMESTAMP} header's value followed by the body's bytes, checked
 * with the verification key SendGrid shows for the webhook.
 *
 * <p>SendGrid retries a webhook for up to 24 hours after the event and does not document that a
 * retry is signed anew, so a retry may carry its first signature; the allowed age ({@code
 * mailhub.callback.sendgrid.max-age}, 24 hours) lets such retries in rather than lose their events.
 * What a replay inside that window could do is bounded: it repeats events SendGrid itself signed,
 * and each event counts once by its {@code sg_event_id}.
 */
@ApplicationScoped
public class SendgridWebhookSignature implements WebhookSignature<SendgridSettings> {

  public static final String SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";
  public static final String TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";

  @Inject
  @ConfigProperty(name = "mailhub.callback.sendgrid.max-age", defaultValue = "PT24H")
  Duration maxAge;

  @Override
  public ProviderType type() {
    return ProviderType.SENDGRID;
  }

  @Override
  public Class<SendgridSettings> settingsType() {
    return SendgridSettings.class;
  }

  @Override
  public void verify(SendgridSettings settings, WebhookRequest request) {
    if (settings.webhookVerificationKey() == null) {
      throw new WebhookRefused(
          "SendGrid webhooks are accepted only when signed: turn on the Signed Event Webhook at"
              + " SendGrid and set the provider's webhookVerificationKey to its verification key");
    }
    PublicKey key;
    try {
      key = verificationKey(settings.webhookVerificationKey());
    } catch (IllegalArgumentException e) {
      throw new WebhookRefused("the provider's webhookVerificationKey " + e.getMessage());
    }
    verify(
        key,
        request.header(TIMESTAMP),
        request.header(SIGNATURE),
        request.bytes(),
        Instant.now(),
        maxAge);
  }

  /**
   * Checks one signed webhook.
   *
   * @param maxAge how long ago it may have been signed; null checks no age (published test vectors
   *     are old)
   * @throws WebhookRefused when it is unsigned, signed otherwise or too long ago
   */
  static void verify(
      PublicKey key,
      String timestamp,
      String signature,
      String body,
      Instant now,
      Duration maxAge) {
    verify(
        key,
        timestamp,
        signature,
        (body == null ? "" : body).getBytes(StandardCharsets.UTF_8),
        now,
        maxAge);
  }

  /** Checks one signed webhook over its body's bytes as received (SendGrid signs those). */
  static void verify(
      PublicKey key,
      String timestamp,
      String signature,
      byte[] body,
      Instant now,
      Duration maxAge) {
    if (signature == null || timestamp == null) {
      throw new WebhookRefused(
          "unsigned: a SendGrid Event Webhook call carries "
              + SIGNATURE
              + " and "
              + TIMESTAMP
              + " (turn on the Signed Event Webhook)");
    }
    if (!timestamp.matches("[0-9]{1,12}")) {
      throw new WebhookRefused(TIMESTAMP + " is not a Unix time in seconds");
    }
    Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
    if (maxAge != null) {
      WebhookRefused.unlessRecent(signedAt, now, maxAge, "mailhub.callback.sendgrid.max-age");
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(signature.strip());
    } catch (IllegalArgumentException e) {
      throw new WebhookRefused(SIGNATURE + " is not base64");
    }
    boolean valid;
    try {
      Signature ecdsa = Signature.getInstance("SHA256withECDSA");
      ecdsa.initVerify(key);
      ecdsa.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      ecdsa.update(body);
      valid = ecdsa.verify(der);
    } catch (java.security.SignatureException e) {
      valid = false; // not a DER signature at all
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA256withECDSA is missing from the JDK", e);
    }
    if (!valid) {
      throw new WebhookRefused(
          "the signature does not match: not signed by SendGrid with the verification key the"
              + " provider has, or changed on the way");
    }
  }

  /**
   * The verification key as SendGrid shows it: base64 of an X.509 SubjectPublicKeyInfo of a P-256
   * key, optionally in PEM armour.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static PublicKey verificationKey(String text) {
    String base64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is not base64");
    }
    PublicKey key;
    try {
      key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("is not an elliptic-curve public key");
    }
    if (!(key instanceof ECPublicKey ec) || !isP256(ec.getParams())) {
      throw new IllegalArgumentException("is not a P-256 key, which SendGrid signs with");
    }
    return key;
  }

  private static boolean isP256(ECParameterSpec params) {
    try {
      AlgorithmParameters named = AlgorithmParameters.getInstance("EC");
      named.init(new ECGenParameterSpec("secp256r1"));
      ECParameterSpec p256 = named.getParameterSpec(ECParameterSpec.class);
      return p256.getCurve().equals(params.getCurve())
          && p256.getGenerator().equals(params.getGenerator())
          && p256.getOrder().equals(params.getOrder());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 is missing from the JDK", e);
    }
  }
}
