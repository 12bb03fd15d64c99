package org.mailhub.esp.mailgun;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mailhub.esp.Destinations;
import org.mailhub.esp.Email;
import org.mailhub.esp.EmailGateway;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.HttpExchange;
import org.mailhub.esp.SendOutcome;
import org.mailhub.provider.PreferenceCenter;
import org.mailhub.provider.ProviderType;
import org.mailhub.template.Html;

/**
 * Mailgun's messages API: one call carries up to {@value #BATCH_SIZE} recipients of the same
 * message, each sent their own copy because the call gives {@code recipient-variables}. The values
 * that differ per recipient travel there: the meta value (custom variable {@value #META}, returned
 * in every event's {@code user-variables}), the List-Unsubscribe header and the unsubscribe page
 * linked from the HTML. Subject and HTML are otherwise the call's own, so only emails whose subject
 * and HTML are the same once their unsubscribe link is taken out share a call; emails personalised
 * with profile values go one a call. Carrying each recipient's whole HTML as a recipient variable
 * instead would multiply the call by its recipients and let Mailgun substitute inside that HTML.
 */
@ApplicationScoped
public class MailgunGateway implements EmailGateway<MailgunSettings> {

  /** Mailgun's limit of recipients a call. */
  static final int BATCH_SIZE = 1000;

  /** The custom variable that carries the meta value; Mailgun returns it in user-variables. */
  public static final String META = "mailhub_meta";

  /** Mailgun substitutes {@code %recipient.name%} from the recipient variables. */
  static final String RECIPIENT = "%recipient.";

  @Inject HttpExchange http;

  @Override
  public ProviderType type() {
    return ProviderType.MAILGUN;
  }

  @Override
  public Class<MailgunSettings> settingsType() {
    return MailgunSettings.class;
  }

  @Override
  public Set<String> secretFields() {
    return Set.of("/apiKey", "/webhookSigningKey");
  }

  @Override
  public Map<String, String> destinations(MailgunSettings settings) {
    String host = Destinations.hostOf(settings.base());
    return host == null ? Map.of() : Map.of("endpoint", host);
  }

  @Override
  public String connection(MailgunSettings settings) {
    return settings.base();
  }

  @Override
  public List<String> warnings(MailgunSettings settings, PreferenceCenter.Mode preferences) {
    return settings.webhookSigningKey() == null
        ? List.of(
            "No webhook signing key: Mailgun's webhooks are refused (401) until the account's HTTP"
                + " webhook signing key is given, so bounces, complaints and unsubscribes at"
                + " Mailgun do not reach mailhub.")
        : List.of();
  }

  @Override
  public int batchSize(MailgunSettings settings) {
    return BATCH_SIZE;
  }

  /**
   * Emails that are the same message once the recipient's own values are taken out, in calls of at
   * most {@value #BATCH_SIZE} different addresses (recipient variables are keyed by address).
   */
  @Override
  public List<List<Email>> batches(MailgunSettings settings, List<Email> emails) {
    Map<Message, List<Email>> groups = new LinkedHashMap<>();
    List<List<Email>> alone = new ArrayList<>();
    for (Email email : emails) {
      Message message = Message.of(email);
      if (message == null) {
        alone.add(List.of(email));
      } else {
        groups.computeIfAbsent(message, m -> new ArrayList<>()).add(email);
      }
    }
    List<List<Email>> batches = new ArrayList<>();
    for (List<Email> group : groups.values()) {
      List<Email> batch = new ArrayList<>();
      Set<String> addresses = new HashSet<>();
      for (Email email : group) {
        if (batch.size() == BATCH_SIZE || !addresses.add(email.to().toLowerCase(Locale.ROOT))) {
          batches.add(batch);
          batch = new ArrayList<>();
          addresses = new HashSet<>(Set.of(email.to().toLowerCase(Locale.ROOT)));
        }
        batch.add(email);
      }
      batches.add(batch);
    }
    batches.addAll(alone);
    return batches;
  }

  /**
   * What the emails of one call share: subject, HTML with {@code %recipient.unsubscribe_url%} for
   * the recipient's unsubscribe page, and whether they have unsubscribe links at all. Null for an
   * email whose own text has {@code %recipient.}: it goes alone and without recipient variables, so
   * that Mailgun has nothing to substitute in it.
   */
  record Message(String subject, String html, boolean unsubscribe) {

    static Message of(Email email) {
      if (email.subject().contains(RECIPIENT) || email.html().contains(RECIPIENT)) {
        return null;
      }
      String html = email.html();
      if (email.unsubscribe() != null) {
        String page = email.unsubscribe().pageUrl();
        // escaped where the template rendered it, as it is where the HTML wrote it out
        html = html.replace(Html.escape(page), RECIPIENT + "unsubscribe_html%");
        html = html.replace(page, RECIPIENT + "unsubscribe_url%");
      }
      return new Message(email.subject(), html, email.unsubscribe() != null);
    }
  }

  @Override
  public SendOutcome send(MailgunSettings settings, Envelope envelope, List<Email> emails) {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(settings.messagesUrl()))
                .header("Authorization", authorization(settings.apiKey()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields(envelope, emails)))));
    JsonObject answer = HttpExchange.jsonObject(response.body());
    if (HttpExchange.isSuccess(response)) {
      return SendOutcome.accepted(messageId(answer.getString("id", null)));
    }
    return SendOutcome.rejected(
        response.statusCode(), errorCode(response.statusCode()), detail(answer, response.body()));
  }

  static String authorization(String apiKey) {
    return "Basic "
        + Base64.getEncoder().encodeToString(("api:" + apiKey).getBytes(StandardCharsets.UTF_8));
  }

  /** The form fields of one call, in order; {@code to} repeats. */
  static List<Map.Entry<String, String>> fields(Envelope envelope, List<Email> emails) {
    Email first = emails.get(0);
    Message message = Message.of(first);
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    fields.add(Map.entry("from", from(envelope)));
    emails.forEach(email -> fields.add(Map.entry("to", email.to())));
    fields.add(Map.entry("subject", first.subject()));
    if (envelope.replyTo() != null) {
      fields.add(Map.entry("h:Reply-To", envelope.replyTo()));
    }
    if (message == null) {
      // alone, with its values as they are
      fields.add(Map.entry("html", first.html()));
      if (first.meta() != null) {
        fields.add(Map.entry("v:" + META, first.meta()));
      }
      if (first.unsubscribe() != null) {
        fields.add(Map.entry("h:List-Unsubscribe", first.unsubscribe().listUnsubscribe()));
        fields.add(Map.entry("h:List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
      }
      return fields;
    }
    fields.add(Map.entry("html", message.html()));
    fields.add(Map.entry("v:" + META, RECIPIENT + "meta%"));
    if (message.unsubscribe()) {
      fields.add(Map.entry("h:List-Unsubscribe", RECIPIENT + "list_unsubscribe%"));
      fields.add(Map.entry("h:List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
    }
    fields.add(Map.entry("recipient-variables", recipientVariables(emails).toString()));
    return fields;
  }

  private static JsonObject recipientVariables(List<Email> emails) {
    JsonObjectBuilder variables = JSON.createObjectBuilder();
    for (Email email : emails) {
      JsonObjectBuilder own =
          JSON.createObjectBuilder().add("meta", email.meta() == null ? "" : email.meta());
      if (email.unsubscribe() != null) {
        own.add("unsubscribe_url", email.unsubscribe().pageUrl())
            .add("unsubscribe_html", Html.escape(email.unsubscribe().pageUrl()))
            .add("list_unsubscribe", email.unsubscribe().listUnsubscribe());
      }
      variables.add(email.to(), own);
    }
    return variables.build();
  }

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

  static String form(List<Map.Entry<String, String>> fields) {
    StringBuilder form = new StringBuilder();
    for (Map.Entry<String, String> field : fields) {
      if (!form.isEmpty()) {
        form.append('&');
      }
      form.append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
    }
    return form.toString();
  }

  /** Mailgun answers {@code <id@domain>}; its events give the Message-Id without brackets. */
  static String messageId(String id) {
    if (id == null) {
      return null;
    }
    String stripped = id.strip();
    return stripped.startsWith("<") && stripped.endsWith(">")
        ? stripped.substring(1, stripped.length() - 1)
        : stripped;
  }

  /**
   * Mailgun's errors carry no code of their own, only {@code {"message": …}}; the status names the
   * kind (401 wrong key, 403 not allowed, 404 unknown domain, 400 a bad field, 413 too large).
   */
  static String errorCode(int status) {
    return switch (status) {
      case 400 -> "BAD_REQUEST";
      case 401 -> "UNAUTHORIZED";
      case 402 -> "PAYMENT_REQUIRED";
      case 403 -> "FORBIDDEN";
      case 404 -> "NOT_FOUND";
      case 413 -> "TOO_LARGE";
      default -> null;
    };
  }

  /** Mailgun's message when it gave one, else the start of its answer (401 answers plain text). */
  static String detail(JsonObject answer, String body) {
    String message = answer.getString("message", null);
    return message != null && !message.isBlank()
        ? HttpExchange.excerpt(message)
        : HttpExchange.excerpt(body);
  }
}
