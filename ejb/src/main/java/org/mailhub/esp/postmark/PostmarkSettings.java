package org.mailhub.esp.postmark;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mailhub.esp.EmailGateway;
import org.mailhub.esp.smtp.SmtpSettings;

/**
 * Postmark over SMTP: the server API token is both user name and password. Campaigns go to the
 * broadcast message stream {@code messageStream} on Postmark's broadcast host; test emails, one
 * message to one person, go to the transactional stream {@value #TRANSACTIONAL_STREAM} on
 * Postmark's transactional host. {@code host} overrides both hosts (a relay, or a test server).
 */
@Schema(
    description =
        "Settings of POSTMARK providers: Postmark over SMTP, the server API token as user name and"
            + " password. The meta value travels in X-PM-Metadata-meta.")
public record PostmarkSettings(
    @Schema(
            description = "The Postmark server API token; required when the provider is added.",
            extensions = @Extension(name = EmailGateway.SECRET, value = "true", parseValue = true))
        @NotBlank
        String apiKey,
    @Schema(
            description =
                "Default Postmark's: "
                    + BROADCAST_HOST
                    + " for campaigns, "
                    + HOST
                    + " for test emails; another host (a relay) replaces both.")
        String host,
    @Schema(description = "Default 587.") @Min(1) @Max(65535) Integer port,
    @Schema(
            description =
                "STARTTLS (the default) or TLS: the token is the SMTP password. NONE only for a"
                    + " host on the own network when the server allows private networks, else 400.")
        SmtpSettings.Security security,
    @Schema(
            description =
                "The broadcast message stream campaigns go to (default "
                    + BROADCAST_STREAM
                    + "), sent as X-PM-Message-Stream; test emails go to "
                    + TRANSACTIONAL_STREAM
                    + ".")
        @Pattern(
            regexp = "[A-Za-z0-9][A-Za-z0-9_.-]{0,99}",
            message = "must be a Postmark message stream ID: letters, digits, '-', '_' and '.'")
        String messageStream) {

  /** Postmark's host for transactional streams. */
  public static final String HOST = "smtp.postmarkapp.com";

  /** Postmark's host for broadcast streams, the default. */
  public static final String BROADCAST_HOST = "smtp-broadcasts.postmarkapp.com";

  /** Every Postmark server's broadcast stream. */
  public static final String BROADCAST_STREAM = "broadcast";

  /** Every Postmark server's transactional stream. */
  public static final String TRANSACTIONAL_STREAM = "outbound";

  public PostmarkSettings {
    // Postmark's own hosts, as given or stored by mailhub 0.1, mean "Postmark's host for the
    // stream"
    host =
        host == null
                || host.isBlank()
                || host.strip().equalsIgnoreCase(HOST)
                || host.strip().equalsIgnoreCase(BROADCAST_HOST)
            ? BROADCAST_HOST
            : host.strip();
    port = port == null ? 587 : port;
    security = security == null ? SmtpSettings.Security.STARTTLS : security;
    messageStream =
        messageStream == null || messageStream.isBlank() ? BROADCAST_STREAM : messageStream.strip();
  }

  /** Whether the host is one of Postmark's, rather than a relay given instead. */
  boolean postmarksHost() {
    return host.equals(BROADCAST_HOST);
  }

  /** The stream for a campaign's emails or for a test email. */
  String stream(boolean testEmail) {
    return testEmail ? TRANSACTIONAL_STREAM : messageStream;
  }

  /** The SMTP server for a campaign's emails or for a test email. */
  SmtpSettings smtp(boolean testEmail) {
    String server = postmarksHost() && testEmail ? HOST : host;
    // Postmark's certificates are signed by public authorities
    return new SmtpSettings(server, port, security, apiKey, apiKey, null, null);
  }
}
