package org.mailhub.esp.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.mailhub.esp.Email;
import org.mailhub.esp.EmailGateway;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.HttpExchange;
import org.mailhub.esp.SendOutcome;
import org.mailhub.infrastructure.RequestRejected.FieldError;
import org.mailhub.provider.PreferenceCenter;
import org.mailhub.provider.ProviderType;
import org.mailhub.template.Template;

/** Any HTTP API, called as the provider's request template describes. */
@ApplicationScoped
public class GenericHttpGateway implements EmailGateway<GenericHttpSettings> {

  /** Headers the JDK HTTP client sets itself and refuses to take from the caller. */
  private static final Set<String> RESTRICTED_HEADERS =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  /** Values that differ per recipient; with batching they belong inside the batch parameter. */
  private static final Set<String> PER_RECIPIENT =
      Set.of(Template.TO, Template.META, Template.UNSUBSCRIBE_URL);

  @Inject HttpExchange http;

  @Override
  public ProviderType type() {
    return ProviderType.GENERIC_HTTP;
  }

  @Override
  public java.util.Map<String, String> destinations(GenericHttpSettings settings) {
    String host = org.mailhub.esp.Destinations.hostOf(settings.endpoint());
    return host == null ? java.util.Map.of() : java.util.Map.of("endpoint", host);
  }

  @Override
  public Class<GenericHttpSettings> settingsType() {
    return GenericHttpSettings.class;
  }

  @Override
  public Set<String> secretFields() {
    return Set.of("/auth/password");
  }

  /** Header and parameter names that carry credentials, whatever else they are called. */
  private static final java.util.regex.Pattern SECRET_NAME =
      java.util.regex.Pattern.compile(
          "(?i).*(authorization|api[-_]?key|apikey|token|secret|password|passwd|signature"
              + "|credential|cookie).*");

  /** How many header or parameter names the settings may mark secret. */
  static final int MAX_SECRET_NAMES = 100;

  /** Whether a header or parameter with a text value is secret by its name alone. */
  public static boolean namedLikeCredential(String name) {
    return name != null && SECRET_NAME.matcher(name).matches();
  }

  @Override
  public Set<String> secretFields(JsonObject settings) {
    Set<String> fields = new LinkedHashSet<>(secretFields());
    fields.addAll(secretValues(settings, "headers", "secretHeaders"));
    fields.addAll(secretValues(settings, "parameters", "secretParameters"));
    return fields;
  }

  /** The text values of the group that are named like credentials or marked secret. */
  private static List<String> secretValues(JsonObject settings, String group, String marks) {
    Set<String> marked = new LinkedHashSet<>();
    if (settings.get(marks) instanceof JsonArray names) {
      names.getValuesAs(JsonValue.class).stream()
          .filter(JsonString.class::isInstance)
          .forEach(name -> marked.add(((JsonString) name).getString()));
    }
    List<String> fields = new ArrayList<>();
    if (settings.get(group) instanceof JsonObject values) {
      values.forEach(
          (name, value) -> {
            if (value instanceof JsonString
                && (marked.contains(name) || namedLikeCredential(name))) {
              fields.add("/" + group + "/" + name.replace("~", "~0").replace("/", "~1"));
            }
          });
    }
    return fields;
  }

  @Override
  public String connection(GenericHttpSettings settings) {
    return settings.endpoint();
  }

  @Override
  public List<FieldError> check(GenericHttpSettings settings) {
    List<FieldError> errors = new ArrayList<>();
    if (settings.auth().type() == GenericHttpSettings.Auth.Type.BASIC) {
      if (isBlank(settings.auth().username())) {
        errors.add(new FieldError("auth.username", "is required for basic authentication"));
      }
      if (isBlank(settings.auth().password())) {
        errors.add(new FieldError("auth.password", "is required for basic authentication"));
      }
    }
    settings.headers().keySet().stream()
        .filter(name -> RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT)))
        .forEach(
            name ->
                errors.add(
                    new FieldError(
                        "headers", "'" + name + "' is set by mailhub and cannot be configured")));
    checkMarks(errors, "secretHeaders", settings.secretHeaders(), "headers", settings.headers());
    checkMarks(
        errors,
        "secretParameters",
        settings.secretParameters(),
        "parameters",
        settings.parameters());

    String templateField = "parameters";
    JsonObject parameters = settings.parameters();
    if (settings.bodyTemplate() != null) {
      templateField = "bodyTemplate";
      if (!settings.parameters().isEmpty()) {
        errors.add(
            new FieldError("bodyTemplate", "give either parameters or a body template, not both"));
      }
      if (settings.method() == GenericHttpSettings.Method.GET) {
        errors.add(new FieldError("bodyTemplate", "a GET request has no body; use parameters"));
      }
      try {
        parameters = GenericHttpRequest.parameters(settings);
      } catch (JsonException | ClassCastException e) {
        errors.add(
            new FieldError(
                "bodyTemplate",
                "must be a JSON object with the placeholders inside strings, e.g. {\"to\": \"$$To\"}"));
        return errors;
      }
    }

    Set<String> used = new LinkedHashSet<>();
    settings.headers().values().forEach(value -> used.addAll(Template.placeholders(value)));
    used.addAll(Template.placeholders(parameters.toString()));
    List<String> missing = Template.REQUIRED.stream().filter(name -> !used.contains(name)).toList();
    if (!missing.isEmpty()) {
      errors.add(
          new FieldError(
              templateField,
              "missing placeholders "
                  + missing.stream().map(name -> "$$" + name).collect(Collectors.joining(", "))
                  + ": $$To, $$HTML, $$Subject, $$FromName and $$FromAddress must each appear in the"
                  + " headers or parameters"));
    }

    if (settings.batch() != null) {
      String batchParameter = settings.batch().parameter();
      if (!parameters.containsKey(batchParameter)) {
        errors.add(new FieldError("batch.parameter", "must name one of the top-level parameters"));
      } else {
        Set<String> outside = new LinkedHashSet<>();
        settings.headers().values().forEach(value -> outside.add(value));
        parameters.forEach(
            (name, value) -> {
              if (!name.equals(batchParameter)) {
                outside.add(value.toString());
              }
            });
        boolean perRecipientOutside =
            outside.stream()
                .anyMatch(
                    text ->
                        Template.usesProfile(text)
                            || Template.placeholders(text).stream()
                                .anyMatch(PER_RECIPIENT::contains));
        if (perRecipientOutside) {
          errors.add(
              new FieldError(
                  "batch.parameter",
                  "with batching, $$To, $$Meta and {{profile.…}} must be inside the batch parameter '"
                      + batchParameter
                      + "': everything else is shared by all recipients of a request"));
        }
      }
    }
    return errors;
  }

  /** Each name marked secret must be one of the group's, with a text value that can be masked. */
  private static void checkMarks(
      List<FieldError> errors,
      String field,
      List<String> names,
      String group,
      Map<String, ?> values) {
    if (names.size() > MAX_SECRET_NAMES) {
      errors.add(new FieldError(field, "may name at most " + MAX_SECRET_NAMES + " " + group));
      return;
    }
    for (String name : new LinkedHashSet<>(names)) {
      Object value = values.get(name);
      if (value == null) {
        errors.add(new FieldError(field, "'" + name + "' is not one of the " + group));
      } else if (!(value instanceof String || value instanceof JsonString)) {
        errors.add(
            new FieldError(field, "'" + name + "' is not text: only text values can be secret"));
      }
    }
  }

  @Override
  public Set<String> campaignPlaceholders(GenericHttpSettings settings) {
    Set<String> names = used(settings);
    names.removeAll(Template.BUILT_IN);
    return names;
  }

  @Override
  public List<String> warnings(GenericHttpSettings settings, PreferenceCenter.Mode preferences) {
    Set<String> used = used(settings);
    List<String> warnings = new ArrayList<>();
    if (!used.contains(Template.META)) {
      warnings.add(
          "The template has no $$Meta, so callbacks cannot name the email they are about: each"
              + " event (which must still carry some meta) will be linked by address, to the latest"
              + " email sent to it through this provider. Send $$Meta (e.g. a parameter \"meta\":"
              + " \"$$Meta\") and have the API return it as the callbacks' meta.");
    }
    if (preferences != PreferenceCenter.Mode.NONE && !used.contains(Template.UNSUBSCRIBE_URL)) {
      warnings.add(
          "The template has no $$UnsubscribeURL: mailhub puts the unsubscribe link into the HTML"
              + " ($$HTML), but the API gets no URL for a List-Unsubscribe header. Send"
              + " $$UnsubscribeURL (e.g. a parameter \"unsubscribe_url\") if the API can set"
              + " headers.");
    }
    return warnings;
  }

  /** Every {@code $$name} of the headers and the parameters or body template. */
  private static Set<String> used(GenericHttpSettings settings) {
    Set<String> names = new LinkedHashSet<>();
    settings.headers().values().forEach(value -> names.addAll(Template.placeholders(value)));
    names.addAll(Template.placeholders(settings.parameters().toString()));
    names.addAll(Template.placeholders(settings.bodyTemplate()));
    return names;
  }

  /**
   * Everything outside the batch parameter is rendered once per request, so a request may only
   * carry emails whose subject and HTML agree where the template uses them outside it.
   */
  @Override
  public List<List<Email>> batches(GenericHttpSettings settings, List<Email> emails) {
    if (settings.batch() == null) {
      return EmailGateway.partition(emails, 1);
    }
    Set<String> outside = new LinkedHashSet<>();
    settings.headers().values().forEach(value -> outside.addAll(Template.placeholders(value)));
    GenericHttpRequest.parameters(settings)
        .forEach(
            (name, value) -> {
              if (!name.equals(settings.batch().parameter())) {
                outside.addAll(Template.placeholders(value.toString()));
              }
            });
    boolean bySubject = outside.contains(Template.SUBJECT);
    boolean byHtml = outside.contains(Template.HTML);
    Map<List<String>, List<Email>> groups = new LinkedHashMap<>();
    for (Email email : emails) {
      List<String> key = List.of(bySubject ? email.subject() : "", byHtml ? email.html() : "");
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(email);
    }
    List<List<Email>> batches = new ArrayList<>();
    groups
        .values()
        .forEach(group -> batches.addAll(EmailGateway.partition(group, batchSize(settings))));
    return batches;
  }

  @Override
  public int batchSize(GenericHttpSettings settings) {
    return settings.batch() == null ? 1 : settings.batch().instances();
  }

  @Override
  public SendOutcome send(GenericHttpSettings settings, Envelope envelope, List<Email> emails) {
    HttpResponse<String> response = http.send(GenericHttpRequest.build(settings, envelope, emails));
    JsonObject answer = HttpExchange.jsonObject(response.body());
    if (HttpExchange.isSuccess(response)) {
      return SendOutcome.accepted(firstText(answer, "messageId", "message_id", "MessageID", "id"));
    }
    return SendOutcome.rejected(
        response.statusCode(),
        firstText(answer, "code", "errorCode", "error_code", "ErrorCode"),
        HttpExchange.excerpt(response.body()));
  }

  private static String firstText(JsonObject object, String... names) {
    for (String name : names) {
      JsonValue value = object.get(name);
      if (value instanceof JsonString string) {
        return string.getString();
      }
      if (value != null && value.getValueType() == JsonValue.ValueType.NUMBER) {
        return value.toString();
      }
    }
    return null;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
