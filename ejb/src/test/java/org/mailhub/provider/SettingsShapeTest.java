package org.mailhub.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailhub.esp.EmailGateway;
import org.mailhub.esp.http.GenericHttpGateway;
import org.mailhub.esp.netcore.NetcoreGateway;
import org.mailhub.esp.postmark.PostmarkGateway;
import org.mailhub.esp.sendgrid.SendgridGateway;
import org.mailhub.esp.smtp.SmtpGateway;
import org.mailhub.infrastructure.Jsons;
import org.mailhub.infrastructure.RequestRejected.FieldError;

/** Settings keys and value types that requests must get right, and what answers show. */
class SettingsShapeTest {

  private static final String SMTP_KEYS =
      "host, port, security, username, password, trustedCertificate, dkim";

  @Test
  void aTypoIsNamedWithTheKeysTheTypeTakesInsteadOfBeingIgnored() {
    assertEquals(
        List.of(
            new FieldError("settings.prot", "is not a setting: SMTP providers take " + SMTP_KEYS)),
        problems(ProviderType.SMTP, "{\"host\": \"mx.example\", \"prot\": 2525}"));
  }

  @Test
  void everyUnknownKeyIsNamedOnce() {
    assertEquals(
        List.of(
            new FieldError(
                "settings.apikey", "is not a setting: NETCORE providers take endpoint, apiKey"),
            new FieldError(
                "settings.url", "is not a setting: NETCORE providers take endpoint, apiKey")),
        problems(ProviderType.NETCORE, "{\"apikey\": \"k\", \"url\": \"https://x.example\"}"));
  }

  @Test
  void typosInsideNestedSettingsAreNamedByTheirPath() {
    assertEquals(
        List.of(
            new FieldError(
                "settings.dkim.selectr",
                "is not a setting: dkim takes domain, selector, privateKey")),
        problems(
            ProviderType.SMTP,
            """
            {"host": "mx.example",
             "dkim": {"domain": "acme.example", "selectr": "mh2026", "privateKey": "k"}}"""));
    assertEquals(
        List.of(
            new FieldError(
                "settings.auth.user", "is not a setting: auth takes type, username, password"),
            new FieldError(
                "settings.batch.size", "is not a setting: batch takes parameter, instances")),
        problems(
            ProviderType.GENERIC_HTTP,
            """
            {"endpoint": "https://relay.example/send", "auth": {"type": "BASIC", "user": "u"},
             "batch": {"parameter": "to", "size": 100}}"""));
  }

  @Test
  void freeFormHeadersParametersAndBodyTemplatesTakeAnyNames() {
    assertEquals(
        List.of(),
        problems(
            ProviderType.GENERIC_HTTP,
            """
            {"method": "POST", "endpoint": "https://relay.example/send",
             "auth": {"type": "BASIC", "username": "u", "password": "p"},
             "headers": {"X-Anything": "$$hid", "prot": "2525"},
             "parameters": {"to": "$$To", "msgs": {"selectr": [1, {"deep": null}], "n": 2}},
             "batch": {"parameter": "msgs", "instances": 100},
             "secretHeaders": ["X-Anything"], "secretParameters": []}"""));
    assertEquals(
        List.of(),
        problems(
            ProviderType.GENERIC_HTTP,
            "{\"endpoint\": \"https://relay.example\", \"bodyTemplate\": \"{\\\"prot\\\": 1}\"}"));
  }

  @Test
  void everySettingOfEveryTypeIsTakenAndNullsAreLeftToValidation() {
    assertEquals(
        List.of(),
        problems(
            ProviderType.NETCORE,
            "{\"endpoint\": \"https://emailapi.netcorecloud.net/v6/mail/send\", \"apiKey\": null}"));
    assertEquals(
        List.of(),
        problems(
            ProviderType.POSTMARK,
            """
            {"apiKey": "pm", "host": null, "port": 587, "security": "TLS",
             "messageStream": "broadcast"}"""));
    assertEquals(
        List.of(),
        problems(
            ProviderType.SMTP,
            """
            {"host": "mx.example", "port": 2525, "security": "STARTTLS_IF_OFFERED", "username": "u",
             "password": "p", "trustedCertificate": "-----BEGIN CERTIFICATE-----", "dkim": null}"""));
  }

  @Test
  void valuesOfAnotherJsonTypeAreNamedRatherThanConverted() {
    assertEquals(
        List.of(
            new FieldError("settings.host", "must be text"),
            new FieldError("settings.port", "must be a whole number (a JSON number, not text)"),
            new FieldError(
                "settings.security", "must be one of NONE, STARTTLS_IF_OFFERED, STARTTLS, TLS"),
            new FieldError("settings.dkim", "must be an object with domain, selector, privateKey")),
        problems(
            ProviderType.SMTP,
            "{\"host\": 5, \"port\": \"abc\", \"security\": \"tls\", \"dkim\": \"mh2026\"}"));
    for (String port : List.of("\"2525\"", "25.5", "99999999999", "true", "[25]")) {
      assertEquals(
          List.of(
              new FieldError("settings.port", "must be a whole number (a JSON number, not text)")),
          problems(ProviderType.POSTMARK, "{\"apiKey\": \"pm\", \"port\": " + port + "}"),
          port);
    }
  }

  @Test
  void genericHttpValuesOfAnotherJsonTypeAreNamedDownToTheHeaderOrListEntry() {
    assertEquals(
        List.of(
            new FieldError("settings.method", "must be one of GET, POST"),
            new FieldError("settings.auth.type", "must be one of NONE, BASIC"),
            new FieldError("settings.headers.X-Api-Version", "must be text"),
            new FieldError("settings.parameters", "must be a JSON object"),
            new FieldError("settings.bodyTemplate", "must be text"),
            new FieldError("settings.batch", "must be an object with parameter, instances"),
            new FieldError("settings.secretHeaders", "must be an array"),
            new FieldError("settings.secretParameters[1]", "must be text")),
        problems(
            ProviderType.GENERIC_HTTP,
            """
            {"method": "PUT", "endpoint": "https://relay.example/send", "auth": {"type": 1},
             "headers": {"X-Campaign": "$$hid", "X-Api-Version": 2}, "parameters": ["to"],
             "bodyTemplate": {"to": "$$To"}, "batch": 5, "secretHeaders": "X-Campaign",
             "secretParameters": ["to", 7]}"""));
    assertEquals(
        List.of(
            new FieldError(
                "settings.batch.instances", "must be a whole number (a JSON number, not text)")),
        problems(
            ProviderType.GENERIC_HTTP,
            "{\"endpoint\": \"https://x.example\", \"batch\": {\"parameter\": \"to\", \"instances\": null}}"));
  }

  @Test
  void everyProviderTypesSettingsRecordHasAShape() {
    for (ProviderType type : ProviderType.values()) {
      assertFalse(shape(type).keys().isEmpty(), type.name());
    }
  }

  @Test
  void answersShowOnlyTheKeysARequestMaySendBack() {
    JsonObject stored =
        json(
            """
            {"host": "mx.example", "port": 25, "retired": true,
             "dkim": {"domain": "acme.example", "selector": "mh2026", "privateKey": "k", "bits": 1024}}""");

    assertEquals(
        json(
            """
            {"host": "mx.example", "port": 25,
             "dkim": {"domain": "acme.example", "selector": "mh2026", "privateKey": "k"}}"""),
        shape(ProviderType.SMTP).known(stored));
  }

  @Test
  void answersKeepFreeFormNamesAsStored() {
    JsonObject stored =
        json(
            """
            {"endpoint": "https://relay.example", "headers": {"X-Old": "1"},
             "parameters": {"old": {"deep": 1}}, "auth": {"type": "NONE", "legacy": 1}}""");

    assertEquals(
        json(
            """
            {"endpoint": "https://relay.example", "headers": {"X-Old": "1"},
             "parameters": {"old": {"deep": 1}}, "auth": {"type": "NONE"}}"""),
        shape(ProviderType.GENERIC_HTTP).known(stored));
  }

  /** The shape of the type's settings record, as the type's gateway names it. */
  static SettingsShape shape(ProviderType type) {
    return SettingsShape.of(type, gateway(type).settingsType());
  }

  private static EmailGateway<?> gateway(ProviderType type) {
    return switch (type) {
      case NETCORE -> new NetcoreGateway();
      case GENERIC_HTTP -> new GenericHttpGateway();
      case POSTMARK -> new PostmarkGateway();
      case SMTP -> new SmtpGateway();
      case SENDGRID -> new SendgridGateway();
      case MAILGUN -> new org.mailhub.esp.mailgun.MailgunGateway();
      case SES -> new org.mailhub.esp.ses.SesGateway();
    };
  }

  private static List<FieldError> problems(ProviderType type, String settings) {
    return shape(type).problems(json(settings));
  }

  private static JsonObject json(String text) {
    try (var reader = Jsons.JSON.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
