package org.mailhub.esp.smtp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mailhub.esp.EmailGateway;

/**
 * An SMTP server: host, port, how the connection is secured, optional credentials, and optionally
 * the certificate (PEM) that a private relay presents, trusted besides the JVM's authorities, and
 * optionally the DKIM key that signs every message.
 */
@Schema(
    description =
        "Settings of SMTP providers: any SMTP server. The meta value travels in X-Mailhub-Meta.")
public record SmtpSettings(
    @Schema(description = "The SMTP server's host name or address.") @NotBlank String host,
    @Schema(
            description =
                "Default by security: 25 for NONE, 587 for STARTTLS_IF_OFFERED and STARTTLS, 465"
                    + " for TLS.")
        @Min(1)
        @Max(65535)
        Integer port,
    @Schema(description = SECURITY + " Default STARTTLS.") Security security,
    @Schema(description = "The user name to log in with (SMTP AUTH); none: no login.")
        String username,
    @Schema(
            description = "The password of username.",
            extensions = @Extension(name = EmailGateway.SECRET, value = "true", parseValue = true))
        String password,
    @Schema(
            description =
                "The PEM (-----BEGIN CERTIFICATE-----...) of a private relay's certificate, trusted"
                    + " besides the JVM's authorities; 400 when unreadable or given with NONE.")
        String trustedCertificate,
    @Schema(description = "Signs every email with DKIM; leave it out to send unsigned.") @Valid
        Dkim dkim) {

  /** How the OpenAPI document describes {@link Security}. */
  public static final String SECURITY =
      "How the connection is secured: NONE is plain SMTP (trusted networks only);"
          + " STARTTLS_IF_OFFERED upgrades with STARTTLS when the server offers it and goes on in"
          + " plain text when it does not; STARTTLS requires the upgrade; TLS speaks TLS from the"
          + " first byte (SMTPS). With TLS, the server's certificate must be signed by an"
          + " authority the JVM trusts or be given as trustedCertificate, and name the host.";

  /** A DNS name: labels of letters, digits and inner hyphens, separated by dots. */
  private static final String DNS_NAME =
      "[A-Za-z0-9_](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9_](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*";

  /**
   * DKIM signing (RFC 6376): the signing domain ({@code d=}), the selector ({@code s=}) under which
   * the public key is published as {@code <selector>._domainkey.<domain>}, and the RSA private key
   * as PKCS#8 PEM.
   */
  @Schema(
      name = "SmtpDkim",
      description =
          "DKIM signing (RFC 6376): rsa-sha256, relaxed/relaxed, over From, Reply-To, To, Subject,"
              + " Date, Message-ID, MIME-Version, Content-Type, List-Id, List-Unsubscribe,"
              + " List-Unsubscribe-Post and the body.")
  public record Dkim(
      @Schema(
              description =
                  "The signing domain (d=); the fromAddress's domain must be it or under it"
                      + " (DMARC alignment).")
          @NotBlank
          @Pattern(regexp = DNS_NAME, message = "must be a domain name such as acme.example")
          String domain,
      @Schema(
              description =
                  "The selector (s=): the public key is published as a TXT record at"
                      + " <selector>._domainkey.<domain>.")
          @NotBlank
          @Pattern(regexp = DNS_NAME, message = "must be a DNS label such as mh2026")
          String selector,
      @Schema(
              description =
                  "An RSA key of at least 1024 bits (2048 recommended) in PKCS#8 PEM"
                      + " (-----BEGIN PRIVATE KEY-----...); required when DKIM is"
                      + " turned on.",
              extensions =
                  @Extension(name = EmailGateway.SECRET, value = "true", parseValue = true))
          @NotBlank
          String privateKey) {

    public Dkim {
      domain = domain == null ? null : trailingDot(domain.strip()).toLowerCase(Locale.ROOT);
      selector = selector == null ? null : selector.strip();
      privateKey = privateKey == null ? null : privateKey.strip();
    }

    private static String trailingDot(String name) {
      return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
  }

  @Schema(name = "SmtpSecurity", description = SECURITY)
  public enum Security {
    /** Plain SMTP; only for servers on a trusted network. */
    NONE,
    /** Plain connection upgraded with STARTTLS when the server offers it, plain otherwise. */
    STARTTLS_IF_OFFERED,
    /** Plain connection upgraded with STARTTLS, which is required. */
    STARTTLS,
    /** TLS from the first byte (SMTPS). */
    TLS
  }

  public SmtpSettings {
    host = host == null ? null : host.strip();
    security = security == null ? Security.STARTTLS : security;
    port =
        port != null
            ? port
            : switch (security) {
              case NONE -> 25;
              case STARTTLS, STARTTLS_IF_OFFERED -> 587;
              case TLS -> 465;
            };
    username = username == null || username.isBlank() ? null : username;
    trustedCertificate =
        trustedCertificate == null || trustedCertificate.isBlank()
            ? null
            : trustedCertificate.strip();
  }
}
