package org.mailhub.provider;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A provider as clients see it: secrets in {@code settings} masked, callback URL read-only. When
 * the stored settings cannot be read (e.g. {@code MAILHUB_SECRET_KEY} changed), {@code settings} is
 * null and {@code settingsError} says why; saving the provider again with its secrets repairs it.
 * {@code warnings} are what the settings allow but a person should know (always present, often
 * empty).
 */
@JsonbPropertyOrder({
  "id",
  "nickname",
  "type",
  "fromName",
  "fromAddress",
  "replyTo",
  "preferenceCenter",
  "settings",
  "defaultProvider",
  "callbackUrl",
  "createdAt",
  "updatedAt",
  "settingsError",
  "callbackAuth",
  "warnings",
  "backupProviderId",
  "rateLimit"
})
public record ProviderResponse(
    Long id,
    String nickname,
    ProviderType type,
    String fromName,
    String fromAddress,
    String replyTo,
    PreferenceCenterView preferenceCenter,
    JsonObject settings,
    @JsonbProperty("default") boolean defaultProvider,
    String callbackUrl,
    Instant createdAt,
    Instant updatedAt,
    String settingsError,
    CallbackAuthView callbackAuth,
    List<String> warnings,
    @Schema(description = "The provider that takes over when this one fails; null when none.")
        Long backupProviderId,
    @Schema(description = "How fast mailhub sends through the provider; null: as fast as it goes.")
        RateLimitView rateLimit) {

  /**
   * The provider as a viewer sees it: without the callback URL, whose token lets anyone post events
   * (suppressions, statistics) for the provider.
   */
  public ProviderResponse forViewer() {
    return new ProviderResponse(
        id,
        nickname,
        type,
        fromName,
        fromAddress,
        replyTo,
        preferenceCenter,
        settings,
        defaultProvider,
        null,
        createdAt,
        updatedAt,
        settingsError,
        callbackAuth,
        warnings,
        backupProviderId,
        rateLimit);
  }

  /** The webhook credentials, the password masked. */
  public record CallbackAuthView(String username, String password) {}

  /** A provider's rate limit; a limit it does not have is null. */
  @Schema(name = "RateLimitView")
  public record RateLimitView(Integer perSecond, Integer perHour, Integer perDay) {

    /** The limit, or null when there is none. */
    static RateLimitView of(RateLimit limit) {
      return limit.isLimited()
          ? new RateLimitView(limit.perSecond(), limit.perHour(), limit.perDay())
          : null;
    }
  }

  public record PreferenceCenterView(PreferenceCenter.Mode mode, String url) {}
}
