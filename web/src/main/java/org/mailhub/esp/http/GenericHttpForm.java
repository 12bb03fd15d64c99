package org.mailhub.esp.http;

import static org.mailhub.infrastructure.Jsons.JSON;
import static org.mailhub.provider.SettingsJson.object;
import static org.mailhub.provider.SettingsJson.put;
import static org.mailhub.provider.SettingsJson.text;

import jakarta.enterprise.context.Dependent;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.mailhub.provider.ProviderType;
import org.mailhub.provider.Secret;
import org.mailhub.provider.SettingsForm;

/**
 * The settings of a Generic HTTP provider on the provider page: the request, its headers and its
 * parameters as editable rows, or a raw JSON body.
 */
@Dependent
public class GenericHttpForm implements SettingsForm {

  private static final long serialVersionUID = 1L;

  private String method = "POST";
  private String endpoint;
  private boolean basicAuth;
  private String username;
  private final Secret password = new Secret();
  private final List<Pair> headers = new ArrayList<>();
  private boolean rawBody;
  private final List<Pair> parameters = new ArrayList<>();
  private String bodyTemplate;
  private boolean batch;
  private String batchParameter;
  private Integer batchInstances = 100;

  /** A new provider starts with every placeholder that sending and callbacks need. */
  public GenericHttpForm() {
    parameters.add(new Pair("to", "$$To", false));
    parameters.add(new Pair("subject", "$$Subject", false));
    parameters.add(new Pair("html", "$$HTML", false));
    parameters.add(new Pair("from_name", "$$FromName", false));
    parameters.add(new Pair("from_email", "$$FromAddress", false));
    // what the ESP's callbacks send back as meta, to link each event to its email
    parameters.add(new Pair("meta", "$$Meta", false));
  }

  /**
   * One editable header or parameter row. A secret row's value is shown masked and sent back masked
   * to keep the stored one.
   */
  public static class Pair implements Serializable {
    private static final long serialVersionUID = 1L;
    private String name;
    private String value;
    private boolean secret;

    public Pair() {}

    Pair(String name, String value, boolean secret) {
      this.name = name;
      this.value = value;
      this.secret = secret;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getValue() {
      return value;
    }

    public void setValue(String value) {
      this.value = value;
    }

    /** Marked secret, or named like a credential and so secret whatever the mark says. */
    public boolean isSecret() {
      return secret || isCredential();
    }

    public void setSecret(boolean secret) {
      this.secret = secret;
    }

    public boolean isCredential() {
      return GenericHttpGateway.namedLikeCredential(name);
    }

    boolean named() {
      return name != null && !name.isBlank();
    }
  }

  @Override
  public ProviderType type() {
    return ProviderType.GENERIC_HTTP;
  }

  @Override
  public String label() {
    return "Generic HTTP";
  }

  @Override
  public String fragment() {
    return "/WEB-INF/providers/generic-http.xhtml";
  }

  @Override
  public void read(JsonObject maskedSettings) {
    method = text(maskedSettings, "method");
    endpoint = text(maskedSettings, "endpoint");
    JsonObject auth = object(maskedSettings, "auth");
    basicAuth = "BASIC".equals(text(auth, "type"));
    username = text(auth, "username");
    password.read(auth, "password");
    rows(maskedSettings, "headers", "secretHeaders", headers);
    bodyTemplate = text(maskedSettings, "bodyTemplate");
    rawBody = bodyTemplate != null;
    rows(maskedSettings, "parameters", "secretParameters", parameters);
    batch = maskedSettings.get("batch") instanceof JsonObject;
    if (batch) {
      JsonObject givenBatch = object(maskedSettings, "batch");
      batchParameter = text(givenBatch, "parameter");
      batchInstances = givenBatch.getInt("instances", 0);
    }
  }

  @Override
  public JsonObject settings() {
    JsonObjectBuilder s = JSON.createObjectBuilder();
    put(s, "method", method);
    put(s, "endpoint", endpoint);
    JsonObjectBuilder auth = JSON.createObjectBuilder().add("type", basicAuth ? "BASIC" : "NONE");
    if (basicAuth) {
      put(auth, "username", username);
      password.put(auth, "password");
    }
    s.add("auth", auth);
    JsonObjectBuilder givenHeaders = JSON.createObjectBuilder();
    headers.stream()
        .filter(Pair::named)
        .forEach(h -> givenHeaders.add(h.name.strip(), h.value == null ? "" : h.value));
    s.add("headers", givenHeaders);
    s.add("secretHeaders", marked(headers));
    if (rawBody) {
      put(s, "bodyTemplate", bodyTemplate);
    } else {
      JsonObjectBuilder givenParameters = JSON.createObjectBuilder();
      parameters.stream()
          .filter(Pair::named)
          .forEach(p -> givenParameters.add(p.name.strip(), value(p.value)));
      s.add("parameters", givenParameters);
      s.add("secretParameters", marked(parameters));
    }
    if (batch) {
      JsonObjectBuilder givenBatch = JSON.createObjectBuilder();
      put(givenBatch, "parameter", batchParameter);
      givenBatch.add("instances", batchInstances == null ? 0 : batchInstances);
      s.add("batch", givenBatch);
    }
    return s.build();
  }

  @Override
  public Map<String, String> inputs() {
    return Map.ofEntries(
        Map.entry("endpoint", "endpoint"),
        Map.entry("method", "method"),
        Map.entry("auth.username", "username"),
        Map.entry("auth.password", "password"),
        Map.entry("headers", "headersMessage"),
        Map.entry("secretHeaders", "headersMessage"),
        Map.entry("parameters", "parametersMessage"),
        Map.entry("secretParameters", "parametersMessage"),
        Map.entry("bodyTemplate", "bodyTemplate"),
        Map.entry("batch.parameter", "batchParameter"),
        Map.entry("batch.instances", "batchInstances"));
  }

  /**
   * The rows read from the settings' {@code group} object, ticked where {@code marks} names them;
   * they replace the rows there were.
   */
  private static void rows(JsonObject settings, String group, String marks, List<Pair> rows) {
    rows.clear();
    Set<String> secret =
        settings.get(marks) instanceof JsonArray marked
            ? marked.getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .collect(Collectors.toSet())
            : Set.of();
    object(settings, group)
        .forEach((name, value) -> rows.add(new Pair(name, show(value), secret.contains(name))));
  }

  /**
   * The names of the rows ticked secret; those named like credentials are secret without being
   * named.
   */
  private static JsonArrayBuilder marked(List<Pair> rows) {
    JsonArrayBuilder names = JSON.createArrayBuilder();
    rows.stream()
        .filter(row -> row.named() && row.secret && !row.isCredential())
        .forEach(row -> names.add(row.name.strip()));
    return names;
  }

  /** A parameter's value: JSON when it is an object or array, text otherwise. */
  static JsonValue value(String text) {
    String given = text == null ? "" : text.strip();
    if (given.startsWith("{") || given.startsWith("[")) {
      try (var reader = JSON.createReader(new StringReader(given))) {
        return reader.readValue();
      } catch (JsonException e) {
        // not JSON after all: sent as the text it is
      }
    }
    return JSON.createValue(text == null ? "" : text);
  }

  private static String show(JsonValue value) {
    return value instanceof JsonString string ? string.getString() : value.toString();
  }

  public void addHeader() {
    headers.add(new Pair());
  }

  public void removeHeader(Pair pair) {
    headers.remove(pair);
  }

  public void addParameter() {
    parameters.add(new Pair());
  }

  public void removeParameter(Pair pair) {
    parameters.remove(pair);
  }

  public String getMethod() {
    return method;
  }

  public void setMethod(String method) {
    this.method = method;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public boolean isBasicAuth() {
    return basicAuth;
  }

  public void setBasicAuth(boolean basicAuth) {
    this.basicAuth = basicAuth;
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

  public List<Pair> getHeaders() {
    return headers;
  }

  public boolean isRawBody() {
    return rawBody;
  }

  public void setRawBody(boolean rawBody) {
    this.rawBody = rawBody;
  }

  public List<Pair> getParameters() {
    return parameters;
  }

  public String getBodyTemplate() {
    return bodyTemplate;
  }

  public void setBodyTemplate(String bodyTemplate) {
    this.bodyTemplate = bodyTemplate;
  }

  public boolean isBatch() {
    return batch;
  }

  public void setBatch(boolean batch) {
    this.batch = batch;
  }

  public String getBatchParameter() {
    return batchParameter;
  }

  public void setBatchParameter(String batchParameter) {
    this.batchParameter = batchParameter;
  }

  public Integer getBatchInstances() {
    return batchInstances;
  }

  public void setBatchInstances(Integer batchInstances) {
    this.batchInstances = batchInstances;
  }
}
