package org.mailhub.esp.ses;

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
 * The settings of an Amazon SES provider on the provider page: region, access key, configuration
 * set and SNS topic; the endpoint only to replace SES's own.
 */
@Dependent
public class SesForm implements SettingsForm {

  private static final long serialVersionUID = 1L;

  private String region;
  private String accessKeyId;
  private final Secret secretAccessKey = new Secret();
  private final Secret sessionToken = new Secret();
  private String configurationSetName;
  private String topicArn;
  private String endpoint;

  @Override
  public ProviderType type() {
    return ProviderType.SES;
  }

  @Override
  public String label() {
    return "Amazon SES";
  }

  @Override
  public String fragment() {
    return "/WEB-INF/providers/ses.xhtml";
  }

  @Override
  public void read(JsonObject maskedSettings) {
    region = text(maskedSettings, "region");
    accessKeyId = text(maskedSettings, "accessKeyId");
    secretAccessKey.read(maskedSettings, "secretAccessKey");
    sessionToken.read(maskedSettings, "sessionToken");
    configurationSetName = text(maskedSettings, "configurationSetName");
    topicArn = text(maskedSettings, "topicArn");
    endpoint = text(maskedSettings, "endpoint");
    if (endpoint != null && endpoint.equals(SesSettings.defaultEndpoint(region))) {
      endpoint = null; // SES's own: it follows the region
    }
  }

  @Override
  public JsonObject settings() {
    JsonObjectBuilder s = JSON.createObjectBuilder();
    put(s, "region", region);
    put(s, "accessKeyId", accessKeyId);
    secretAccessKey.put(s, "secretAccessKey");
    sessionToken.put(s, "sessionToken");
    put(s, "configurationSetName", configurationSetName);
    put(s, "topicArn", topicArn);
    put(s, "endpoint", endpoint);
    return s.build();
  }

  @Override
  public Map<String, String> inputs() {
    return Map.of(
        "region", "region",
        "accessKeyId", "accessKeyId",
        "secretAccessKey", "secretAccessKey",
        "sessionToken", "sessionToken",
        "configurationSetName", "configurationSetName",
        "topicArn", "topicArn",
        "endpoint", "endpoint");
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public String getAccessKeyId() {
    return accessKeyId;
  }

  public void setAccessKeyId(String accessKeyId) {
    this.accessKeyId = accessKeyId;
  }

  public Secret getSecretAccessKey() {
    return secretAccessKey;
  }

  public Secret getSessionToken() {
    return sessionToken;
  }

  public String getConfigurationSetName() {
    return configurationSetName;
  }

  public void setConfigurationSetName(String configurationSetName) {
    this.configurationSetName = configurationSetName;
  }

  public String getTopicArn() {
    return topicArn;
  }

  public void setTopicArn(String topicArn) {
    this.topicArn = topicArn;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }
}
