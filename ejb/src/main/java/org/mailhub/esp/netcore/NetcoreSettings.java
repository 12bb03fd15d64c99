package org.mailhub.esp.netcore;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** A Netcore Cloud provider: the v6 mail-send endpoint and the account's API key. */
public record NetcoreSettings(
    @NotBlank
        @Pattern(regexp = "(?i)https?://\\S+", message = "must start with http:// or https://")
        String endpoint,
    @NotBlank String apiKey) {

  public static final String DEFAULT_ENDPOINT = "https://emailapi.netcorecloud.net/v6/mail/send";

  public NetcoreSettings {
    endpoint = endpoint == null || endpoint.isBlank() ? DEFAULT_ENDPOINT : endpoint.strip();
  }
}
