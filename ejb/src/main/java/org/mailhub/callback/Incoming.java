package org.mailhub.callback;

import jakarta.json.JsonObject;
import java.time.Instant;
import org.mailhub.suppression.SuppressionReason;

/**
 * One event as a webhook parser read it, before it is linked to a send.
 *
 * @param index its position in the webhook body
 * @param eventId what identifies the event at the ESP (e.g. Netcore's TRANSID with the event name),
 *     or null when the payload has nothing of the kind
 * @param raw the event as received, echoed back when it cannot be processed
 * @param suppression why the report makes the address channel-unsubscribed, or null when it does
 *     not: the kind's own reason unless the ESP's report says more (Postmark's Blocked or Inactive)
 */
public record Incoming(
    int index,
    DeliveryEventType type,
    String email,
    String meta,
    String messageId,
    Instant occurredAt,
    String description,
    String eventId,
    JsonObject raw,
    SuppressionReason suppression) {

  /** A report that suppresses as its kind does. */
  public Incoming(
      int index,
      DeliveryEventType type,
      String email,
      String meta,
      String messageId,
      Instant occurredAt,
      String description,
      String eventId,
      JsonObject raw) {
    this(
        index,
        type,
        email,
        meta,
        messageId,
        occurredAt,
        description,
        eventId,
        raw,
        type.suppression().orElse(null));
  }
}
