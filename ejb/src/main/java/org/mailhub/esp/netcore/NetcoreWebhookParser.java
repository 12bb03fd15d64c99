package org.mailhub.esp.netcore;

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

/**
 * Netcore's webhooks: a JSON array of events ({@code TRANSID, EMAIL, EVENT, TIMESTAMP, X-APIHEADER,
 * BOUNCE_TYPE, RESPONSE, ...}), or the same events with lower-case keys ({@code transid, email,
 * event, ...}; the migration API's {@code sg_message_id} and {@code reason} too). Event names
 * differ between API versions and numbers may come as strings; {@code TRANSID} is kept as text (it
 * exceeds 2^53). {@code X-APIHEADER} is the {@code token_to} mailhub sent: the meta value.
 */
@ApplicationScoped
public class NetcoreWebhookParser implements WebhookParser {

  @Override
  public ProviderType type() {
    return ProviderType.NETCORE;
  }

  @Override
  public Parsed parse(String body) {
    if (body == null || body.isBlank()) {
      return new Parsed(0, List.of(), List.of());
    }
    List<JsonValue> members = WebhookJson.events(body, "a JSON array of events");
    List<Incoming> events = new ArrayList<>();
    List<Unprocessed> unprocessed = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      if (!(members.get(i) instanceof JsonObject event)) {
        unprocessed.add(new Unprocessed(i, members.get(i), "not a JSON object"));
        continue;
      }
      String name = field(event, "EVENT");
      DeliveryEventType type = type(name, field(event, "BOUNCE_TYPE"));
      String email = field(event, "EMAIL");
      if (type == null) {
        unprocessed.add(
            new Unprocessed(i, event, name == null ? "missing EVENT" : "unknown EVENT " + name));
      } else if (email == null) {
        unprocessed.add(new Unprocessed(i, event, "missing EMAIL"));
      } else {
        String transId = firstOf(field(event, "TRANSID"), field(event, "SG_MESSAGE_ID"));
        String timestamp = field(event, "TIMESTAMP");
        Instant at = WebhookJson.epochSeconds(event, key(event, "TIMESTAMP"));
        String description =
            type == DeliveryEventType.CLICKED
                ? field(event, "URL")
                : firstOf(
                    knownReason(field(event, "BOUNCE_REASON")),
                    firstOf(field(event, "RESPONSE"), field(event, "REASON")));
        String eventId =
            transId == null
                ? null
                : String.join(
                    "|",
                    transId,
                    type.name(),
                    String.valueOf(timestamp),
                    String.valueOf(field(event, "URL")));
        events.add(
            new Incoming(
                i,
                type,
                email,
                field(event, "X-APIHEADER"),
                transId,
                at == null ? Instant.now() : at,
                description,
                eventId,
                event));
      }
    }
    return new Parsed(members.size(), events, unprocessed);
  }

  /**
   * Netcore's event names across API versions. A bounce is hard unless its {@code BOUNCE_TYPE} says
   * soft: Netcore documents {@code bounced} as "Message has hard bounce".
   */
  static DeliveryEventType type(String event, String bounceType) {
    if (event == null) {
      return null;
    }
    return switch (event.strip().toLowerCase(Locale.ROOT)) {
      case "sent", "delivered", "delivery" -> DeliveryEventType.DELIVERED;
      case "bounced", "bounce" ->
          bounceType != null && bounceType.toUpperCase(Locale.ROOT).startsWith("SOFT")
              ? DeliveryEventType.SOFT_BOUNCE
              : DeliveryEventType.HARD_BOUNCE;
      case "dropped", "drop" -> DeliveryEventType.DROPPED;
      case "invalid" -> DeliveryEventType.INVALID;
      case "spam", "abuse" -> DeliveryEventType.SPAM;
      case "unsubscribed", "unsub", "unsubscribe" -> DeliveryEventType.UNSUBSCRIBED;
      case "opened", "open" -> DeliveryEventType.OPENED;
      case "clicked", "click" -> DeliveryEventType.CLICKED;
      default -> null;
    };
  }

  private static String field(JsonObject event, String name) {
    return WebhookJson.text(event, key(event, name));
  }

  /**
   * A field's documented upper-case name, or its lower-case one when the event has that: an event
   * is written in one of the two formats.
   */
  private static String key(JsonObject event, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return !event.containsKey(name) && event.containsKey(lower) ? lower : name;
  }

  private static String knownReason(String reason) {
    return reason == null || reason.equalsIgnoreCase("Unknown Reason") ? null : reason;
  }

  private static String firstOf(String a, String b) {
    return a != null ? a : b;
  }
}
