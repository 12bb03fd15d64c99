package org.mailhub.esp.smtp;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * An SMTP server: host, port, how the connection is secured, optional credentials, and optionally
 * the certificate (PEM) that a private relay presents, trusted besides the JVM's authorities.
 */
public record SmtpSettings(
    @NotBlank String host,
    @Min(1) @Max(65535) Integer port,
    Security security,
    String username,
    String password,
    String trustedCertificate) {

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
