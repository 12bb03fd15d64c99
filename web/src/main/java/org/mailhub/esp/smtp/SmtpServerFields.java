package org.mailhub.esp.smtp;

import static org.mailhub.provider.SettingsJson.number;
import static org.mailhub.provider.SettingsJson.put;
import static org.mailhub.provider.SettingsJson.text;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.Serializable;
import java.util.Map;

/**
 * Host, port and security of an SMTP server, as the SMTP and Postmark forms show them with the
 * fragment {@code /WEB-INF/providers/smtp-server.xhtml}.
 */
public class SmtpServerFields implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The inputs of the fragment. */
  public static final Map<String, String> INPUTS =
      Map.of("host", "host", "port", "port", "security", "security");

  private String host;
  private Integer port;
  private String security;

  public void read(JsonObject settings) {
    host = text(settings, "host");
    port = number(settings, "port");
    security = text(settings, "security");
  }

  public void addTo(JsonObjectBuilder settings) {
    put(settings, "host", host);
    put(settings, "port", port);
    put(settings, "security", security);
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public String getSecurity() {
    return security;
  }

  public void setSecurity(String security) {
    this.security = security;
  }
}
