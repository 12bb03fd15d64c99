package org.mailhub.esp.smtp;

import static org.mailhub.infrastructure.Jsons.JSON;
import static org.mailhub.provider.SettingsJson.given;
import static org.mailhub.provider.SettingsJson.object;
import static org.mailhub.provider.SettingsJson.put;
import static org.mailhub.provider.SettingsJson.text;

import jakarta.enterprise.context.Dependent;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.HashMap;
import java.util.Map;
import org.mailhub.provider.ProviderType;
import org.mailhub.provider.Secret;
import org.mailhub.provider.SettingsForm;

/** The settings of an SMTP provider on the provider page, DKIM signing included. */
@Dependent
public class SmtpForm implements SettingsForm {

  private static final long serialVersionUID = 1L;

  private final SmtpServerFields server = new SmtpServerFields();
  private String trustedCertificate;
  private String username;
  private final Secret password = new Secret();
  private String dkimDomain;
  private String dkimSelector;
  private final Secret dkimPrivateKey = new Secret();

  @Override
  public ProviderType type() {
    return ProviderType.SMTP;
  }

  @Override
  public String label() {
    return "Generic SMTP";
  }

  @Override
  public String fragment() {
    return "/WEB-INF/providers/smtp.xhtml";
  }

  @Override
  public void read(JsonObject maskedSettings) {
    server.read(maskedSettings);
    trustedCertificate = text(maskedSettings, "trustedCertificate");
    username = text(maskedSettings, "username");
    password.read(maskedSettings, "password");
    JsonObject dkim = object(maskedSettings, "dkim");
    dkimDomain = text(dkim, "domain");
    dkimSelector = text(dkim, "selector");
    dkimPrivateKey.read(dkim, "privateKey");
  }

  @Override
  public JsonObject settings() {
    JsonObjectBuilder s = JSON.createObjectBuilder();
    server.addTo(s);
    put(s, "trustedCertificate", trustedCertificate);
    put(s, "username", username);
    password.put(s, "password");
    if (given(dkimDomain) || given(dkimSelector) || given(dkimPrivateKey.getValue())) {
      // a key left empty keeps the stored one; domain and selector left empty turn DKIM off
      JsonObjectBuilder dkim = JSON.createObjectBuilder();
      put(dkim, "domain", dkimDomain);
      put(dkim, "selector", dkimSelector);
      dkimPrivateKey.put(dkim, "privateKey");
      s.add("dkim", dkim);
    }
    return s.build();
  }

  @Override
  public Map<String, String> inputs() {
    Map<String, String> inputs = new HashMap<>(SmtpServerFields.INPUTS);
    inputs.put("trustedCertificate", "trustedCertificate");
    inputs.put("username", "username");
    inputs.put("password", "password");
    inputs.put("dkim.domain", "dkimDomain");
    inputs.put("dkim.selector", "dkimSelector");
    inputs.put("dkim.privateKey", "dkimPrivateKey");
    return inputs;
  }

  public SmtpServerFields getServer() {
    return server;
  }

  public String getTrustedCertificate() {
    return trustedCertificate;
  }

  public void setTrustedCertificate(String trustedCertificate) {
    this.trustedCertificate = trustedCertificate;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public Secret getPassword() {
    return password;
  }

  public String getDkimDomain() {
    return dkimDomain;
  }

  public void setDkimDomain(String dkimDomain) {
    this.dkimDomain = dkimDomain;
  }

  public String getDkimSelector() {
    return dkimSelector;
  }

  public void setDkimSelector(String dkimSelector) {
    this.dkimSelector = dkimSelector;
  }

  public Secret getDkimPrivateKey() {
    return dkimPrivateKey;
  }
}
