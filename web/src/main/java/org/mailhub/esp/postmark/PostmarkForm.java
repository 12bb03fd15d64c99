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
import org.mailhub.provider.Secret;
import org.mailhub.provider.SettingsForm;

/** The settings of a Postmark provider on the provider page: the token and the SMTP server. */
@Dependent
public class PostmarkForm implements SettingsForm {

  private static final long serialVersionUID = 1L;

  private final Secret apiKey = new Secret();
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
    apiKey.read(maskedSettings, "apiKey");
    messageStream = text(maskedSettings, "messageStream");
    server.read(maskedSettings);
  }

  @Override
  public JsonObject settings() {
    JsonObjectBuilder s = JSON.createObjectBuilder();
    apiKey.put(s, "apiKey");
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

  public Secret getApiKey() {
    return apiKey;
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
