package org.mailhub.provider;

import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A provider as clients create or replace it; {@code settings} depend on {@code type}. */
public record ProviderRequest(
    @NotBlank @Size(max = 100) String nickname,
    @NotNull ProviderType type,
    @Size(max = 200) String fromName,
    @NotBlank @Email @Size(max = 320) String fromAddress,
    @Email @Size(max = 320) String replyTo,
    @Valid PreferenceCenterRequest preferenceCenter,
    @NotNull JsonObject settings,
    @Valid CallbackAuth callbackAuth,
    @Schema(
            description =
                "The provider that takes over this one's running campaigns when it fails: after"
                    + " mailhub.dispatch.failover-after-attempts attempts that may heal (5xx, 429,"
                    + " refused connections, SMTP 4xx), when its circuit breaker is open, or at"
                    + " once when it refuses mailhub's credentials (HTTP 401/403, SMTP 535)."
                    + " Optional; the backup may name its own, without cycles.")
        Long backupProviderId) {

  /**
   * Basic-auth credentials the provider's webhooks must present (e.g. in a Postmark webhook URL
   * {@code https://user:password@host/callbacks/...}); the password is write-only like the secrets.
   */
  public record CallbackAuth(@Size(max = 100) String username, @Size(max = 200) String password) {}

  public record PreferenceCenterRequest(PreferenceCenter.Mode mode, @Size(max = 2000) String url) {}
}
