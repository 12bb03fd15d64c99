package org.mailhub.esp.postmark;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.mailhub.callback.DeliveryEventType;
import org.mailhub.callback.Incoming;
import org.mailhub.callback.Parsed;
import org.mailhub.callback.Unprocessed;
import org.mailhub.callback.WebhookJson;
import org.mailhub.callback.WebhookParser;
import org.mailhub.provider.ProviderType;

/**
 * Postmark's webhooks: Bounce, SpamComplaint and SubscriptionChange (and Delivery, Open, Click).
 * Classified by {@code RecordType} and {@code Type}, never by {@code TypeCode}, whose documented
 * values disagree with the samples. Linked by {@code Metadata.meta}, which mailhub sent as {@code
 * X-PM-Metadata-meta}.
 */
@ApplicationScoped
public class PostmarkWebhookParser implements WebhookParser {

  @Override
  public ProviderType type() {
    return ProviderType.POSTMARK;
  }

  @Override
  public Parsed parse(String body) {
    if (body == null || body.isBlank()) {
      return new Parsed(0, List.of(), List.of());
    }
    List<JsonValue> members = WebhookJson.events(body, "a Postmark webhook JSON object");
    List<Incoming> events = new ArrayList<>();
    List<Unprocessed> unprocessed = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      if (!(members.get(i) instanceof JsonObject record)) {
        unprocessed.add(new Unprocessed(i, members.get(i), "not a JSON object"));
        continue;
      }
      String recordType = WebhookJson.text(record, "RecordType");
      String kind = WebhookJson.text(record, "Type");
      DeliveryEventType type = classify(recordType, kind, record);
      String email = WebhookJson.text(record, record.containsKey("Email") ? "Email" : "Recipient");
      if (type == null) {
        unprocessed.add(
            new Unprocessed(
                i, record, "not tracked: " + recordType + (kind == null ? "" : " " + kind)));
      } else if (email == null) {
        unprocessed.add(new Unprocessed(i, record, "missing Email"));
      } else {
        Instant at = firstTime(record, "BouncedAt", "ChangedAt", "DeliveredAt", "ReceivedAt");
        String messageId = WebhookJson.text(record, "MessageID");
        String id = WebhookJson.text(record, "ID");
        String eventId =
            String.join(
                "|",
                recordType,
                id != null ? id : String.valueOf(messageId),
                email,
                String.valueOf(at),
                String.valueOf(WebhookJson.text(record, "OriginalLink")));
        events.add(
            new Incoming(
                i,
                type,
                email,
                meta(record),
                messageId,
                at == null ? Instant.now() : at,
                description(record),
                eventId,
                record));
      }
    }
    return new Parsed(members.size(), events, unprocessed);
  }

  static DeliveryEventType classify(String recordType, String kind, JsonObject record) {
    if (recordType == null) {
      return null;
    }
    return switch (recordType) {
      case "Bounce" -> bounce(kind);
      case "SpamComplaint" -> DeliveryEventType.SPAM;
      case "SubscriptionChange" -> {
        if (!record.getBoolean("SuppressSending", false)) {
          yield null; // a reactivation: resubscribing is the marketer's decision, in mailhub
        }
        String reason = WebhookJson.text(record, "SuppressionReason");
        yield "HardBounce".equals(reason)
            ? DeliveryEventType.HARD_BOUNCE
            : "SpamComplaint".equals(reason)
                ? DeliveryEventType.SPAM
                : DeliveryEventType.UNSUBSCRIBED;
      }
      case "Delivery" -> DeliveryEventType.DELIVERED;
      case "Open" -> DeliveryEventType.OPENED;
      case "Click" -> DeliveryEventType.CLICKED;
      default -> null;
    };
  }

  private static DeliveryEventType bounce(String kind) {
    if (kind == null) {
      return null;
    }
    return switch (kind) {
      case "HardBounce" -> DeliveryEventType.HARD_BOUNCE;
      case "SoftBounce", "Transient", "DnsError" -> DeliveryEventType.SOFT_BOUNCE;
      case "SpamComplaint" -> DeliveryEventType.SPAM;
      case "Unsubscribe" -> DeliveryEventType.UNSUBSCRIBED;
      case "BadEmailAddress" -> DeliveryEventType.INVALID;
      case "Blocked",
          "ManuallyDeactivated",
          "SMTPApiError",
          "DMARCPolicy",
          "TemplateRenderingFailed" ->
          DeliveryEventType.DROPPED;
      default -> null; // auto-responders, challenge verifications and the like are not failures
    };
  }

  private static String meta(JsonObject record) {
    return record.get("Metadata") instanceof JsonObject metadata
        ? WebhookJson.text(metadata, "meta")
        : null;
  }

  private static String description(JsonObject record) {
    String link = WebhookJson.text(record, "OriginalLink");
    if (link != null) {
      return link;
    }
    String description = WebhookJson.text(record, "Description");
    String details = WebhookJson.text(record, "Details");
    return description == null
        ? details
        : details == null ? description : description + " " + details;
  }

  private static Instant firstTime(JsonObject record, String... names) {
    for (String name : names) {
      Instant at = WebhookJson.iso(record, name);
      if (at != null) {
        return at;
      }
    }
    return null;
  }
}
