package org.mailhub.esp.postmark;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.mailhub.esp.smtp.SmtpSettings;

/**
 * Postmark over SMTP: the server API token is both user name and password. Host, port and security
 * default to Postmark's and may be overridden.
 */
public record PostmarkSettings(
    @NotBlank String apiKey,
    @NotBlank String host,
    @Min(1) @Max(65535) Integer port,
    SmtpSettings.Security security) {

  public static final String HOST = "smtp.postmarkapp.com";

  public PostmarkSettings {
    host = host == null || host.isBlank() ? HOST : host.strip();
    port = port == null ? 587 : port;
    security = security == null ? SmtpSettings.Security.STARTTLS : security;
  }

  SmtpSettings smtp() {
    return new SmtpSettings(host, port, security, apiKey, apiKey);
  }
}
