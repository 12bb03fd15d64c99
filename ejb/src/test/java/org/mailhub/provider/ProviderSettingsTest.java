package org.mailhub.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailhub.esp.http.GenericHttpGateway;
import org.mailhub.infrastructure.Jsons;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.infrastructure.RequestRejected.FieldError;

/** Secrets marked in Generic HTTP settings, as answers show them and as a PUT keeps them. */
class ProviderSettingsTest {

  private final GenericHttpGateway gateway = new GenericHttpGateway();

  private static final JsonObject STORED =
      json(
          """
          {"headers": {"X-Account": "acme-7731", "X-Campaign": "$$hid"},
           "secretHeaders": ["X-Account"]}""");

  /** The stored settings as the form or a client sends them back: masked, still marked. */
  private static final JsonObject MASK_SENT_BACK =
      json(
          """
          {"headers": {"X-Account": "••••", "X-Campaign": "$$hid"},
           "secretHeaders": ["X-Account"]}""");

  @Test
  void aMarkedHeaderIsShownMaskedAndAnUnmarkedOneInClear() {
    JsonObject shown = ProviderSettings.masked(gateway, STORED).getJsonObject("headers");

    assertEquals("••••", shown.getString("X-Account"));
    assertEquals("$$hid", shown.getString("X-Campaign"));
  }

  @Test
  void sendingTheMaskBackKeepsTheStoredValue() {
    JsonObject kept = ProviderSettings.keepSecrets(gateway, MASK_SENT_BACK, STORED);

    assertEquals("acme-7731", kept.getJsonObject("headers").getString("X-Account"));
  }

  @Test
  void aNewlyMarkedValueIsStoredAsGivenAndShownMasked() {
    JsonObject stored = json("{\"headers\": {\"X-Account\": \"acme-7731\"}}");
    JsonObject requested =
        json("{\"headers\": {\"X-Account\": \"acme-7731\"}, \"secretHeaders\": [\"X-Account\"]}");

    JsonObject kept = ProviderSettings.keepSecrets(gateway, requested, stored);

    assertEquals(requested, kept);
    assertEquals(
        "••••",
        ProviderSettings.masked(gateway, kept).getJsonObject("headers").getString("X-Account"));
  }

  @Test
  void unmarkingNeedsTheValueAgainSoThatTheStoredOneIsNeverShown() {
    JsonObject masked = json("{\"headers\": {\"X-Account\": \"••••\", \"X-Campaign\": \"$$hid\"}}");

    var refused =
        assertThrows(
            RequestRejected.class, () -> ProviderSettings.keepSecrets(gateway, masked, STORED));
    assertEquals(
        List.of(
            new FieldError(
                "settings.headers.X-Account",
                "was secret: give its value again to make it visible")),
        refused.fieldErrors());

    JsonObject given =
        json("{\"headers\": {\"X-Account\": \"acme-9\", \"X-Campaign\": \"$$hid\"}}");
    assertEquals(given, ProviderSettings.keepSecrets(gateway, given, STORED));
  }

  @Test
  void aMarkedSecretLeftOutIsKeptAndAnUnmarkedOneDropped() {
    JsonObject marked =
        json("{\"headers\": {\"X-Campaign\": \"$$hid\"}, \"secretHeaders\": [\"X-Account\"]}");
    assertEquals(
        "acme-7731",
        ProviderSettings.keepSecrets(gateway, marked, STORED)
            .getJsonObject("headers")
            .getString("X-Account"));

    JsonObject unmarked = json("{\"headers\": {\"X-Campaign\": \"$$hid\"}}");
    JsonObject kept = ProviderSettings.keepSecrets(gateway, unmarked, STORED);
    assertFalse(kept.getJsonObject("headers").containsKey("X-Account"), kept.toString());
  }

  @Test
  void aCredentialNamedHeaderLeftOutIsStillKept() {
    JsonObject stored = json("{\"headers\": {\"Authorization\": \"Bearer sk-1\"}}");

    JsonObject kept = ProviderSettings.keepSecrets(gateway, json("{\"headers\": {}}"), stored);

    assertEquals("Bearer sk-1", kept.getJsonObject("headers").getString("Authorization"));
  }

  @Test
  void aMarkedValueMustBeGivenAgainForAnotherEndpoint() {
    var refused =
        assertThrows(
            RequestRejected.class,
            () -> ProviderSettings.requireSecretsAgain(gateway, MASK_SENT_BACK, STORED));

    assertEquals("settings.headers.X-Account", refused.fieldErrors().get(0).field());
  }

  @Test
  void aRequestWithoutTheGroupOfAStoredSecretIsAnsweredNotTakenForMalformedJson() {
    JsonObject stored =
        json("{\"parameters\": {\"api_user\": \"u-1\"}, \"secretParameters\": [\"api_user\"]}");
    JsonObject rawBody = json("{\"bodyTemplate\": \"{}\"}");

    assertEquals(rawBody, ProviderSettings.keepSecrets(gateway, rawBody, stored));
    var refused =
        assertThrows(
            RequestRejected.class,
            () -> ProviderSettings.requireSecretsAgain(gateway, rawBody, stored));
    assertEquals("settings.parameters.api_user", refused.fieldErrors().get(0).field());
  }

  private static JsonObject json(String text) {
    try (var reader = Jsons.JSON.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
