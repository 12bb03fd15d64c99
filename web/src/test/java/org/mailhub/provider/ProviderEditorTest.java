package org.mailhub.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailhub.infrastructure.Jsons;

class ProviderEditorTest {

  @Test
  void tickedRowsAreSentAsSecretNamesAndCredentialNamedOnesNeedNoMark() {
    ProviderEditor editor = new ProviderEditor();
    editor.setType(ProviderType.GENERIC_HTTP);
    editor.setEndpoint("https://relay.example/send");
    editor.getHeaders().add(new ProviderEditor.Pair(" X-Account ", "acme-7731", true));
    editor.getHeaders().add(new ProviderEditor.Pair("Authorization", "Bearer sk-1", true));
    editor.getHeaders().add(new ProviderEditor.Pair("X-Campaign", "$$hid", false));
    editor.getParameters().add(new ProviderEditor.Pair("to", "$$To", false));
    editor.getParameters().add(new ProviderEditor.Pair("api_user", "mailhub", true));
    editor.getParameters().add(new ProviderEditor.Pair(" ", "forgotten", true));

    JsonObject settings = editor.settings();

    assertEquals(json("[\"X-Account\"]"), settings.get("secretHeaders"));
    assertEquals(json("[\"api_user\"]"), settings.get("secretParameters"));
  }

  @Test
  void aRawBodySendsNoSecretParameters() {
    ProviderEditor editor = new ProviderEditor();
    editor.setType(ProviderType.GENERIC_HTTP);
    editor.setRawBody(true);
    editor.setBodyTemplate("{\"to\": \"$$To\"}");
    editor.getParameters().add(new ProviderEditor.Pair("api_user", "mailhub", true));

    assertFalse(editor.settings().containsKey("secretParameters"));
  }

  @Test
  void loadingTicksTheMarkedRowsAndTheCredentialNamedOnes() {
    ProviderEditor editor = new ProviderEditor();
    editor.providers =
        stored(
            """
            {"method": "POST", "endpoint": "https://relay.example/send", "auth": {"type": "NONE"},
             "headers": {"X-Account": "••••", "Authorization": "••••", "X-Campaign": "$$hid"},
             "secretHeaders": ["X-Account"],
             "parameters": {"to": "$$To", "api_user": "••••"}, "secretParameters": ["api_user"]}""");
    editor.setId(7L);

    editor.load();

    assertEquals(
        List.of("X-Account true ••••", "Authorization true ••••", "X-Campaign false $$hid"),
        rows(editor.getHeaders()));
    assertTrue(editor.getHeaders().get(1).isCredential());
    assertFalse(editor.getHeaders().get(0).isCredential());
    assertEquals(List.of("to false $$To", "api_user true ••••"), rows(editor.getParameters()));
    assertEquals(json("[\"X-Account\"]"), editor.settings().get("secretHeaders"));
  }

  @Test
  void aStoredDkimKeyIsNeverShownAndAnEmptyKeyFieldKeepsIt() {
    ProviderEditor editor = new ProviderEditor();
    editor.providers =
        stored(
            ProviderType.SMTP,
            """
            {"host": "relay.acme.example", "port": 587, "security": "STARTTLS",
             "dkim": {"domain": "acme.example", "selector": "mh2026", "privateKey": "••••"}}""");
    editor.setId(7L);

    editor.load();

    assertEquals("acme.example", editor.getDkimDomain());
    assertEquals("mh2026", editor.getDkimSelector());
    assertEquals(null, editor.getDkimPrivateKey());
    assertEquals("••••", editor.getStoredDkimPrivateKey());
    assertEquals(
        json("{\"domain\": \"acme.example\", \"selector\": \"mh2026\"}"),
        editor.settings().get("dkim"),
        "sent without the key, which the service keeps");

    editor.setDkimDomain(" ");
    editor.setDkimSelector("");
    assertFalse(editor.settings().containsKey("dkim"), "emptied, DKIM is turned off");
  }

  @Test
  void aNewGenericHttpProviderStartsWithEveryPlaceholderCallbacksAndSendingNeed() {
    ProviderEditor editor = new ProviderEditor();
    editor.setType(ProviderType.GENERIC_HTTP);

    editor.typeChanged();

    assertEquals(
        List.of(
            "to false $$To",
            "subject false $$Subject",
            "html false $$HTML",
            "from_name false $$FromName",
            "from_email false $$FromAddress",
            "meta false $$Meta"),
        rows(editor.getParameters()));
  }

  @Test
  void theFormSendsOnlySettingsOfTheRightTypesThatTheRecordsTake() {
    for (ProviderType type : ProviderType.values()) {
      for (boolean rawBody : List.of(false, true)) {
        ProviderEditor editor = new ProviderEditor();
        editor.setType(type);
        editor.typeChanged();
        fillEveryField(editor);
        editor.setRawBody(rawBody);

        JsonObject settings = editor.settings();

        assertEquals(
            List.of(),
            SettingsShape.of(type, ProviderSchemasTest.settingsType(type)).problems(settings),
            type + " " + settings);
      }
    }
  }

  private static void fillEveryField(ProviderEditor editor) {
    editor.setEndpoint("https://relay.example/send");
    editor.setApiKey("key-1");
    editor.setMethod("GET");
    editor.setBasicAuth(true);
    editor.setUsername("mailhub");
    editor.setPassword("secret");
    editor.setHost("mx.example");
    editor.setPort(2525);
    editor.setSecurity("TLS");
    editor.setMessageStream("broadcast");
    editor.setTrustedCertificate("-----BEGIN CERTIFICATE-----");
    editor.setDkimDomain("acme.example");
    editor.setDkimSelector("mh2026");
    editor.setDkimPrivateKey("-----BEGIN PRIVATE KEY-----");
    editor.getHeaders().add(new ProviderEditor.Pair("X-Account", "acme-7731", true));
    editor.getParameters().add(new ProviderEditor.Pair("msgs", "{\"to\": \"$$To\"}", true));
    editor.setBodyTemplate("{\"to\": \"$$To\"}");
    editor.setBatch(true);
    editor.setBatchParameter("msgs");
    editor.setBatchInstances(null);
  }

  private static List<String> rows(List<ProviderEditor.Pair> rows) {
    return rows.stream()
        .map(row -> row.getName() + " " + row.isSecret() + " " + row.getValue())
        .toList();
  }

  /** A service that answers one Generic HTTP provider with these (masked) settings. */
  private static ProviderService stored(String maskedSettings) {
    return stored(ProviderType.GENERIC_HTTP, maskedSettings);
  }

  private static ProviderService stored(ProviderType type, String maskedSettings) {
    return new ProviderService() {
      @Override
      public ProviderResponse get(long id) {
        return new ProviderResponse(
            id,
            "Relay",
            type,
            null,
            "news@acme.example",
            null,
            new ProviderResponse.PreferenceCenterView(PreferenceCenter.Mode.NONE, null),
            json(maskedSettings).asJsonObject(),
            true,
            null,
            null,
            null,
            null,
            null,
            List.of());
      }
    };
  }

  private static jakarta.json.JsonValue json(String text) {
    try (var reader = Jsons.JSON.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }
}
