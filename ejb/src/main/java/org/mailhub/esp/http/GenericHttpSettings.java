package org.mailhub.esp.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A provider reached through any HTTP API: the request is described by headers and parameters (or a
 * raw JSON body template) containing placeholders. {@code secretHeaders} and {@code
 * secretParameters} name the values that are secrets besides those named like credentials.
 */
public record GenericHttpSettings(
    Method method,
    @NotBlank
        @Pattern(regexp = "(?i)https?://\\S+", message = "must start with http:// or https://")
        String endpoint,
    @Valid Auth auth,
    Map<@NotBlank String, @NotNull String> headers,
    JsonObject parameters,
    String bodyTemplate,
    @Valid Batch batch,
    List<@NotBlank String> secretHeaders,
    List<@NotBlank String> secretParameters) {

  public enum Method {
    GET,
    POST
  }

  public record Auth(@NotNull Type type, String username, String password) {
    public enum Type {
      NONE,
      BASIC
    }

    static final Auth NONE = new Auth(Type.NONE, null, null);
  }

  /** Sends up to {@code instances} recipients per request, as an array under {@code parameter}. */
  public record Batch(@NotBlank String parameter, @Min(2) @Max(1000) int instances) {}

  public GenericHttpSettings {
    method = method == null ? Method.POST : method;
    endpoint = endpoint == null ? null : endpoint.strip();
    auth = auth == null ? Auth.NONE : auth;
    headers =
        Collections.unmodifiableMap(new LinkedHashMap<>(headers == null ? Map.of() : headers));
    parameters = parameters == null ? JsonValue.EMPTY_JSON_OBJECT : parameters;
    bodyTemplate = bodyTemplate == null || bodyTemplate.isBlank() ? null : bodyTemplate;
    secretHeaders = names(secretHeaders);
    secretParameters = names(secretParameters);
  }

  /** A copy that keeps null names, so that Bean Validation names them rather than the reader. */
  private static List<String> names(List<String> names) {
    return names == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(names));
  }
}
