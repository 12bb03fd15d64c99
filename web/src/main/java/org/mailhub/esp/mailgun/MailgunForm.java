package org.mailhub.esp.mailgun;

import static org.mailhub.infrastructure.Jsons.JSON;
import static org.mailhub.provider.SettingsJson.put;
import static org.mailhub.provider.SettingsJson.text;

import jakarta.enterprise.context.Dependent;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;
import org.mailhub.provider.ProviderType;
import org.mailhub.provider.Secret;
import org.mailhub.provider.SettingsForm;

/** The settings of a Mailgun provider on the provider page. */
@Dependent
public class MailgunForm implements SettingsForm {

  private static final long serialVersionUID = 1L;

  private final Secret apiKey = new Secret();
  private String domain;
  private String region = MailgunSettings.Region.US.name();
  private String endpoint;
  private final Secret webhookSigningKey = new Secret();

  @Override
  public ProviderType type() {
    return ProviderType.MAILGUN;
  }

  @Override
  public String label() {
    return "Mailgun";
  }

  @Override
  public String fragment() {
    return "/WEB-INF/providers/mailgun.xhtml";
  }

  @Override
  public void read(JsonObject maskedSettings) {
    apiKey.read(maskedSettings, "apiKey");
    domain = text(maskedSettings, "domain");
    region = text(maskedSettings, "region");
    endpoint = text(maskedSettings, "endpoint");
    webhookSigningKey.read(maskedSettings, "webhookSigningKey");
  }

  @Override
  public JsonObject settings() {
    JsonObjectBuilder s = JSON.createObjectBuilder();
    apiKey.put(s, "apiKey");
    put(s, "domain", domain);
    put(s, "region", region);
    put(s, "endpoint", endpoint);
    webhookSigningKey.put(s, "webhookSigningKey");
    return s.build();
  }

  @Override
  public Map<String, String> inputs() {
    return Map.of(
        "apiKey", "apiKey",
        "domain", "domain",
        "region", "region",
        "endpoint", "endpoint",
        "webhookSigningKey", "webhookSigningKey");
  }

  public Secret getApiKey() {
    return apiKey;
  }

  public String getDomain() {
    return domain;
  }

  public void setDomain(String domain) {
    this.domain = domain;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public Secret getWebhookSigningKey() {
    return webhookSigningKey;
  }
}
