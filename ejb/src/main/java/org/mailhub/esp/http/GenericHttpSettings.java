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
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mailhub.esp.EmailGateway;

/**
 * A provider reached through any HTTP API: the request is described by headers and parameters (or a
 * raw JSON body template) containing placeholders. {@code secretHeaders} and {@code
 * secretParameters} name the values that are secrets besides those named like credentials.
 */
@Schema(
    description =
        "Settings of GENERIC_HTTP providers: any HTTP API, described by a request template whose"
            + " header values and strings in parameters or bodyTemplate may use the placeholders"
            + " $$To, $$HTML, $$Subject, $$FromName, $$FromAddress (all five required), $$Meta,"
            + " $$ReplyTo, $$UnsubscribeURL, any other $$name (a campaign value) and"
            + " {{profile.name | \"fallback\"}}.")
public record GenericHttpSettings(
    @Schema(
            description =
                "POST (the default) sends the parameters as a JSON body, GET as a query string"
                    + " (objects and arrays as JSON text).")
        Method method,
    @Schema(
            description = "The URL called; http:// or https://.",
            pattern = "^[Hh][Tt][Tt][Pp][Ss]?://\\S+$")
        @NotBlank
        @Pattern(regexp = "(?i)https?://\\S+", message = "must start with http:// or https://")
        String endpoint,
    @Schema(description = "How mailhub authenticates; default none.") @Valid Auth auth,
    @Schema(
            description =
                "Header name: value. Values of headers named like credentials (Authorization,"
                    + " X-Api-Key, anything with api-key, token, secret, password, signature,"
                    + " credential or cookie in its name) or named in secretHeaders are secrets:"
                    + " write-only, shown as •••• in answers, kept when a PUT sends the mask"
                    + " back.")
        Map<@NotBlank String, @NotNull String> headers,
    @Schema(
            description =
                "Parameter name: value, where a value may be a JSON object or array; sent as the"
                    + " JSON body (POST) or the query string (GET). Text values named like"
                    + " credentials or in secretParameters are secrets, as in headers.")
        JsonObject parameters,
    @Schema(
            description =
                "The raw JSON body instead of parameters: a JSON object with the placeholders"
                    + " inside strings.")
        String bodyTemplate,
    @Schema(description = "Sends several recipients per request; default one per request.") @Valid
        Batch batch,
    @Schema(
            description =
                "Names of headers whose values are secrets besides those named like credentials"
                    + " (at most 100).")
        List<@NotBlank String> secretHeaders,
    @Schema(
            description =
                "Names of parameters whose text values are secrets besides those named like"
                    + " credentials (at most 100).")
        List<@NotBlank String> secretParameters) {

  @Schema(name = "GenericHttpMethod")
  public enum Method {
    GET,
    POST
  }

  @Schema(
      name = "GenericHttpAuth",
      description = "{\"type\": \"NONE\"} or {\"type\": \"BASIC\", \"username\", \"password\"}.")
  public record Auth(
      @NotNull Type type,
      @Schema(description = "The user name of BASIC authentication.") String username,
      @Schema(
              description = "The password of BASIC authentication.",
              extensions =
                  @Extension(name = EmailGateway.SECRET, value = "true", parseValue = true))
          String password) {
    @Schema(name = "GenericHttpAuthType")
    public enum Type {
      NONE,
      BASIC
    }

    static final Auth NONE = new Auth(Type.NONE, null, null);
  }

  /** Sends up to {@code instances} recipients per request, as an array under {@code parameter}. */
  @Schema(
      name = "GenericHttpBatch",
      description =
          "The parameter named is rendered once per recipient into a JSON array, up to instances"
              + " per request; everything else once per request. $$To, $$Meta and {{profile...}}"
              + " must be inside it.")
  public record Batch(
      @Schema(description = "The parameter rendered once per recipient.") @NotBlank
          String parameter,
      @Schema(description = "Recipients per request, 2 to 1000.", required = true)
          @Min(2)
          @Max(1000)
          int instances) {}

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
