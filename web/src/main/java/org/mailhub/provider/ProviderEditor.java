package org.mailhub.provider;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
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
import org.mailhub.esp.http.GenericHttpGateway;
import org.mailhub.esp.netcore.NetcoreSettings;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.ui.Pages;

/**
 * The provider form: the fields follow the chosen type as in the ESPs' own set-up screens, and the
 * settings are sent to {@link ProviderService} as the same JSON the REST API takes, so both are
 * checked by the same rules.
 */
@Named
@ViewScoped
public class ProviderEditor implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Where each refused field's message goes. */
  private static final Map<String, String> INPUTS =
      Map.ofEntries(
          Map.entry("nickname", "provider:nickname"),
          Map.entry("type", "provider:type"),
          Map.entry("fromName", "provider:fromName"),
          Map.entry("fromAddress", "provider:fromAddress"),
          Map.entry("replyTo", "provider:replyTo"),
          Map.entry("preferenceCenter.mode", "provider:preferenceMode"),
          Map.entry("preferenceCenter.url", "provider:preferenceUrl"),
          Map.entry("callbackAuth.username", "provider:callbackUsername"),
          Map.entry("callbackAuth.password", "provider:callbackPassword"),
          Map.entry("settings.endpoint", "provider:endpoint"),
          Map.entry("settings.apiKey", "provider:apiKey"),
          Map.entry("settings.method", "provider:method"),
          Map.entry("settings.auth.username", "provider:username"),
          Map.entry("settings.auth.password", "provider:password"),
          Map.entry("settings.username", "provider:username"),
          Map.entry("settings.password", "provider:password"),
          Map.entry("settings.host", "provider:host"),
          Map.entry("settings.port", "provider:port"),
          Map.entry("settings.security", "provider:security"),
          Map.entry("settings.messageStream", "provider:messageStream"),
          Map.entry("settings.trustedCertificate", "provider:trustedCertificate"),
          Map.entry("settings.dkim.domain", "provider:dkimDomain"),
          Map.entry("settings.dkim.selector", "provider:dkimSelector"),
          Map.entry("settings.dkim.privateKey", "provider:dkimPrivateKey"),
          Map.entry("settings.headers", "provider:headersMessage"),
          Map.entry("settings.secretHeaders", "provider:headersMessage"),
          Map.entry("settings.parameters", "provider:parametersMessage"),
          Map.entry("settings.secretParameters", "provider:parametersMessage"),
          Map.entry("settings.bodyTemplate", "provider:bodyTemplate"),
          Map.entry("settings.batch.parameter", "provider:batchParameter"),
          Map.entry("settings.batch.instances", "provider:batchInstances"));

  @Inject ProviderService providers;

  private Long id;
  private ProviderType type = ProviderType.NETCORE;
  private String nickname;
  private String fromName;
  private String fromAddress;
  private String replyTo;
  private PreferenceCenter.Mode preferenceMode = PreferenceCenter.Mode.NONE;
  private String preferenceUrl;
  private String callbackUrl;

  /** The token of the provider being added, made when the form opened. */
  private String callbackToken;

  private String callbackUsername;
  private String callbackPassword;
  private String storedCallbackPassword;

  private String endpoint = NetcoreSettings.DEFAULT_ENDPOINT;
  private String apiKey;
  private String storedApiKey;
  private String method = "POST";
  private boolean basicAuth;
  private String username;
  private String password;
  private String storedPassword;
  private String host;
  private Integer port;
  private String security;
  private String messageStream;
  private String trustedCertificate;
  private String dkimDomain;
  private String dkimSelector;
  private String dkimPrivateKey;
  private String storedDkimPrivateKey;
  private final List<Pair> headers = new ArrayList<>();
  private boolean rawBody;
  private final List<Pair> parameters = new ArrayList<>();
  private String bodyTemplate;
  private boolean batch;
  private String batchParameter;
  private Integer batchInstances = 100;

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

  /** Reads the provider named by the {@code id} parameter, or prepares a new one. */
  public void load() {
    if (id == null) {
      prepareNew();
      return;
    }
    ProviderResponse p;
    try {
      p = providers.get(id);
    } catch (RequestRejected e) {
      Pages.error(e.getMessage());
      id = null;
      prepareNew();
      return;
    }
    type = p.type();
    nickname = p.nickname();
    fromName = p.fromName();
    fromAddress = p.fromAddress();
    replyTo = p.replyTo();
    preferenceMode = p.preferenceCenter().mode();
    preferenceUrl = p.preferenceCenter().url();
    callbackUrl = p.callbackUrl();
    if (p.callbackAuth() != null) {
      callbackUsername = p.callbackAuth().username();
      storedCallbackPassword = p.callbackAuth().password();
    }
    if (p.settingsError() != null) {
      Pages.error(p.settingsError() + " Enter the settings and their secrets again.");
      endpoint = null;
      return;
    }
    JsonObject s = p.settings();
    endpoint = text(s, "endpoint");
    storedApiKey = text(s, "apiKey");
    host = text(s, "host");
    port = s.containsKey("port") && !s.isNull("port") ? s.getInt("port") : null;
    security = text(s, "security");
    messageStream = text(s, "messageStream");
    trustedCertificate = text(s, "trustedCertificate");
    username = text(s, "username");
    storedPassword = text(s, "password");
    if (s.get("dkim") instanceof JsonObject dkim) {
      dkimDomain = text(dkim, "domain");
      dkimSelector = text(dkim, "selector");
      storedDkimPrivateKey = text(dkim, "privateKey");
    }
    if (type == ProviderType.GENERIC_HTTP) {
      method = text(s, "method");
      JsonObject auth = s.getJsonObject("auth");
      basicAuth = auth != null && "BASIC".equals(text(auth, "type"));
      if (basicAuth) {
        username = text(auth, "username");
        storedPassword = text(auth, "password");
      }
      rows(s, "headers", "secretHeaders", headers);
      bodyTemplate = text(s, "bodyTemplate");
      rawBody = bodyTemplate != null;
      rows(s, "parameters", "secretParameters", parameters);
      JsonObject givenBatch = s.getJsonObject("batch");
      batch = givenBatch != null;
      if (batch) {
        batchParameter = text(givenBatch, "parameter");
        batchInstances = givenBatch.getInt("instances");
      }
    }
  }

  /** The callback URL of a new provider is shown before saving, and saving keeps it. */
  private void prepareNew() {
    if (callbackToken == null) {
      callbackToken = providers.newCallbackToken();
      callbackUrl = providers.callbackUrl(callbackToken);
    }
  }

  /** Switching the type starts its settings afresh. */
  public void typeChanged() {
    endpoint = type == ProviderType.NETCORE ? NetcoreSettings.DEFAULT_ENDPOINT : null;
    apiKey = null;
    host = null;
    port = null;
    security = null;
    messageStream = null;
    trustedCertificate = null;
    dkimDomain = null;
    dkimSelector = null;
    dkimPrivateKey = null;
    username = null;
    password = null;
    if (type == ProviderType.GENERIC_HTTP && parameters.isEmpty()) {
      parameters.add(new Pair("to", "$$To", false));
      parameters.add(new Pair("subject", "$$Subject", false));
      parameters.add(new Pair("html", "$$HTML", false));
      parameters.add(new Pair("from_name", "$$FromName", false));
      parameters.add(new Pair("from_email", "$$FromAddress", false));
      // what the ESP's callbacks send back as meta, to link each event to its email
      parameters.add(new Pair("meta", "$$Meta", false));
    }
  }

  public String save() {
    ProviderRequest request =
        new ProviderRequest(
            nickname,
            type,
            fromName,
            fromAddress,
            replyTo,
            new ProviderRequest.PreferenceCenterRequest(preferenceMode, preferenceUrl),
            settings(),
            callbackUsername == null || callbackUsername.isBlank()
                ? null
                : new ProviderRequest.CallbackAuth(callbackUsername, callbackPassword));
    try {
      ProviderResponse saved;
      if (id == null) {
        saved = providers.create(request, callbackToken);
        Pages.info("Provider " + saved.nickname() + " added");
      } else {
        saved = providers.update(id, request);
        Pages.info("Email settings updated successfully");
      }
      saved.warnings().forEach(Pages::warn);
      return "/providers?faces-redirect=true";
    } catch (RequestRejected e) {
      Pages.show(e, INPUTS);
      return null;
    }
  }

  /** The type's settings as the REST API takes them; empty secrets keep the stored ones. */
  JsonObject settings() {
    JsonObjectBuilder s = JSON.createObjectBuilder();
    switch (type) {
      case NETCORE -> {
        put(s, "endpoint", endpoint);
        put(s, "apiKey", apiKey);
      }
      case POSTMARK -> {
        put(s, "apiKey", apiKey);
        put(s, "host", host);
        put(s, "security", security);
        put(s, "messageStream", messageStream);
        if (port != null) {
          s.add("port", port);
        }
      }
      case SMTP -> {
        put(s, "host", host);
        put(s, "security", security);
        put(s, "trustedCertificate", trustedCertificate);
        put(s, "username", username);
        put(s, "password", password);
        if (port != null) {
          s.add("port", port);
        }
        if (given(dkimDomain) || given(dkimSelector) || given(dkimPrivateKey)) {
          // a key left empty keeps the stored one; domain and selector left empty turn DKIM off
          JsonObjectBuilder dkim = JSON.createObjectBuilder();
          put(dkim, "domain", dkimDomain);
          put(dkim, "selector", dkimSelector);
          put(dkim, "privateKey", dkimPrivateKey);
          s.add("dkim", dkim);
        }
      }
      case GENERIC_HTTP -> {
        put(s, "method", method);
        put(s, "endpoint", endpoint);
        JsonObjectBuilder auth =
            JSON.createObjectBuilder().add("type", basicAuth ? "BASIC" : "NONE");
        if (basicAuth) {
          put(auth, "username", username);
          put(auth, "password", password);
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
      }
    }
    return s.build();
  }

  /**
   * The rows read from the settings' {@code group} object, ticked where {@code marks} names them.
   */
  private static void rows(JsonObject settings, String group, String marks, List<Pair> rows) {
    JsonArray marked = settings.getJsonArray(marks);
    Set<String> secret =
        marked == null
            ? Set.of()
            : marked.getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .collect(Collectors.toSet());
    JsonObject given = settings.getJsonObject(group);
    if (given != null) {
      given.forEach((name, value) -> rows.add(new Pair(name, show(value), secret.contains(name))));
    }
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

  private static String text(JsonObject object, String name) {
    return object.containsKey(name) && object.get(name) instanceof JsonString string
        ? string.getString()
        : null;
  }

  private static void put(JsonObjectBuilder builder, String name, String value) {
    if (given(value)) {
      builder.add(name, value);
    }
  }

  private static boolean given(String value) {
    return value != null && !value.isBlank();
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

  public boolean isEditing() {
    return id != null;
  }

  public ProviderType[] getTypes() {
    return ProviderType.values();
  }

  public PreferenceCenter.Mode[] getPreferenceModes() {
    return PreferenceCenter.Mode.values();
  }

  // accessors for the page

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  public ProviderType getType() {
    return type;
  }

  public void setType(ProviderType type) {
    this.type = type;
  }

  public String getNickname() {
    return nickname;
  }

  public void setNickname(String nickname) {
    this.nickname = nickname;
  }

  public String getFromName() {
    return fromName;
  }

  public void setFromName(String fromName) {
    this.fromName = fromName;
  }

  public String getFromAddress() {
    return fromAddress;
  }

  public void setFromAddress(String fromAddress) {
    this.fromAddress = fromAddress;
  }

  public String getReplyTo() {
    return replyTo;
  }

  public void setReplyTo(String replyTo) {
    this.replyTo = replyTo;
  }

  public PreferenceCenter.Mode getPreferenceMode() {
    return preferenceMode;
  }

  public void setPreferenceMode(PreferenceCenter.Mode preferenceMode) {
    this.preferenceMode = preferenceMode;
  }

  public String getPreferenceUrl() {
    return preferenceUrl;
  }

  public void setPreferenceUrl(String preferenceUrl) {
    this.preferenceUrl = preferenceUrl;
  }

  public String getCallbackUrl() {
    return callbackUrl;
  }

  public String getCallbackUsername() {
    return callbackUsername;
  }

  public void setCallbackUsername(String callbackUsername) {
    this.callbackUsername = callbackUsername;
  }

  public String getCallbackPassword() {
    return callbackPassword;
  }

  public void setCallbackPassword(String callbackPassword) {
    this.callbackPassword = callbackPassword;
  }

  public String getStoredCallbackPassword() {
    return storedCallbackPassword;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
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

  public String getMethod() {
    return method;
  }

  public void setMethod(String method) {
    this.method = method;
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

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getStoredPassword() {
    return storedPassword;
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

  public String getTrustedCertificate() {
    return trustedCertificate;
  }

  public void setTrustedCertificate(String trustedCertificate) {
    this.trustedCertificate = trustedCertificate;
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

  public String getDkimPrivateKey() {
    return dkimPrivateKey;
  }

  public void setDkimPrivateKey(String dkimPrivateKey) {
    this.dkimPrivateKey = dkimPrivateKey;
  }

  public String getStoredDkimPrivateKey() {
    return storedDkimPrivateKey;
  }

  public String getMessageStream() {
    return messageStream;
  }

  public void setMessageStream(String messageStream) {
    this.messageStream = messageStream;
  }

  public String getSecurity() {
    return security;
  }

  public void setSecurity(String security) {
    this.security = security;
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
