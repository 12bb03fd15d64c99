package org.mailhub.esp.mailgun;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mailhub.esp.EmailGateway;

/**
 * A Mailgun sending domain: the account's API key, the domain, the region of the account (or
 * another base URL, such as a test server) and the HTTP webhook signing key that Mailgun's webhooks
 * are checked with. Without the signing key mailhub sends but refuses the webhooks.
 */
@Schema(
    description =
        "Settings of MAILGUN providers: POST {base}/v3/{domain}/messages with Basic api:<apiKey>, up"
            + " to 1000 recipients a call with recipient-variables; the meta value travels as the"
            + " custom variable mailhub_meta. Webhooks are checked with the webhook signing key.")
public record MailgunSettings(
    @Schema(
            description =
                "A Mailgun API key that may send for the domain (a domain sending key is enough);"
                    + " required when the provider is added.",
            extensions = @Extension(name = EmailGateway.SECRET, value = "true", parseValue = true))
        @NotBlank
        String apiKey,
    @Schema(description = "The sending domain as Mailgun knows it, e.g. mg.example.com.")
        @NotBlank
        @Pattern(
            regexp =
                "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+",
            message = "must be a domain name such as mg.example.com")
        String domain,
    @Schema(description = "US (the default, " + US + ") or EU (" + EU + "): where the account is.")
        Region region,
    @Schema(
            description =
                "Another base URL instead of the region's (a proxy, or a test server);"
                    + " http:// or https://, without /v3.",
            pattern = "^[Hh][Tt][Tt][Pp][Ss]?://\\S+$")
        @Pattern(regexp = "(?i)https?://\\S+", message = "must start with http:// or https://")
        String endpoint,
    @Schema(
            description =
                "The account's HTTP webhook signing key (Mailgun: Sending, Webhooks). Without it"
                    + " every webhook is refused with 401.",
            extensions = @Extension(name = EmailGateway.SECRET, value = "true", parseValue = true))
        String webhookSigningKey) {

  public static final String US = "https://api.mailgun.net";
  public static final String EU = "https://api.eu.mailgun.net";

  /** Where a Mailgun account lives: its API answers on the region's own host. */
  public enum Region {
    US,
    EU
  }

  public MailgunSettings {
    domain = domain == null ? null : domain.strip();
    region = region == null ? Region.US : region;
    endpoint = endpoint == null || endpoint.isBlank() ? null : endpoint.strip();
    webhookSigningKey =
        webhookSigningKey == null || webhookSigningKey.isBlank() ? null : webhookSigningKey.strip();
  }

  /** The API's base URL, without a trailing slash. */
  public String base() {
    String base = endpoint != null ? endpoint : region == Region.EU ? EU : US;
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** The messages URL of the domain. */
  String messagesUrl() {
    return base() + "/v3/" + domain + "/messages";
  }
}
