package org.mailhub.provider;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
                    + " refused connections, SMTP 4xx), when its circuit breaker is open, when it"
                    + " asks (Retry-After) to be left alone for longer than"
                    + " mailhub.dispatch.failover-after-pause (1 minute), or at once when it"
                    + " refuses mailhub's credentials (HTTP 401/403, SMTP 535)."
                    + " Optional; the backup may name its own, without cycles.")
        Long backupProviderId,
    @Schema(
            description =
                "How fast mailhub sends through the provider (see README, Rate limits); leave it"
                    + " out or null for as fast as it goes.")
        RateLimitRequest rateLimit) {

  /**
   * Basic-auth credentials the provider's webhooks must present (e.g. in a Postmark webhook URL
   * {@code https://user:password@host/callbacks/...}); the password is write-only like the secrets.
   */
  public record CallbackAuth(@Size(max = 100) String username, @Size(max = 200) String password) {}

  /**
   * A rate limit as given: the values are read as JSON so that a string, a fraction or a number out
   * of range is refused naming its field (JSON-B would turn {@code "50"} or {@code 1.5} into an
   * int).
   */
  @Schema(
      name = "RateLimit",
      description =
          "Emails per second, and optionally per hour and per day (UTC), as an ESP plan states them;"
              + " a batch call counts its recipients. perHour and perDay need perSecond.")
  public record RateLimitRequest(
      @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000000", example = "50")
          JsonValue perSecond,
      @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000000") JsonValue perHour,
      @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000000") JsonValue perDay) {

    /** The limit as a form has it (null: none). */
    public static RateLimitRequest of(Integer perSecond, Integer perHour, Integer perDay) {
      return new RateLimitRequest(value(perSecond), value(perHour), value(perDay));
    }

    private static JsonValue value(Integer limit) {
      return limit == null ? null : jakarta.json.Json.createValue(limit);
    }
  }

  public record PreferenceCenterRequest(PreferenceCenter.Mode mode, @Size(max = 2000) String url) {}
}
