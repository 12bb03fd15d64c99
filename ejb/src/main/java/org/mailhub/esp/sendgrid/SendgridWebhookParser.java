package org.mailhub.esp.sendgrid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailhub.callback.DeliveryEventType;
import org.mailhub.callback.Incoming;
import org.mailhub.callback.Parsed;
import org.mailhub.callback.Unprocessed;
import org.mailhub.callback.WebhookJson;
import org.mailhub.callback.WebhookParser;
import org.mailhub.provider.ProviderType;
import org.mailhub.suppression.SuppressionReason;

/**
 * SendGrid's Event Webhook: a JSON array of events named by {@code event}. The meta value comes
 * back as the top-level {@value SendgridGateway#META} key, as SendGrid returns every custom arg;
 * {@code sg_event_id} identifies an event for deduplication. Events are not linked by {@code
 * sg_message_id}: its first part is the X-Message-Id of a request that carried up to 1000
 * recipients, so it names none of them.
 */
@ApplicationScoped
public class SendgridWebhookParser implements WebhookParser {

  /** The same words for every ESP: a deferral is no failure. */
  static final String DEFERRED = "deferred: the ESP is still trying; its final outcome counts";

  @Override
  public ProviderType type() {
    return ProviderType.SENDGRID;
  }

  @Override
  public Parsed parse(String body) {
    if (body == null || body.isBlank()) {
      return new Parsed(0, List.of(), List.of());
    }
    List<JsonValue> members = WebhookJson.events(body, "a JSON array of SendGrid events");
    List<Incoming> events = new ArrayList<>();
    List<Unprocessed> unprocessed = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      if (!(members.get(i) instanceof JsonObject event)) {
        unprocessed.add(new Unprocessed(i, members.get(i), "not a JSON object"));
        continue;
      }
      String name = WebhookJson.text(event, "event");
      String email = WebhookJson.text(event, "email");
      Classified classified = name == null ? null : classify(name, event);
      String skipped = name == null ? "missing event" : skipped(name, event);
      if (skipped != null) {
        unprocessed.add(new Unprocessed(i, event, skipped));
      } else if (email == null) {
        unprocessed.add(new Unprocessed(i, event, "missing email"));
      } else {
        String id = WebhookJson.text(event, "sg_event_id");
        Instant at = WebhookJson.epochSeconds(event, "timestamp");
        events.add(
            new Incoming(
                i,
                classified.type(),
                email,
                meta(event),
                null,
                at == null ? Instant.now() : at,
                description(event),
                // the documented overview sample gives every event the same id
                id == null ? null : name + "|" + id,
                event,
                classified.suppression()));
      }
    }
    return new Parsed(members.size(), events, unprocessed);
  }

  /** What an event reports, and why it suppresses the address (null: it does not). */
  record Classified(DeliveryEventType type, SuppressionReason suppression) {
    Classified(DeliveryEventType type) {
      this(type, type.suppression().orElse(null));
    }
  }

  /** Why an event is not processed, or null when it is. */
  static String skipped(String name, JsonObject event) {
    return switch (name) {
      case "processed" -> "processed: SendGrid took the email; its outcome follows";
      case "deferred" -> DEFERRED;
      case "group_resubscribe" ->
          "group_resubscribe: resubscribing is the marketer's decision, in mailhub";
      default ->
          classify(name, event) != null
              ? null
              : "bounce".equals(name)
                  ? "unknown bounce type " + WebhookJson.text(event, "type")
                  : "not tracked: " + name;
    };
  }

  static Classified classify(String name, JsonObject event) {
    return switch (name) {
      case "delivered" -> new Classified(DeliveryEventType.DELIVERED);
      case "open" -> new Classified(DeliveryEventType.OPENED);
      case "click" -> new Classified(DeliveryEventType.CLICKED);
      case "spamreport" -> new Classified(DeliveryEventType.SPAM);
      case "unsubscribe", "group_unsubscribe" -> new Classified(DeliveryEventType.UNSUBSCRIBED);
      case "dropped" -> dropped(WebhookJson.text(event, "reason"));
      case "bounce" -> {
        // "bounce" is permanent; "blocked" is the receiving side refusing for now
        String type = WebhookJson.text(event, "type");
        yield type == null || type.equals("bounce")
            ? new Classified(DeliveryEventType.HARD_BOUNCE)
            : type.equals("blocked") ? new Classified(DeliveryEventType.SOFT_BOUNCE) : null;
      }
      default -> null;
    };
  }

  /**
   * A drop by its documented reason: SendGrid drops addresses on its own suppression lists, which
   * suppress here for the same cause; drops for the sender's content or account say nothing of the
   * address.
   */
  static Classified dropped(String reason) {
    String why = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
    if (why.startsWith("bounced address")) {
      return new Classified(DeliveryEventType.DROPPED, SuppressionReason.HARD_BOUNCE);
    }
    if (why.startsWith("unsubscribed address")) {
      return new Classified(DeliveryEventType.DROPPED, SuppressionReason.UNSUBSCRIBED);
    }
    if (why.startsWith("spam reporting address")) {
      return new Classified(DeliveryEventType.DROPPED, SuppressionReason.SPAM_COMPLAINT);
    }
    if (why.startsWith("invalid smtpapi header")
        || why.startsWith("spam content")
        || why.startsWith("recipient list over package quota")) {
      return new Classified(DeliveryEventType.DROPPED, null);
    }
    if (why.startsWith("invalid")) {
      return new Classified(DeliveryEventType.DROPPED, SuppressionReason.INVALID_ADDRESS);
    }
    return new Classified(DeliveryEventType.DROPPED);
  }

  /** The custom arg as SendGrid returns it, or inside {@code unique_args} as older events have. */
  private static String meta(JsonObject event) {
    String meta = WebhookJson.text(event, SendgridGateway.META);
    if (meta == null && event.get("unique_args") instanceof JsonObject args) {
      meta = WebhookJson.text(args, SendgridGateway.META);
    }
    return meta;
  }

  private static String description(JsonObject event) {
    String url = WebhookJson.text(event, "url");
    if (url != null && "click".equals(WebhookJson.text(event, "event"))) {
      return url;
    }
    String text = WebhookJson.text(event, "reason");
    if (text == null) {
      text = WebhookJson.text(event, "response");
    }
    String classification = WebhookJson.text(event, "bounce_classification");
    return classification == null
        ? text
        : text == null ? classification : text + " (" + classification + ")";
  }
}
