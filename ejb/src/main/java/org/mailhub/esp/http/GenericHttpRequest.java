package org.mailhub.esp.http;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.mailhub.esp.Email;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.http.GenericHttpSettings.Auth;
import org.mailhub.esp.http.GenericHttpSettings.Method;
import org.mailhub.template.Template;

/**
 * Renders a Generic HTTP provider's template into the request for a batch of emails.
 *
 * <p>Parameters are a JSON tree; each string in it is rendered with {@link Template}, so values are
 * JSON-escaped by construction. Without batching the request carries one email. With batching, the
 * batch parameter is rendered once per email into an array, in order, and every other parameter and
 * header once for the whole request: the emails of a batch share everything outside the batch
 * parameter.
 */
final class GenericHttpRequest {

  private GenericHttpRequest() {}

  static HttpRequest.Builder build(
      GenericHttpSettings settings, Envelope envelope, List<Email> emails) {
    List<Template.Values> values = emails.stream().map(email -> values(envelope, email)).toList();
    Template.Values shared = values.get(0);
    JsonObject template = parameters(settings);
    String batchParameter = settings.batch() == null ? null : settings.batch().parameter();

    HttpRequest.Builder request;
    if (settings.method() == Method.GET) {
      request =
          HttpRequest.newBuilder(
              withQuery(settings.endpoint(), query(template, batchParameter, values)));
      request.GET();
    } else {
      JsonObjectBuilder body = JSON.createObjectBuilder();
      template.forEach(
          (name, value) -> {
            if (name.equals(batchParameter)) {
              JsonArrayBuilder array = JSON.createArrayBuilder();
              values.forEach(v -> array.add(render(value, v)));
              body.add(name, array);
            } else {
              body.add(name, render(value, shared));
            }
          });
      request = HttpRequest.newBuilder(URI.create(settings.endpoint()));
      request.POST(HttpRequest.BodyPublishers.ofString(body.build().toString()));
      if (settings.headers().keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
        request.header("Content-Type", "application/json");
      }
    }
    settings
        .headers()
        .forEach(
            (name, value) -> request.header(name, headerValue(Template.render(value, shared))));
    if (settings.auth().type() == Auth.Type.BASIC) {
      String credentials = settings.auth().username() + ":" + settings.auth().password();
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return request;
  }

  /** The parameters as configured, or parsed from the raw body template. */
  static JsonObject parameters(GenericHttpSettings settings) {
    if (settings.bodyTemplate() == null) {
      return settings.parameters();
    }
    try (var reader = JSON.createReader(new java.io.StringReader(settings.bodyTemplate()))) {
      return reader.readObject();
    }
  }

  static Template.Values values(Envelope envelope, Email email) {
    Map<String, String> placeholders = new HashMap<>(envelope.placeholders());
    placeholders.put(Template.TO, email.to());
    placeholders.put(Template.HTML, email.html());
    placeholders.put(Template.SUBJECT, email.subject());
    placeholders.put(Template.FROM_NAME, envelope.fromName() == null ? "" : envelope.fromName());
    placeholders.put(Template.FROM_ADDRESS, envelope.fromAddress());
    placeholders.put(Template.META, email.meta() == null ? "" : email.meta());
    placeholders.put(
        Template.REPLY_TO,
        envelope.replyTo() == null ? envelope.fromAddress() : envelope.replyTo());
    placeholders.put(
        Template.UNSUBSCRIBE_URL, email.unsubscribe() == null ? "" : email.unsubscribe().pageUrl());
    return Template.Values.of(placeholders, email.profile());
  }

  static JsonValue render(JsonValue template, Template.Values values) {
    return switch (template.getValueType()) {
      case STRING -> JSON.createValue(Template.render(((JsonString) template).getString(), values));
      case OBJECT -> {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        template.asJsonObject().forEach((name, value) -> object.add(name, render(value, values)));
        yield object.build();
      }
      case ARRAY -> {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        template.asJsonArray().forEach(value -> array.add(render(value, values)));
        yield array.build();
      }
      default -> template;
    };
  }

  private static String query(
      JsonObject template, String batchParameter, List<Template.Values> values) {
    StringJoiner query = new StringJoiner("&");
    template.forEach(
        (name, value) -> {
          List<Template.Values> rendered =
              name.equals(batchParameter) ? values : List.of(values.get(0));
          for (Template.Values v : rendered) {
            query.add(encode(name) + "=" + encode(text(render(value, v))));
          }
        });
    return query.toString();
  }

  private static String text(JsonValue value) {
    return value instanceof JsonString string ? string.getString() : value.toString();
  }

  private static URI withQuery(String endpoint, String query) {
    if (query.isEmpty()) {
      return URI.create(endpoint);
    }
    return URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + query);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A rendered value must not be able to start a new header line. */
  private static String headerValue(String value) {
    return value.replaceAll("[\\r\\n]+", " ");
  }
}
