package org.mailhub.esp.sendgrid;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mailhub.esp.EmailGateway;

/**
 * A Twilio SendGrid provider: the v3 mail send endpoint, the API key, and the verification key of
 * the Signed Event Webhook, without which its webhooks are refused.
 */
@Schema(
    description =
        "Settings of SENDGRID providers: SendGrid's v3 mail send with a Bearer API key, up to 1000"
            + " recipients per request; the meta value travels in custom_args.mailhub_meta. Event"
            + " Webhook calls are accepted only when signed with the Signed Event Webhook's key.")
public record SendgridSettings(
    @Schema(
            description =
                "The API key (Mail Send permission), sent as Authorization: Bearer; required"
                    + " when the provider is added.",
            extensions = @Extension(name = EmailGateway.SECRET, value = "true", parseValue = true))
        @NotBlank
        String apiKey,
    @Schema(
            description =
                "SendGrid's mail send URL, by default "
                    + DEFAULT_ENDPOINT
                    + " (https://api.eu.sendgrid.com/v3/mail/send for EU subusers); http:// or"
                    + " https://",
            pattern = "^[Hh][Tt][Tt][Pp][Ss]?://\\S+$")
        @Pattern(regexp = "(?i)https?://\\S+", message = "must start with http:// or https://")
        String endpoint,
    @Schema(
            description =
                "The Signed Event Webhook's verification key as SendGrid shows it (a base64"
                    + " public key, PEM armour optional). Until it is set, the provider's Event"
                    + " Webhook calls are refused with 401; it is a public key, not a secret.")
        @Size(max = 2000)
        String webhookVerificationKey,
    @Schema(description = "An IP pool of the account to send from (ip_pool_name); optional.")
        @Pattern(
            regexp = "[A-Za-z0-9_.-]{2,64}",
            message = "must be the name of an IP pool: 2 to 64 letters, digits, '.', '-', '_'")
        String ipPoolName,
    @Schema(
            description =
                "A category SendGrid files the emails under in its statistics; optional. Never"
                    + " personal data: SendGrid keeps categories.")
        @Size(max = 255)
        String category) {

  public static final String DEFAULT_ENDPOINT = "https://api.sendgrid.com/v3/mail/send";

  public SendgridSettings {
    endpoint = endpoint == null || endpoint.isBlank() ? DEFAULT_ENDPOINT : endpoint.strip();
    webhookVerificationKey = blankToNull(webhookVerificationKey);
    ipPoolName = blankToNull(ipPoolName);
    category = blankToNull(category);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
