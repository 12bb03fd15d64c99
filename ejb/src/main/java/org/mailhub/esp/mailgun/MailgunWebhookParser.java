package org.mailhub.esp.mailgun;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.mailhub.callback.DeliveryEventType;
import org.mailhub.callback.Incoming;
import org.mailhub.callback.Parsed;
import org.mailhub.callback.Unprocessed;
import org.mailhub.callback.WebhookJson;
import org.mailhub.callback.WebhookParser;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.provider.ProviderType;
import org.mailhub.suppression.SuppressionReason;

/**
 * Mailgun's webhooks: one event a request, {@code {"signature": …, "event-data": {…}}}. Linked by
 * the {@value MailgunGateway#META} user variable that mailhub sent with each recipient, else by the
 * Message-Id Mailgun answered the send with.
 *
 * <p>A {@code failed} event of severity {@code temporary} is one delivery attempt that Mailgun will
 * retry ({@code delivery-status.retry-seconds}); when it gives up, it reports {@code failed} with
 * severity {@code permanent} and reason {@code old}. So a temporary failure is a deferral, and only
 * the permanent one counts: {@code old} (the mailbox kept failing softly for hours) as a soft
 * bounce, Mailgun's own suppressions ({@code suppress-bounce}, {@code suppress-unsubscribe}, {@code
 * suppress-complaint}: it did not even try) as drops, anything else as a hard bounce.
 */
@ApplicationScoped
public class MailgunWebhookParser implements WebhookParser {

  /** Why a deferral is not a failure; the same words for every ESP. */
  static final String DEFERRED = "deferred: the ESP is still trying; its final outcome counts";

  /** Reasons of permanent failures where Mailgun sent nothing, the address being suppressed. */
  static final Set<String> SUPPRESSED =
      Set.of("suppress-bounce", "suppress-unsubscribe", "suppress-complaint");

  @Override
  public ProviderType type() {
    return ProviderType.MAILGUN;
  }

  @Override
  public Parsed parse(String body) {
    if (!(WebhookJson.parse(body) instanceof JsonObject webhook)) {
      throw RequestRejected.invalid("body", "must be a Mailgun webhook JSON object");
    }
    if (!(webhook.get("event-data") instanceof JsonObject data)) {
      return new Parsed(
          1, List.of(), List.of(new Unprocessed(0, webhook, "missing event-data object")));
    }
    String event = WebhookJson.text(data, "event");
    String recipient = WebhookJson.text(data, "recipient");
    if (event == null) {
      return unprocessed(data, "missing event");
    }
    Classified classified = classify(event, data);
    if (classified.deferral() != null) {
      return unprocessed(data, classified.deferral());
    }
    if (recipient == null) {
      return unprocessed(data, "missing recipient");
    }
    Instant at = epochSeconds(data.get("timestamp"));
    String id = WebhookJson.text(data, "id");
    return new Parsed(
        1,
        List.of(
            new Incoming(
                0,
                classified.type(),
                recipient,
                meta(data),
                messageId(data),
                at == null ? Instant.now() : at,
                description(data),
                // Mailgun's event id is unique only within a day; with its time it is unique
                id == null ? null : String.join("|", event, id, String.valueOf(at)),
                data,
                classified.suppression())),
        List.of());
  }

  /** What an event reports and why it suppresses; or, with {@code deferral}, why it is not used. */
  record Classified(DeliveryEventType type, SuppressionReason suppression, String deferral) {

    static Classified of(DeliveryEventType type) {
      return new Classified(type, type.suppression().orElse(null), null);
    }

    static Classified not(String why) {
      return new Classified(null, null, why);
    }
  }

  static Classified classify(String event, JsonObject data) {
    return switch (event) {
      case "delivered" -> Classified.of(DeliveryEventType.DELIVERED);
      case "failed" -> failure(data);
      case "complained" -> Classified.of(DeliveryEventType.SPAM);
      case "unsubscribed" -> Classified.of(DeliveryEventType.UNSUBSCRIBED);
      case "opened" -> Classified.of(DeliveryEventType.OPENED);
      case "clicked" -> Classified.of(DeliveryEventType.CLICKED);
      default -> Classified.not("not tracked: " + event);
    };
  }

  private static Classified failure(JsonObject data) {
    String severity = WebhookJson.text(data, "severity");
    String reason = WebhookJson.text(data, "reason");
    if ("temporary".equals(severity)) {
      return Classified.not(DEFERRED);
    }
    if (!"permanent".equals(severity)) {
      return Classified.not("failed with unknown severity " + severity);
    }
    if (reason != null && SUPPRESSED.contains(reason)) {
      return Classified.of(DeliveryEventType.DROPPED);
    }
    if ("old".equals(reason)) {
      return Classified.of(DeliveryEventType.SOFT_BOUNCE);
    }
    return Classified.of(DeliveryEventType.HARD_BOUNCE);
  }

  private static Parsed unprocessed(JsonObject data, String why) {
    return new Parsed(1, List.of(), List.of(new Unprocessed(0, data, why)));
  }

  private static String meta(JsonObject data) {
    return data.get("user-variables") instanceof JsonObject variables
        ? WebhookJson.text(variables, MailgunGateway.META)
        : null;
  }

  private static String messageId(JsonObject data) {
    return data.get("message") instanceof JsonObject message
            && message.get("headers") instanceof JsonObject headers
        ? MailgunGateway.messageId(WebhookJson.text(headers, "message-id"))
        : null;
  }

  /** The clicked URL, or what the receiving server said, or Mailgun's reason. */
  private static String description(JsonObject data) {
    String url = WebhookJson.text(data, "url");
    if (url != null) {
      return url;
    }
    if (data.get("delivery-status") instanceof JsonObject status) {
      String message = WebhookJson.text(status, "message");
      String described = message != null ? message : WebhookJson.text(status, "description");
      String code = WebhookJson.text(status, "code");
      if (described != null) {
        return code == null ? described : code + " " + described;
      }
    }
    return WebhookJson.text(data, "reason");
  }

  /** Mailgun's times are Unix seconds with microseconds, {@code 1534108637.153125}. */
  static Instant epochSeconds(JsonValue value) {
    BigDecimal seconds;
    try {
      if (value instanceof JsonNumber number) {
        seconds = number.bigDecimalValue();
      } else if (value instanceof JsonString text && text.getString().length() <= 30) {
        seconds = new BigDecimal(text.getString().strip());
      } else {
        return null;
      }
      if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(253402300799L)) > 0) {
        return null;
      }
      long whole = seconds.longValue();
      long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
      Instant at = Instant.ofEpochSecond(whole, nanos);
      return at.isAfter(Instant.now().plus(Duration.ofDays(1))) ? null : at;
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }
}
