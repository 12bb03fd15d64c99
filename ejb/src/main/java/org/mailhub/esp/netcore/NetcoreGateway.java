package org.mailhub.esp.netcore;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.mailhub.esp.Email;
import org.mailhub.esp.EmailGateway;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.HttpExchange;
import org.mailhub.esp.SendOutcome;
import org.mailhub.provider.ProviderType;

/**
 * Netcore Cloud email API v6: one mail-send call per email, authenticated by the {@code api_key}
 * header. The meta value travels as the recipient's {@code token_to} and comes back in Netcore's
 * webhooks as {@code X-APIHEADER}.
 */
@ApplicationScoped
public class NetcoreGateway implements EmailGateway<NetcoreSettings> {

  @Inject HttpExchange http;

  @Override
  public ProviderType type() {
    return ProviderType.NETCORE;
  }

  @Override
  public java.util.Map<String, String> destinations(NetcoreSettings settings) {
    String host = org.mailhub.esp.Destinations.hostOf(settings.endpoint());
    return host == null ? java.util.Map.of() : java.util.Map.of("endpoint", host);
  }

  @Override
  public String connection(NetcoreSettings settings) {
    return settings.endpoint();
  }

  @Override
  public Class<NetcoreSettings> settingsType() {
    return NetcoreSettings.class;
  }

  @Override
  public Set<String> secretFields() {
    return Set.of("/apiKey");
  }

  @Override
  public SendOutcome send(NetcoreSettings settings, Envelope envelope, List<Email> emails) {
    Email email = emails.get(0);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(settings.endpoint()))
                .header("api_key", settings.apiKey())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(envelope, email).toString())));
    JsonObject answer = HttpExchange.jsonObject(response.body());
    if (HttpExchange.isSuccess(response)) {
      JsonObject data = answer.getJsonObject("data");
      return SendOutcome.accepted(data == null ? null : data.getString("message_id", null));
    }
    return SendOutcome.rejected(
        response.statusCode(), errorCode(answer), HttpExchange.excerpt(response.body()));
  }

  static JsonObject body(Envelope envelope, Email email) {
    JsonObjectBuilder from = JSON.createObjectBuilder().add("email", envelope.fromAddress());
    if (envelope.fromName() != null) {
      from.add("name", envelope.fromName());
    }
    JsonObjectBuilder personalization =
        JSON.createObjectBuilder()
            .add(
                "to",
                JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("email", email.to())));
    if (email.meta() != null) {
      personalization.add("token_to", email.meta());
    }
    JsonObjectBuilder body =
        JSON.createObjectBuilder()
            .add("from", from)
            .add("subject", email.subject())
            .add(
                "content",
                JSON.createArrayBuilder()
                    .add(JSON.createObjectBuilder().add("type", "html").add("value", email.html())))
            .add("personalizations", JSON.createArrayBuilder().add(personalization));
    if (envelope.replyTo() != null) {
      body.add("reply_to", envelope.replyTo());
    }
    return body.build();
  }

  /**
   * Netcore answers errors as {@code {"error": [{"message", "field", "code"}], "status": "error"}}.
   */
  static String errorCode(JsonObject answer) {
    JsonValue error = answer.get("error");
    if (error instanceof JsonArray errors
        && !errors.isEmpty()
        && errors.get(0) instanceof JsonObject first) {
      JsonValue code = first.containsKey("code") ? first.get("code") : first.get("error_code");
      if (code != null && code.getValueType() != JsonValue.ValueType.NULL) {
        return code instanceof jakarta.json.JsonString s ? s.getString() : code.toString();
      }
    }
    return null;
  }
}
