package org.mailhub.esp.ses;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mailhub.callback.WebhookRefused;
import org.mailhub.callback.WebhookRequest;
import org.mailhub.callback.WebhookSignature;
import org.mailhub.callback.WebhookToken;
import org.mailhub.callback.WebhookTokens;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.provider.ProviderType;

/**
 * Checks that Amazon SNS signed the message, as SNS documents ("Verifying the signatures of Amazon
 * SNS messages"): the certificate comes from {@code SigningCertURL}, which must be an https URL of
 * an {@code sns.<region>.amazonaws.com} host (or {@code .amazonaws.com.cn}), ending in {@code
 * .pem}; the signature ({@code SignatureVersion} 1: SHA1withRSA, 2: SHA256withRSA) covers the
 * message's fields as {@link SnsMessage#stringToSign} writes them. Certificates are kept by URL
 * (SNS signs with few), at most {@value #CACHED_CERTIFICATES}.
 *
 * <p>SNS keeps a message's {@code Timestamp} (when it was published) on every retry, and retries an
 * HTTP/S subscription for at most an hour (a hard limit of its delivery policies); so messages
 * older than {@code mailhub.callback.ses.max-age}, an hour and a quarter by default, are refused: a
 * genuine one is past SNS's retries, so it is a replay. Within that time a message is taken once
 * per provider by its {@code MessageId} (kept in {@link WebhookTokens}, in the webhook's own
 * transaction, so that SNS's retry of a delivery that failed is taken): a second delivery is
 * refused as a replay. Per provider, since every subscription of a topic gets the same message.
 * With {@code topicArn} in the settings, messages of other topics are refused (anyone can make SNS
 * sign messages of their own topic).
 */
@ApplicationScoped
public class SnsSignature implements WebhookSignature<SesSettings> {

  /**
   * SNS's certificate URLs: https, the host {@code sns.<region>.amazonaws.com} (or {@code .com.cn})
   * with a region's name (two letters, words, a number: so no S3 bucket named {@code sns} at {@code
   * sns.s3.amazonaws.com}), and the path of SNS's signing certificates.
   */
  public static final String DEFAULT_URL_PATTERN =
      "https://sns\\.[a-z]{2}(-[a-z]+)+-[0-9]+\\.amazonaws\\.com(\\.cn)?"
          + "/SimpleNotificationService-[0-9a-f]+\\.pem";

  /** An AWS SNS host, with its region. */
  private static final Pattern AWS_HOST =
      Pattern.compile("sns\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");

  static final int CACHED_CERTIFICATES = 32;

  @Inject SnsHttp http;
  @Inject WebhookTokens tokens;

  /**
   * The pattern SNS's certificate URLs must match, whole; another pattern only for tests and
   * air-gapped setups with an SNS stand-in. Subscription URLs must be on the certificate's host.
   */
  @Inject
  @ConfigProperty(name = "mailhub.callback.ses.sns-url-pattern", defaultValue = DEFAULT_URL_PATTERN)
  String urlPattern;

  @Inject
  @ConfigProperty(name = "mailhub.callback.ses.max-age", defaultValue = "PT1H15M")
  Duration maxAge;

  Clock clock = Clock.systemUTC();

  private final Map<String, X509Certificate> certificates =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, X509Certificate> eldest) {
              return size() > CACHED_CERTIFICATES;
            }
          });

  @Override
  public ProviderType type() {
    return ProviderType.SES;
  }

  @Override
  public Class<SesSettings> settingsType() {
    return SesSettings.class;
  }

  @Override
  public void verify(SesSettings settings, WebhookRequest request) {
    SnsMessage message;
    try {
      message = SnsMessage.read(request.body());
    } catch (RequestRejected e) {
      throw new WebhookRefused("not an Amazon SNS message: " + e.getMessage());
    }
    if (!SnsMessage.NOTIFICATION.equals(message.type()) && !message.confirmation()) {
      throw new WebhookRefused(
          "not an Amazon SNS message: Type is "
              + (message.type() == null ? "missing" : "'" + message.type() + "'"));
    }
    String headerType = request.header("x-amz-sns-message-type");
    if (headerType != null && !headerType.equals(message.type())) {
      throw new WebhookRefused(
          "x-amz-sns-message-type " + headerType + " is not the message's Type " + message.type());
    }
    String algorithm = algorithm(message.signatureVersion());
    if (message.signature() == null) {
      throw new WebhookRefused("unsigned: the SNS message has no Signature");
    }
    URI certificateUrl = snsUrl("SigningCertURL", message.signingCertUrl());
    if (!certificateUrl.getPath().endsWith(".pem") || certificateUrl.getRawQuery() != null) {
      throw new WebhookRefused("SigningCertURL is not a certificate (.pem) URL of Amazon SNS");
    }
    sameRegion(certificateUrl, message.topicArn());
    if (message.confirmation()) {
      onHost("SubscribeURL", message.subscribeUrl(), certificateUrl);
    }
    Instant signedAt = timestamp(message);
    if (settings.topicArn() != null && !settings.topicArn().equals(message.topicArn())) {
      throw new WebhookRefused(
          "the message is of SNS topic "
              + message.topicArn()
              + ", not of the provider's topic "
              + settings.topicArn());
    }
    X509Certificate certificate = certificate(certificateUrl);
    try {
      certificate.checkValidity(Date.from(signedAt));
    } catch (CertificateException e) {
      throw new WebhookRefused("the SNS certificate was not valid when the message was signed");
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(message.signature().strip());
    } catch (IllegalArgumentException e) {
      throw new WebhookRefused("forged: the Signature is not base64");
    }
    if (!verifies(algorithm, certificate, message.stringToSign(), signature)) {
      throw new WebhookRefused(
          "forged: the Signature does not match the message and SNS's certificate");
    }
    if (message.messageId() == null
        || message.messageId().length() > WebhookToken.MAX_LENGTH / 2
        || !tokens.claim(
            new WebhookToken(
                ProviderType.SES,
                request.providerId() + "/" + message.messageId(),
                request.providerId(),
                signedAt),
            WebhookToken.oldestAccepted(clock.instant(), maxAge))) {
      throw new WebhookRefused(
          "replayed: the SNS message " + message.messageId() + " was taken before");
    }
  }

  private static String algorithm(String version) {
    if ("1".equals(version)) {
      return "SHA1withRSA";
    }
    if ("2".equals(version)) {
      return "SHA256withRSA";
    }
    throw new WebhookRefused(
        "SignatureVersion "
            + (version == null ? "missing" : "'" + version + "'")
            + ": SNS signs with version 1 or 2");
  }

  /** The URL when it is one of SNS's (or the stand-in's the configuration names). */
  URI snsUrl(String field, String url) {
    if (url == null) {
      throw new WebhookRefused("the SNS message has no " + field);
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new WebhookRefused(field + " is not a URL");
    }
    if (uri.getHost() == null
        || uri.getRawUserInfo() != null
        || !Pattern.compile(urlPattern).matcher(url).matches()) {
      throw new WebhookRefused(
          field + " " + url + " is not an https URL of Amazon SNS (sns.<region>.amazonaws.com)");
    }
    return uri;
  }

  /**
   * SNS signs with its own region's certificate: a topic of one region with a certificate of
   * another is not SNS's.
   */
  private static void sameRegion(URI certificateUrl, String topicArn) {
    Matcher host = AWS_HOST.matcher(certificateUrl.getHost());
    String[] arn = topicArn == null ? new String[0] : topicArn.split(":", -1);
    if (host.matches() && (arn.length < 6 || !arn[3].equals(host.group(1)))) {
      throw new WebhookRefused(
          "SigningCertURL is of SNS in " + host.group(1) + ", not of the topic's region");
    }
  }

  /** The URL when it is on the host (scheme, host and port) of SNS's certificate. */
  private static void onHost(String field, String url, URI certificateUrl) {
    URI uri;
    try {
      uri = url == null ? null : URI.create(url);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null
        || uri.getRawUserInfo() != null
        || !certificateUrl.getScheme().equals(uri.getScheme())
        || !certificateUrl.getHost().equals(uri.getHost())
        || certificateUrl.getPort() != uri.getPort()) {
      throw new WebhookRefused(field + " is not a URL of the SNS that signed the message");
    }
  }

  private Instant timestamp(SnsMessage message) {
    Instant signedAt;
    try {
      signedAt = Instant.parse(String.valueOf(message.timestamp()));
    } catch (DateTimeParseException e) {
      throw new WebhookRefused("the SNS message's Timestamp is missing or unreadable");
    }
    WebhookRefused.unlessRecent(signedAt, clock.instant(), maxAge, "mailhub.callback.ses.max-age");
    return signedAt;
  }

  private X509Certificate certificate(URI url) {
    X509Certificate cached = certificates.get(url.toString());
    if (cached != null) {
      return cached;
    }
    String pem;
    try {
      pem = http.get(url);
    } catch (IOException e) {
      throw new SnsUnavailable("Cannot fetch SNS's certificate " + url + ": " + e.getMessage(), e);
    }
    X509Certificate certificate;
    try {
      certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException | ClassCastException e) {
      throw new WebhookRefused("SigningCertURL " + url + " does not give an X.509 certificate");
    }
    certificates.put(url.toString(), certificate);
    return certificate;
  }

  private static boolean verifies(
      String algorithm, X509Certificate certificate, String signed, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(signed.getBytes(StandardCharsets.UTF_8));
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
