package org.mailhub.esp.sendgrid;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.mailhub.esp.Destinations;
import org.mailhub.esp.Email;
import org.mailhub.esp.EmailGateway;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.HttpExchange;
import org.mailhub.esp.SendOutcome;
import org.mailhub.infrastructure.RequestRejected.FieldError;
import org.mailhub.provider.ProviderType;
import org.mailhub.template.Html;

/**
 * Twilio SendGrid's v3 mail send: one request carries up to {@value #BATCH_SIZE} recipients, each
 * its own personalization with its subject, its meta value in {@code custom_args} (SendGrid returns
 * it in every event) and its List-Unsubscribe headers. The HTML is one per request, so a request
 * carries emails whose HTML is the same but for the unsubscribe page's URL, which each
 * personalization's {@code substitutions} put back in.
 */
@ApplicationScoped
public class SendgridGateway implements EmailGateway<SendgridSettings> {

  /** SendGrid's limit of personalizations (and recipients) per mail send. */
  static final int BATCH_SIZE = 1000;

  /** The custom arg that carries the meta value, and comes back at the top of each event. */
  public static final String META = "mailhub_meta";

  /**
   * Stands for the recipient's unsubscribe page in a request's shared HTML; each personalization
   * substitutes its own URL.
   */
  static final String UNSUBSCRIBE_TAG = "-mailhub-unsubscribe-url-";

  private static final Pattern RECIPIENT_FIELD =
      Pattern.compile("personalizations\\.\\d+\\.to\\.\\d+\\.email");

  @Inject HttpExchange http;

  @Override
  public ProviderType type() {
    return ProviderType.SENDGRID;
  }

  @Override
  public Class<SendgridSettings> settingsType() {
    return SendgridSettings.class;
  }

  @Override
  public Set<String> secretFields() {
    return Set.of("/apiKey");
  }

  @Override
  public Map<String, String> destinations(SendgridSettings settings) {
    String host = Destinations.hostOf(settings.endpoint());
    return host == null ? Map.of() : Map.of("endpoint", host);
  }

  @Override
  public String connection(SendgridSettings settings) {
    return settings.endpoint();
  }

  @Override
  public List<FieldError> check(SendgridSettings settings) {
    if (settings.webhookVerificationKey() == null) {
      return List.of();
    }
    try {
      SendgridWebhookSignature.verificationKey(settings.webhookVerificationKey());
      return List.of();
    } catch (IllegalArgumentException e) {
      return List.of(
          new FieldError(
              "webhookVerificationKey",
              e.getMessage()
                  + ": give the verification key SendGrid shows for the Signed Event Webhook"));
    }
  }

  @Override
  public int batchSize(SendgridSettings settings) {
    return BATCH_SIZE;
  }

  /** Emails share a request when their HTML is the same once each one's unsubscribe URL is out. */
  @Override
  public List<List<Email>> batches(SendgridSettings settings, List<Email> emails) {
    Map<String, List<Email>> groups = new LinkedHashMap<>();
    for (Email email : emails) {
      groups.computeIfAbsent(sharedHtml(email), k -> new ArrayList<>()).add(email);
    }
    List<List<Email>> batches = new ArrayList<>();
    groups.values().forEach(group -> batches.addAll(EmailGateway.partition(group, BATCH_SIZE)));
    return batches;
  }

  /**
   * The email's HTML with its unsubscribe URL replaced by {@link #UNSUBSCRIBE_TAG}, when
   * substituting the tag gives the email back exactly; else its HTML as it is, marked so that it
   * never shares a request with substituted ones.
   */
  static String sharedHtml(Email email) {
    return substitutes(email)
        ? "T" + email.html().replace(unsubscribeInHtml(email), UNSUBSCRIBE_TAG)
        : "H" + email.html();
  }

  /**
   * The unsubscribe URL as the HTML holds it: rendered into the template, so escaped ({@code &amp;}
   * between a custom page's parameters).
   */
  private static String unsubscribeInHtml(Email email) {
    return Html.escape(email.unsubscribe().pageUrl());
  }

  /**
   * Whether the email's unsubscribe URL goes into its HTML by substitution: SendGrid replaces the
   * tag in subject and HTML, so neither may hold it already.
   */
  static boolean substitutes(Email email) {
    return email.unsubscribe() != null
        && email.unsubscribe().pageUrl() != null
        && !email.unsubscribe().pageUrl().isEmpty()
        && email.html().contains(unsubscribeInHtml(email))
        && !email.html().contains(UNSUBSCRIBE_TAG)
        && !email.subject().contains(UNSUBSCRIBE_TAG);
  }

  @Override
  public SendOutcome send(SendgridSettings settings, Envelope envelope, List<Email> emails) {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(settings.endpoint()))
                .header("Authorization", "Bearer " + settings.apiKey())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        body(settings, envelope, emails).toString())));
    if (HttpExchange.isSuccess(response)) {
      return SendOutcome.accepted(response.headers().firstValue("X-Message-Id").orElse(null));
    }
    return refusal(response.statusCode(), response.body(), emails.size() == 1);
  }

  static JsonObject body(SendgridSettings settings, Envelope envelope, List<Email> emails) {
    String html = sharedHtml(emails.get(0)).substring(1);
    JsonArrayBuilder personalizations = JSON.createArrayBuilder();
    for (Email email : emails) {
      personalizations.add(personalization(email));
    }
    JsonObjectBuilder from = JSON.createObjectBuilder().add("email", envelope.fromAddress());
    if (envelope.fromName() != null) {
      from.add("name", envelope.fromName());
    }
    JsonObjectBuilder body =
        JSON.createObjectBuilder()
            .add("personalizations", personalizations)
            .add("from", from)
            .add(
                "content",
                JSON.createArrayBuilder()
                    .add(JSON.createObjectBuilder().add("type", "text/html").add("value", html)));
    if (envelope.replyTo() != null) {
      body.add("reply_to", JSON.createObjectBuilder().add("email", envelope.replyTo()));
    }
    if (settings.category() != null) {
      body.add("categories", JSON.createArrayBuilder().add(settings.category()));
    }
    if (settings.ipPoolName() != null) {
      body.add("ip_pool_name", settings.ipPoolName());
    }
    return body.build();
  }

  static JsonObjectBuilder personalization(Email email) {
    JsonObjectBuilder personalization =
        JSON.createObjectBuilder()
            .add(
                "to",
                JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("email", email.to())))
            .add("subject", email.subject());
    if (email.meta() != null) {
      personalization.add("custom_args", JSON.createObjectBuilder().add(META, email.meta()));
    }
    if (email.unsubscribe() != null) {
      personalization.add(
          "headers",
          JSON.createObjectBuilder()
              .add("List-Unsubscribe", email.unsubscribe().listUnsubscribe())
              .add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
    }
    if (substitutes(email)) {
      personalization.add(
          "substitutions",
          JSON.createObjectBuilder().add(UNSUBSCRIBE_TAG, unsubscribeInHtml(email)));
    }
    return personalization;
  }

  /**
   * SendGrid answers errors as {@code {"errors": [{"message", "field", "help"}]}}: the first
   * error's field is the code, the messages the detail. A refused recipient address of a
   * one-recipient call is refused for good.
   */
  static SendOutcome refusal(int status, String answer, boolean oneRecipient) {
    List<String> messages = new ArrayList<>();
    String field = null;
    if (HttpExchange.jsonObject(answer).get("errors") instanceof JsonArray errors) {
      for (jakarta.json.JsonValue value : errors) {
        if (!(value instanceof JsonObject error)) {
          continue;
        }
        String at = text(error, "field");
        String message = text(error, "message");
        field = field == null ? at : field;
        if (message != null) {
          messages.add(at == null ? message : at + ": " + message);
        }
      }
    }
    String detail = messages.isEmpty() ? HttpExchange.excerpt(answer) : String.join("; ", messages);
    if (status == 401 || status == 403) {
      detail =
          detail
              + " (SendGrid refused the API key: it must be valid and have the Mail Send"
              + " permission)";
    }
    detail = HttpExchange.excerpt(detail);
    if (oneRecipient && field != null && RECIPIENT_FIELD.matcher(field).matches()) {
      return new SendOutcome(false, null, status, field, detail, true);
    }
    return SendOutcome.rejected(status, field, detail);
  }

  private static String text(JsonObject object, String name) {
    return object.get(name) instanceof jakarta.json.JsonString s && !s.getString().isBlank()
        ? s.getString()
        : null;
  }
}
