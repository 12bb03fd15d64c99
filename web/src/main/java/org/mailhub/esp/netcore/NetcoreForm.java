package org.mailhub.esp.netcore;

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

/** The settings of a Netcore Cloud provider on the provider page. */
@Dependent
public class NetcoreForm implements SettingsForm {

  private static final long serialVersionUID = 1L;

  private String endpoint = NetcoreSettings.DEFAULT_ENDPOINT;
  private final Secret apiKey = new Secret();

  @Override
  public ProviderType type() {
    return ProviderType.NETCORE;
  }

  @Override
  public String label() {
    return "Netcore Cloud API";
  }

  @Override
  public String fragment() {
    return "/WEB-INF/providers/netcore.xhtml";
  }

  @Override
  public void read(JsonObject maskedSettings) {
    endpoint = text(maskedSettings, "endpoint");
    apiKey.read(maskedSettings, "apiKey");
  }

  @Override
  public JsonObject settings() {
    JsonObjectBuilder s = JSON.createObjectBuilder();
    put(s, "endpoint", endpoint);
    apiKey.put(s, "apiKey");
    return s.build();
  }

  @Override
  public Map<String, String> inputs() {
    return Map.of("endpoint", "endpoint", "apiKey", "apiKey");
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public Secret getApiKey() {
    return apiKey;
  }
}
