package org.mailhub.esp.ses;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailhub.esp.Destinations;
import org.mailhub.esp.Email;
import org.mailhub.esp.EmailGateway;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.HttpExchange;
import org.mailhub.esp.ProviderUnavailable;
import org.mailhub.esp.SendOutcome;
import org.mailhub.provider.ProviderType;

/**
 * Amazon SES API v2 {@code SendEmail}, signed with Signature Version 4, one email per call. SES's
 * {@code SendBulkEmail} only sends a template stored at SES with per-recipient replacement data;
 * mailhub personalises every email itself (subject, HTML and unsubscribe links), so each email is
 * its own simple message. The meta value travels as the message tag {@value #META_TAG}, which SES
 * returns in every event it publishes through the configuration set ({@code mail.tags}).
 */
@ApplicationScoped
public class SesGateway implements EmailGateway<SesSettings> {

  /** The message tag that carries the meta value. */
  public static final String META_TAG = "mailhub_meta";

  static final String PATH = "/v2/email/outbound-emails";

  /** SES's error types that say "too fast" or "too much for now": worth retrying later. */
  private static final Set<String> THROTTLING =
      Set.of("Throttling", "ThrottlingException", "TooManyRequestsException");

  @Inject HttpExchange http;

  Clock clock = Clock.systemUTC();

  @Override
  public ProviderType type() {
    return ProviderType.SES;
  }

  @Override
  public Class<SesSettings> settingsType() {
    return SesSettings.class;
  }

  @Override
  public Set<String> secretFields() {
    return Set.of("/secretAccessKey", "/sessionToken");
  }

  @Override
  public String connection(SesSettings settings) {
    return settings.endpoint();
  }

  @Override
  public Map<String, String> destinations(SesSettings settings) {
    String host = Destinations.hostOf(settings.endpoint());
    return host == null ? Map.of() : Map.of("endpoint", host);
  }

  @Override
  public SendOutcome send(SesSettings settings, Envelope envelope, List<Email> emails) {
    Email email = emails.get(0);
    URI uri = URI.create(settings.endpoint() + PATH);
    byte[] body = body(settings, envelope, email).toString().getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", host(uri));
    headers.put("Content-Type", "application/json");
    headers.putAll(
        SigV4.sign(
            "POST",
            uri,
            headers,
            body,
            settings.credentials(),
            new SigV4.Scope(settings.region(), "ses"),
            clock.instant()));
    headers.remove("Host"); // the client writes it, from the URI, as signed
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    HttpResponse<String> response = http.send(request);
    JsonObject answer = HttpExchange.jsonObject(response.body());
    if (HttpExchange.isSuccess(response)) {
      return SendOutcome.accepted(answer.getString("MessageId", null));
    }
    String type = errorType(response.headers(), answer);
    SendOutcome refused =
        SendOutcome.rejected(
            response.statusCode(), type, HttpExchange.excerpt(message(answer, response.body())));
    if (type != null && THROTTLING.contains(type)) {
      throw new ProviderUnavailable(refused, null);
    }
    return refused;
  }

  static JsonObject body(SesSettings settings, Envelope envelope, Email email) {
    JsonObjectBuilder simple =
        JSON.createObjectBuilder()
            .add("Subject", content(email.subject()))
            .add("Body", JSON.createObjectBuilder().add("Html", content(email.html())));
    if (email.unsubscribe() != null) {
      simple.add(
          "Headers",
          JSON.createArrayBuilder()
              .add(header("List-Unsubscribe", email.unsubscribe().listUnsubscribe()))
              .add(header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")));
    }
    JsonObjectBuilder body =
        JSON.createObjectBuilder()
            .add("FromEmailAddress", from(envelope))
            .add(
                "Destination",
                JSON.createObjectBuilder()
                    .add("ToAddresses", JSON.createArrayBuilder().add(email.to())));
    if (envelope.replyTo() != null) {
      body.add("ReplyToAddresses", JSON.createArrayBuilder().add(envelope.replyTo()));
    }
    body.add("Content", JSON.createObjectBuilder().add("Simple", simple));
    JsonArrayBuilder tags = JSON.createArrayBuilder();
    if (email.meta() != null) {
      tags.add(JSON.createObjectBuilder().add("Name", META_TAG).add("Value", email.meta()));
    }
    return body.add("EmailTags", tags)
        .add("ConfigurationSetName", settings.configurationSetName())
        .build();
  }

  /**
   * The sender with its name, which SES wants MIME-encoded ("friendly from" names with non-ASCII
   * characters).
   */
  static String from(Envelope envelope) {
    if (envelope.fromName() == null || envelope.fromName().isBlank()) {
      return envelope.fromAddress();
    }
    try {
      return new InternetAddress(envelope.fromAddress(), envelope.fromName(), "UTF-8").toString();
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The Host header the JDK client writes: the port only when it is not the scheme's default. It is
   * signed, so it must be the very value sent.
   */
  static String host(URI uri) {
    int port = uri.getPort();
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    boolean defaultPort = port == -1 || (https ? port == 443 : port == 80);
    return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
  }

  /**
   * The error type: SES's {@code x-amzn-ErrorType} header ({@code MessageRejected:http://…}), else
   * the body's {@code __type} or {@code Code}.
   */
  static String errorType(java.net.http.HttpHeaders headers, JsonObject answer) {
    String type =
        headers
            .firstValue("x-amzn-ErrorType")
            .orElseGet(() -> answer.getString("__type", answer.getString("Code", null)));
    if (type == null || type.isBlank()) {
      return null;
    }
    int colon = type.indexOf(':');
    type = colon < 0 ? type : type.substring(0, colon);
    int hash = type.lastIndexOf('#'); // "com.amazonaws.ses#MessageRejected"
    return (hash < 0 ? type : type.substring(hash + 1)).strip();
  }

  /** SES writes its message as {@code message}, sometimes as {@code Message}. */
  private static String message(JsonObject answer, String body) {
    for (String name : List.of("message", "Message")) {
      if (answer.get(name) instanceof jakarta.json.JsonString text) {
        return text.getString();
      }
    }
    return body;
  }

  private static JsonObjectBuilder content(String data) {
    return JSON.createObjectBuilder().add("Data", data).add("Charset", "UTF-8");
  }

  private static JsonObjectBuilder header(String name, String value) {
    return JSON.createObjectBuilder().add("Name", name).add("Value", value);
  }
}
