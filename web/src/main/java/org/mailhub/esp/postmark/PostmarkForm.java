package org.mailhub.esp.postmark;

import static org.mailhub.infrastructure.Jsons.JSON;
import static org.mailhub.provider.SettingsJson.put;
import static org.mailhub.provider.SettingsJson.text;

import jakarta.enterprise.context.Dependent;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.HashMap;
import java.util.Map;
import org.mailhub.esp.smtp.SmtpServerFields;
import org.mailhub.provider.ProviderType;
import org.mailhub.provider.SettingsForm;

/** The settings of a Postmark provider on the provider page: the token and the SMTP server. */
@Dependent
public class PostmarkForm implements SettingsForm {

  private static final long serialVersionUID = 1L;

  private String apiKey;
  private String storedApiKey;
  private String messageStream;
  private final SmtpServerFields server = new SmtpServerFields();

  @Override
  public ProviderType type() {
    return ProviderType.POSTMARK;
  }

  @Override
  public String label() {
    return "Postmark (SMTP)";
  }

  @Override
  public String fragment() {
    return "/WEB-INF/providers/postmark.xhtml";
  }

  @Override
  public void read(JsonObject maskedSettings) {
    storedApiKey = text(maskedSettings, "apiKey");
    messageStream = text(maskedSettings, "messageStream");
    server.read(maskedSettings);
  }

  @Override
  public JsonObject settings() {
    JsonObjectBuilder s = JSON.createObjectBuilder();
    put(s, "apiKey", apiKey);
    server.addTo(s);
    put(s, "messageStream", messageStream);
    return s.build();
  }

  @Override
  public Map<String, String> inputs() {
    Map<String, String> inputs = new HashMap<>(SmtpServerFields.INPUTS);
    inputs.put("apiKey", "apiKey");
    inputs.put("messageStream", "messageStream");
    return inputs;
  }

  public String getApiKey() {
    return apiKey;
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  public String getStoredApiKey() {
    return storedApiKey;
  }

  public String getMessageStream() {
    return messageStream;
  }

  public void setMessageStream(String messageStream) {
    this.messageStream = messageStream;
  }

  public SmtpServerFields getServer() {
    return server;
  }
}
