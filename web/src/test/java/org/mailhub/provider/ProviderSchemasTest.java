package org.mailhub.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;
import org.mailhub.esp.http.GenericHttpGateway;
import org.mailhub.esp.netcore.NetcoreGateway;
import org.mailhub.esp.postmark.PostmarkGateway;
import org.mailhub.esp.sendgrid.SendgridGateway;
import org.mailhub.esp.smtp.SmtpGateway;
import org.mailhub.infrastructure.Jsons;

/** The document finds each type's settings schema under the name SmallRye gives its record. */
class ProviderSchemasTest {

  @Test
  void eachTypesSettingsSchemaIsNamedAfterItsAnnotatedRecord() {
    for (ProviderType type : ProviderType.values()) {
      Class<?> settings = settingsType(type);
      Schema described = settings.getAnnotation(Schema.class);

      assertNotNull(described, settings + " is not in the document without @Schema");
      String name = described.name().isEmpty() ? settings.getSimpleName() : described.name();
      assertEquals(ProviderSchemas.settingsSchema(type), name, type.name());
    }
  }

  @Test
  void theDocumentsExamplesSendOnlySettingsTheRecordsTake() {
    for (ProviderType type : ProviderType.values()) {
      String example =
          switch (type) {
            case NETCORE -> Examples.NETCORE;
            case GENERIC_HTTP -> Examples.GENERIC_HTTP;
            case POSTMARK -> Examples.POSTMARK;
            case SMTP -> Examples.SMTP;
            case SENDGRID -> Examples.SENDGRID;
            case MAILGUN -> Examples.MAILGUN;
            case SES -> Examples.SES;
          };
      JsonObject request = Jsons.JSON.createReader(new StringReader(example)).readObject();

      assertEquals(type.name(), request.getString("type"));
      assertEquals(
          List.of(),
          SettingsShape.of(type, settingsType(type)).problems(request.getJsonObject("settings")),
          type.name());
    }
  }

  /** The settings record of the type, as its gateway names it. */
  static Class<?> settingsType(ProviderType type) {
    return switch (type) {
      case NETCORE -> new NetcoreGateway().settingsType();
      case GENERIC_HTTP -> new GenericHttpGateway().settingsType();
      case POSTMARK -> new PostmarkGateway().settingsType();
      case SMTP -> new SmtpGateway().settingsType();
      case SENDGRID -> new SendgridGateway().settingsType();
      case MAILGUN -> new org.mailhub.esp.mailgun.MailgunGateway().settingsType();
      case SES -> new org.mailhub.esp.ses.SesGateway().settingsType();
    };
  }

  @Test
  void schemaNamesSpellTheTypeInCamelCase() {
    assertEquals("GenericHttp", ProviderSchemas.prefix(ProviderType.GENERIC_HTTP));
    assertEquals("Smtp", ProviderSchemas.prefix(ProviderType.SMTP));
  }
}
