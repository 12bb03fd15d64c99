package org.mailhub.esp.sendgrid;

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

/**
 * The settings of a SendGrid provider on the provider page. The webhook verification key is a
 * public key, shown as stored so that it can be compared with SendGrid's.
 */
@Dependent
public class SendgridForm implements SettingsForm {

  private static final long serialVersionUID = 1L;

  private final Secret apiKey = new Secret();
  private String endpoint;
  private String webhookVerificationKey;
  private String ipPoolName;
  private String category;

  @Override
  public ProviderType type() {
    return ProviderType.SENDGRID;
  }

  @Override
  public String label() {
    return "Twilio SendGrid";
  }

  @Override
  public String fragment() {
    return "/WEB-INF/providers/sendgrid.xhtml";
  }

  @Override
  public void read(JsonObject maskedSettings) {
    apiKey.read(maskedSettings, "apiKey");
    endpoint = text(maskedSettings, "endpoint");
    webhookVerificationKey = text(maskedSettings, "webhookVerificationKey");
    ipPoolName = text(maskedSettings, "ipPoolName");
    category = text(maskedSettings, "category");
  }

  @Override
  public JsonObject settings() {
    JsonObjectBuilder s = JSON.createObjectBuilder();
    apiKey.put(s, "apiKey");
    put(s, "endpoint", endpoint);
    put(s, "webhookVerificationKey", webhookVerificationKey);
    put(s, "ipPoolName", ipPoolName);
    put(s, "category", category);
    return s.build();
  }

  @Override
  public Map<String, String> inputs() {
    return Map.of(
        "apiKey", "apiKey",
        "endpoint", "endpoint",
        "webhookVerificationKey", "webhookVerificationKey",
        "ipPoolName", "ipPoolName",
        "category", "category");
  }

  public Secret getApiKey() {
    return apiKey;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public String getWebhookVerificationKey() {
    return webhookVerificationKey;
  }

  public void setWebhookVerificationKey(String webhookVerificationKey) {
    this.webhookVerificationKey = webhookVerificationKey;
  }

  public String getIpPoolName() {
    return ipPoolName;
  }

  public void setIpPoolName(String ipPoolName) {
    this.ipPoolName = ipPoolName;
  }

  public String getCategory() {
    return category;
  }

  public void setCategory(String category) {
    this.category = category;
  }
}
