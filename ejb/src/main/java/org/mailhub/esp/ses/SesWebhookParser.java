package org.mailhub.esp.ses;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
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
import org.mailhub.suppression.SuppressionReason;

/**
 * Amazon SES events as SNS delivers them (checked by {@link SnsSignature} first). A notification's
 * {@code Message} is one SES event record ({@code eventType}, or {@code notificationType} for an
 * identity's feedback notifications) naming one or more recipients: each becomes its own event,
 * linked by the {@value SesGateway#META_TAG} tag mailhub sent, else by SES's message id. A
 * subscription confirmation is confirmed by fetching its {@code SubscribeURL}.
 *
 * <p>Permanent bounces are hard, except those SES did not even try because the address is on its
 * suppression lists (subtypes Suppressed, OnAccountSuppressionList): drops. Transient and
 * undetermined bounces are soft, complaints spam, rejects (SES found a virus) drops, and a
 * Subscription event that unsubscribes from all of the contact list's topics an unsubscribe. Send,
 * Rendering Failure and DeliveryDelay events are not outcomes.
 */
@ApplicationScoped
public class SesWebhookParser implements WebhookParser {

  @Inject SnsHttp http;

  @Override
  public boolean signed() {
    return true;
  }

  @Override
  public ProviderType type() {
    return ProviderType.SES;
  }

  @Override
  public Parsed parse(String body) {
    if (body == null || body.isBlank()) {
      return new Parsed(0, List.of(), List.of());
    }
    JsonObject json = WebhookJson.parse(body) instanceof JsonObject o ? o : null;
    if (json == null) {
      throw org.mailhub.infrastructure.RequestRejected.invalid(
          "body", "must be an Amazon SNS message, a JSON object");
    }
    SnsMessage message = SnsMessage.of(json);
    if (SnsMessage.SUBSCRIPTION_CONFIRMATION.equals(message.type())) {
      confirm(message);
      return unprocessed(json, "SNS subscription to " + message.topicArn() + " confirmed");
    }
    if (SnsMessage.UNSUBSCRIBE_CONFIRMATION.equals(message.type())) {
      return unprocessed(
          json,
          "SNS subscription to "
              + message.topicArn()
              + " ended: no more SES events come until the topic is subscribed again");
    }
    if (!SnsMessage.NOTIFICATION.equals(message.type())) {
      return unprocessed(json, "not an SNS notification: Type " + message.type());
    }
    JsonObject event = record(message.message());
    if (event == null) {
      return unprocessed(json, "the SNS notification's Message is not an SES event record");
    }
    return events(event);
  }

  /** One SES event record: an event per recipient it names. */
  static Parsed events(JsonObject event) {
    String name =
        WebhookJson.text(event, event.containsKey("eventType") ? "eventType" : "notificationType");
    JsonObject mail = object(event, "mail");
    String meta = meta(mail);
    String messageId = WebhookJson.text(mail, "messageId");
    Classified classified = classify(name, event);
    if (classified.type() == null) {
      return unprocessed(event, classified.reason());
    }
    List<Incoming> events = new ArrayList<>();
    List<Unprocessed> unprocessed = new ArrayList<>();
    List<String> recipients = classified.recipients(event, mail);
    for (int i = 0; i < recipients.size(); i++) {
      String email = recipients.get(i);
      if (email == null) {
        unprocessed.add(new Unprocessed(i, event, "a recipient without emailAddress"));
        continue;
      }
      JsonObject details = object(event, classified.detail());
      Instant at = WebhookJson.iso(details, "timestamp");
      if (at == null) {
        at = WebhookJson.iso(mail, "timestamp");
      }
      String link = WebhookJson.text(details, "link");
      events.add(
          new Incoming(
              i,
              classified.type(),
              email,
              meta,
              messageId,
              at == null ? Instant.now() : at,
              classified.description(event, email),
              String.join(
                  "|",
                  String.valueOf(messageId),
                  name,
                  email,
                  String.valueOf(WebhookJson.text(details, "timestamp")),
                  String.valueOf(link)),
              event,
              classified.suppression()));
    }
    if (recipients.isEmpty()) {
      unprocessed.add(new Unprocessed(0, event, "the " + name + " event names no recipient"));
    }
    return new Parsed(Math.max(1, recipients.size()), events, unprocessed);
  }

  /**
   * What an SES event reports: the kind, the object that details it, or why it is no outcome.
   *
   * @param detail the event's own object ({@code bounce}, {@code click}, …)
   */
  record Classified(
      DeliveryEventType type, String detail, String reason, SuppressionReason suppression) {

    static Classified of(DeliveryEventType type, String detail) {
      return new Classified(type, detail, null, type.suppression().orElse(null));
    }

    /**
     * A failure of this message, not of the address (a virus, content or size SES or the receiver
     * refused): it counts as a drop and suppresses nobody.
     */
    static Classified ofMessage(String detail) {
      return new Classified(DeliveryEventType.DROPPED, detail, null, null);
    }

    static Classified none(String reason) {
      return new Classified(null, null, reason, null);
    }

    /** The recipients the event is about. */
    List<String> recipients(JsonObject event, JsonObject mail) {
      JsonObject details = object(event, detail);
      return switch (detail) {
        case "bounce" -> addresses(details, "bouncedRecipients");
        case "complaint" -> addresses(details, "complainedRecipients");
        case "delivery" -> strings(details, "recipients");
        default -> strings(mail, "destination");
      };
    }

    String description(JsonObject event, String email) {
      JsonObject details = object(event, detail);
      return switch (detail) {
        case "bounce" -> {
          String diagnostic = null;
          if (details.get("bouncedRecipients") instanceof JsonArray recipients) {
            for (JsonValue recipient : recipients) {
              if (recipient instanceof JsonObject r
                  && email.equals(WebhookJson.text(r, "emailAddress"))) {
                diagnostic = WebhookJson.text(r, "diagnosticCode");
              }
            }
          }
          String kind =
              WebhookJson.text(details, "bounceType")
                  + " "
                  + WebhookJson.text(details, "bounceSubType");
          yield diagnostic == null ? kind : kind + ": " + diagnostic;
        }
        case "complaint" -> WebhookJson.text(details, "complaintFeedbackType");
        case "delivery" -> WebhookJson.text(details, "smtpResponse");
        case "reject" -> WebhookJson.text(details, "reason");
        case "click" -> WebhookJson.text(details, "link");
        case "subscription" -> WebhookJson.text(details, "source");
        default -> null;
      };
    }
  }

  static Classified classify(String name, JsonObject event) {
    if (name == null) {
      return Classified.none("not an SES event record: no eventType");
    }
    return switch (name) {
      case "Bounce" -> bounce(object(event, "bounce"));
      case "Complaint" -> Classified.of(DeliveryEventType.SPAM, "complaint");
      case "Delivery" -> Classified.of(DeliveryEventType.DELIVERED, "delivery");
      case "Reject" -> Classified.ofMessage("reject");
      case "Open" -> Classified.of(DeliveryEventType.OPENED, "open");
      case "Click" -> Classified.of(DeliveryEventType.CLICKED, "click");
      case "Subscription" -> subscription(object(event, "subscription"));
      case "DeliveryDelay" -> Classified.none(Unprocessed.DEFERRED);
      case "Send" -> Classified.none("not tracked: Send (SES accepted the email)");
      case "Rendering Failure", "RenderingFailure" ->
          Classified.none("not tracked: Rendering Failure (only SES templates fail to render)");
      default -> Classified.none("unknown SES eventType " + name);
    };
  }

  /** Transient bounces of the message rather than the mailbox: they say nothing of the address. */
  private static final java.util.Set<String> MESSAGE_REFUSED =
      java.util.Set.of("ContentRejected", "AttachmentRejected", "MessageTooLarge");

  private static Classified bounce(JsonObject bounce) {
    String type = WebhookJson.text(bounce, "bounceType");
    String subType = WebhookJson.text(bounce, "bounceSubType");
    if ("Permanent".equals(type)) {
      // SES did not send: the address is on its global or the account's suppression list
      boolean suppressed =
          "Suppressed".equals(subType) || "OnAccountSuppressionList".equals(subType);
      return Classified.of(
          suppressed ? DeliveryEventType.DROPPED : DeliveryEventType.HARD_BOUNCE, "bounce");
    }
    if ("Transient".equals(type)
        && MESSAGE_REFUSED.contains(String.valueOf(WebhookJson.text(bounce, "bounceSubType")))) {
      return Classified.ofMessage("bounce");
    }
    if ("Transient".equals(type) || "Undetermined".equals(type)) {
      return Classified.of(DeliveryEventType.SOFT_BOUNCE, "bounce");
    }
    return Classified.none("unknown bounceType " + type);
  }

  /**
   * SES's own subscription management (contact lists): leaving all topics is an unsubscribe; a
   * change of single topics says nothing about mailhub's mail, which is sent to no topic.
   */
  private static Classified subscription(JsonObject subscription) {
    JsonObject preferences = object(subscription, "newTopicPreferences");
    return preferences.getBoolean("unsubscribeAll", false)
        ? Classified.of(DeliveryEventType.UNSUBSCRIBED, "subscription")
        : Classified.none("not tracked: topic preferences changed, not unsubscribed from all");
  }

  private void confirm(SnsMessage message) {
    try {
      http.get(URI.create(message.subscribeUrl()));
    } catch (org.mailhub.callback.WebhookRefused e) {
      throw org.mailhub.infrastructure.RequestRejected.invalid("SubscribeURL", e.getMessage());
    } catch (IOException | RuntimeException e) {
      throw new SnsUnavailable(
          "Cannot confirm the SNS subscription to "
              + message.topicArn()
              + " at its SubscribeURL: "
              + e.getMessage(),
          e);
    }
  }

  private static JsonObject record(String message) {
    try {
      return message != null && WebhookJson.parse(message) instanceof JsonObject record
          ? record
          : null;
    } catch (org.mailhub.infrastructure.RequestRejected notJson) {
      return null;
    }
  }

  /** The meta value: the first value of the message tag mailhub sent. */
  private static String meta(JsonObject mail) {
    JsonObject tags = object(mail, "tags");
    return tags.get(SesGateway.META_TAG) instanceof JsonArray values
            && !values.isEmpty()
            && values.get(0) instanceof JsonString value
        ? value.getString()
        : null;
  }

  private static List<String> addresses(JsonObject details, String name) {
    List<String> addresses = new ArrayList<>();
    if (details.get(name) instanceof JsonArray recipients) {
      for (JsonValue recipient : recipients) {
        addresses.add(
            recipient instanceof JsonObject r ? WebhookJson.text(r, "emailAddress") : null);
      }
    }
    return addresses;
  }

  private static List<String> strings(JsonObject object, String name) {
    List<String> strings = new ArrayList<>();
    if (object.get(name) instanceof JsonArray values) {
      for (JsonValue value : values) {
        strings.add(
            value instanceof JsonString s && !s.getString().isBlank() ? s.getString() : null);
      }
    }
    return strings;
  }

  private static JsonObject object(JsonObject parent, String name) {
    return name != null && parent.get(name) instanceof JsonObject child
        ? child
        : JsonValue.EMPTY_JSON_OBJECT;
  }

  private static Parsed unprocessed(JsonValue event, String reason) {
    return new Parsed(1, List.of(), List.of(new Unprocessed(0, event, reason)));
  }
}
