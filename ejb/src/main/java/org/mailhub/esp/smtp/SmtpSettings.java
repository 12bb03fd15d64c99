package org.mailhub.esp.smtp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Locale;

/**
 * An SMTP server: host, port, how the connection is secured, optional credentials, and optionally
 * the certificate (PEM) that a private relay presents, trusted besides the JVM's authorities, and
 * optionally the DKIM key that signs every message.
 */
public record SmtpSettings(
    @NotBlank String host,
    @Min(1) @Max(65535) Integer port,
    Security security,
    String username,
    String password,
    String trustedCertificate,
    @Valid Dkim dkim) {

  /** A DNS name: labels of letters, digits and inner hyphens, separated by dots. */
  private static final String DNS_NAME =
      "[A-Za-z0-9_](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9_](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*";

  /**
   * DKIM signing (RFC 6376): the signing domain ({@code d=}), the selector ({@code s=}) under which
   * the public key is published as {@code <selector>._domainkey.<domain>}, and the RSA private key
   * as PKCS#8 PEM.
   */
  public record Dkim(
      @NotBlank @Pattern(regexp = DNS_NAME, message = "must be a domain name such as acme.example")
          String domain,
      @NotBlank @Pattern(regexp = DNS_NAME, message = "must be a DNS label such as mh2026")
          String selector,
      @NotBlank String privateKey) {

    public Dkim {
      domain = domain == null ? null : trailingDot(domain.strip()).toLowerCase(Locale.ROOT);
      selector = selector == null ? null : selector.strip();
      privateKey = privateKey == null ? null : privateKey.strip();
    }

    private static String trailingDot(String name) {
      return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
  }

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
