package org.mailhub.provider;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/**
 * A provider as clients see it: secrets in {@code settings} masked, callback URL read-only. When
 * the stored settings cannot be read (e.g. {@code MAILHUB_SECRET_KEY} changed), {@code settings} is
 * null and {@code settingsError} says why; saving the provider again with its secrets repairs it.
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
  "callbackAuth"
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
    CallbackAuthView callbackAuth) {

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
        callbackAuth);
  }

  /** The webhook credentials, the password masked. */
  public record CallbackAuthView(String username, String password) {}

  public record PreferenceCenterView(PreferenceCenter.Mode mode, String url) {}
}
