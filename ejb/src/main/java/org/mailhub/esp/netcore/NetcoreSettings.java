package org.mailhub.esp.netcore;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mailhub.esp.EmailGateway;

/** A Netcore Cloud provider: the v6 mail-send endpoint and the account's API key. */
@Schema(
    description =
        "Settings of NETCORE providers: one POST per email to Netcore's v6 mail send, with the"
            + " api_key header.")
public record NetcoreSettings(
    @Schema(
            description =
                "Netcore's mail send URL, by default " + DEFAULT_ENDPOINT + "; http:// or https://",
            pattern = "^[Hh][Tt][Tt][Pp][Ss]?://\\S+$")
        @Pattern(regexp = "(?i)https?://\\S+", message = "must start with http:// or https://")
        String endpoint,
    @Schema(
            description =
                "The account's API key, sent as the api_key header; required when the provider"
                    + " is added.",
            extensions = @Extension(name = EmailGateway.SECRET, value = "true", parseValue = true))
        @NotBlank
        String apiKey) {

  public static final String DEFAULT_ENDPOINT = "https://emailapi.netcorecloud.net/v6/mail/send";

  public NetcoreSettings {
    endpoint = endpoint == null || endpoint.isBlank() ? DEFAULT_ENDPOINT : endpoint.strip();
  }
}
