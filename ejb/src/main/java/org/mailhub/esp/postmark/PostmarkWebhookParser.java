package org.mailhub.esp.postmark;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mailhub.callback.DeliveryEventType;
import org.mailhub.callback.Incoming;
import org.mailhub.callback.Parsed;
import org.mailhub.callback.Unprocessed;
import org.mailhub.callback.WebhookJson;
import org.mailhub.callback.WebhookParser;
import org.mailhub.provider.ProviderType;
import org.mailhub.suppression.SuppressionReason;

/**
 * Postmark's webhooks: Bounce, SpamComplaint and SubscriptionChange (and Delivery, Open, Click).
 * Classified by {@code RecordType} and {@code Type}; a record without {@code RecordType} (as the
 * bounce API and older bounce webhooks send them) is a bounce of its {@code Type}, and only when
 * that is missing too by its {@code TypeCode}, whose documented values disagree with the samples.
 * {@code Inactive: true} means that Postmark deactivated the address: it sends there no more, and
 * neither does mailhub. Linked by {@code Metadata.meta}, which mailhub sent as {@code
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
      String named = WebhookJson.text(record, "RecordType");
      String kind = WebhookJson.text(record, "Type");
      String code = WebhookJson.text(record, "TypeCode");
      if (named == null && kind == null && code != null) {
        kind = TYPE_CODES.get(code);
      }
      String recordType = named != null ? named : kind == null ? null : "Bounce";
      Classified classified = classify(recordType, kind, record);
      String email = WebhookJson.text(record, record.containsKey("Email") ? "Email" : "Recipient");
      if (recordType == null) {
        unprocessed.add(
            new Unprocessed(
                i,
                record,
                code == null
                    ? "missing RecordType, Type and TypeCode"
                    : "unknown TypeCode " + code));
      } else if (classified == null) {
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
                classified.type(),
                email,
                meta(record),
                messageId,
                at == null ? Instant.now() : at,
                description(record),
                eventId,
                record,
                classified.suppression()));
      }
    }
    return new Parsed(members.size(), events, unprocessed);
  }

  /** What a record reports, and why it suppresses the address (null: it does not). */
  record Classified(DeliveryEventType type, SuppressionReason suppression) {
    Classified(DeliveryEventType type) {
      this(type, type.suppression().orElse(null));
    }
  }

  /** Postmark's bounce types by their documented {@code TypeCode}. */
  static final Map<String, String> TYPE_CODES =
      Map.ofEntries(
          Map.entry("1", "HardBounce"),
          Map.entry("2", "Transient"),
          Map.entry("16", "Unsubscribe"),
          Map.entry("32", "Subscribe"),
          Map.entry("64", "AutoResponder"),
          Map.entry("128", "AddressChange"),
          Map.entry("256", "DnsError"),
          Map.entry("512", "SpamNotification"),
          Map.entry("1024", "OpenRelayTest"),
          Map.entry("2048", "Unknown"),
          Map.entry("4096", "SoftBounce"),
          Map.entry("8192", "VirusNotification"),
          Map.entry("16384", "ChallengeVerification"),
          Map.entry("100000", "BadEmailAddress"),
          Map.entry("100001", "SpamComplaint"),
          Map.entry("100002", "ManuallyDeactivated"),
          Map.entry("100003", "Unconfirmed"),
          Map.entry("100006", "Blocked"),
          Map.entry("100007", "SMTPApiError"),
          Map.entry("100008", "InboundError"),
          Map.entry("100009", "DMARCPolicy"),
          Map.entry("100010", "TemplateRenderingFailed"));

  static Classified classify(String recordType, String kind, JsonObject record) {
    if (recordType == null) {
      return null;
    }
    return switch (recordType) {
      case "Bounce" -> bounce(kind, record.getBoolean("Inactive", false));
      case "SpamComplaint" -> new Classified(DeliveryEventType.SPAM);
      case "SubscriptionChange" -> {
        if (!record.getBoolean("SuppressSending", false)) {
          yield null; // a reactivation: resubscribing is the marketer's decision, in mailhub
        }
        String reason = WebhookJson.text(record, "SuppressionReason");
        yield new Classified(
            "HardBounce".equals(reason)
                ? DeliveryEventType.HARD_BOUNCE
                : "SpamComplaint".equals(reason)
                    ? DeliveryEventType.SPAM
                    : DeliveryEventType.UNSUBSCRIBED);
      }
      case "Delivery" -> new Classified(DeliveryEventType.DELIVERED);
      case "Open" -> new Classified(DeliveryEventType.OPENED);
      case "Click" -> new Classified(DeliveryEventType.CLICKED);
      default -> null;
    };
  }

  /**
   * A bounce by its type. Bounces of the sender's making (an SMTP API error, the sender's DMARC
   * policy, a template that failed) are failures but say nothing of the address; whatever Postmark
   * marks inactive suppresses, as Postmark no longer sends there.
   */
  private static Classified bounce(String kind, boolean inactive) {
    Classified classified =
        switch (kind == null ? "" : kind) {
          case "HardBounce" -> new Classified(DeliveryEventType.HARD_BOUNCE);
          case "SoftBounce", "Transient", "DnsError" ->
              new Classified(DeliveryEventType.SOFT_BOUNCE);
          case "SpamComplaint" -> new Classified(DeliveryEventType.SPAM);
          case "Unsubscribe" -> new Classified(DeliveryEventType.UNSUBSCRIBED);
          case "BadEmailAddress" -> new Classified(DeliveryEventType.INVALID);
          case "Blocked" -> new Classified(DeliveryEventType.DROPPED, SuppressionReason.BLOCKED);
          case "ManuallyDeactivated" ->
              new Classified(DeliveryEventType.DROPPED, SuppressionReason.DEACTIVATED);
          case "SMTPApiError", "DMARCPolicy", "TemplateRenderingFailed" ->
              new Classified(DeliveryEventType.DROPPED, null);
          default -> null; // auto-responders, challenge verifications and the like are not failures
        };
    if (!inactive || (classified != null && classified.suppression() != null)) {
      return classified;
    }
    return new Classified(
        classified == null ? DeliveryEventType.DROPPED : classified.type(),
        SuppressionReason.INACTIVE);
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
