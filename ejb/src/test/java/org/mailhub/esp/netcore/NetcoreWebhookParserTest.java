package org.mailhub.esp.netcore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailhub.callback.DeliveryEventType;
import org.mailhub.callback.Fixtures;
import org.mailhub.callback.Incoming;
import org.mailhub.callback.Parsed;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.suppression.SuppressionReason;

class NetcoreWebhookParserTest {

  private final NetcoreWebhookParser parser = new NetcoreWebhookParser();

  @Test
  void readsTheDocumentedEventsWhateverTheirNumbersLookLike() {
    Parsed parsed = parser.parse(Fixtures.webhook("netcore-events.json"));

    assertEquals(
        List.of(
            DeliveryEventType.DELIVERED,
            DeliveryEventType.SOFT_BOUNCE,
            DeliveryEventType.OPENED,
            DeliveryEventType.CLICKED,
            DeliveryEventType.HARD_BOUNCE,
            DeliveryEventType.DROPPED,
            DeliveryEventType.INVALID,
            DeliveryEventType.UNSUBSCRIBED,
            DeliveryEventType.SPAM),
        parsed.events().stream().map(Incoming::type).toList());
    Incoming sent = parsed.events().get(0);
    assertEquals("UNIQUEID", sent.meta());
    assertEquals("15536250111702803", sent.messageId(), "TRANSID keeps every digit");
    assertEquals(Instant.ofEpochSecond(1553681625), sent.occurredAt());
    Incoming softBounce = parsed.events().get(1);
    assertEquals("15379002020014000", softBounce.messageId());
    assertEquals(Instant.ofEpochSecond(1537967095), softBounce.occurredAt());
    assertEquals("https://example.com/link", parsed.events().get(3).description());
    assertEquals("Invalid Address", parsed.events().get(4).description());
  }

  @Test
  void eventNamesOfEveryApiVersionAreUnderstood() {
    assertEquals(DeliveryEventType.DELIVERED, NetcoreWebhookParser.type("Delivered", null));
    assertEquals(DeliveryEventType.HARD_BOUNCE, NetcoreWebhookParser.type("bounce", "HARDBOUNCE"));
    assertEquals(DeliveryEventType.SOFT_BOUNCE, NetcoreWebhookParser.type("bounced", "softbounce"));
    assertEquals(DeliveryEventType.DROPPED, NetcoreWebhookParser.type("drop", null));
    assertEquals(DeliveryEventType.SPAM, NetcoreWebhookParser.type("ABUSE", null));
    assertEquals(DeliveryEventType.UNSUBSCRIBED, NetcoreWebhookParser.type("unsub", null));
    assertEquals(DeliveryEventType.OPENED, NetcoreWebhookParser.type("open", null));
    assertEquals(DeliveryEventType.CLICKED, NetcoreWebhookParser.type("click", null));
  }

  @Test
  void aBounceWithoutATypeIsHardAsNetcoreDocumentsIt() {
    assertEquals(DeliveryEventType.HARD_BOUNCE, NetcoreWebhookParser.type("bounced", null));
    assertEquals(DeliveryEventType.HARD_BOUNCE, NetcoreWebhookParser.type("bounce", ""));
    assertEquals(DeliveryEventType.HARD_BOUNCE, NetcoreWebhookParser.type("bounced", "HARDBOUNCE"));
  }

  @Test
  void bouncesDropsAndInvalidAddressesSuppressEachForItsReasonSoftBouncesAlone() {
    Parsed parsed = parser.parse(Fixtures.webhook("netcore-events.json"));

    assertEquals(
        Arrays.asList(
            null,
            null,
            null,
            null,
            SuppressionReason.HARD_BOUNCE,
            SuppressionReason.DROPPED,
            SuppressionReason.INVALID_ADDRESS,
            SuppressionReason.UNSUBSCRIBED,
            SuppressionReason.SPAM_COMPLAINT),
        parsed.events().stream().map(Incoming::suppression).toList());
  }

  @Test
  void theLowerCaseFormatIsReadLikeTheUpperCaseOne() {
    Parsed parsed = parser.parse(Fixtures.webhook("netcore-lowercase.json"));

    assertEquals(List.of(), parsed.unprocessed());
    assertEquals(
        List.of(
            DeliveryEventType.DELIVERED,
            DeliveryEventType.DROPPED,
            DeliveryEventType.HARD_BOUNCE,
            DeliveryEventType.SOFT_BOUNCE,
            DeliveryEventType.INVALID,
            DeliveryEventType.CLICKED),
        parsed.events().stream().map(Incoming::type).toList());
    Incoming delivered = parsed.events().get(0);
    assertEquals("user@example.com", delivered.email());
    assertEquals("15536250111702803", delivered.messageId(), "sg_message_id is the TRANSID");
    assertEquals(Instant.ofEpochSecond(1553681625), delivered.occurredAt());
    Incoming dropped = parsed.events().get(1);
    assertEquals("Email dropped: User suppressed due to unsubscription", dropped.description());
    assertEquals(SuppressionReason.DROPPED, dropped.suppression());
    Incoming bounced = parsed.events().get(2);
    assertEquals("UNIQUEID", bounced.meta());
    assertEquals("15536250111702805", bounced.messageId());
    assertEquals(Instant.ofEpochSecond(1553681627), bounced.occurredAt());
    assertEquals("550 5.1.1 user unknown", bounced.description());
    assertEquals("452 mailbox full", parsed.events().get(3).description());
    assertEquals(null, parsed.events().get(3).suppression());
    assertEquals(SuppressionReason.INVALID_ADDRESS, parsed.events().get(4).suppression());
    assertEquals("https://example.com/link", parsed.events().get(5).description());
  }

  @Test
  void lowerCaseEventsWithoutEventOrEmailAreSetAside() {
    Parsed parsed =
        parser.parse(
            "[{\"event\": \"teleported\", \"email\": \"a@x.com\"}, {\"event\": \"sent\"}]");

    assertEquals(
        List.of("unknown EVENT teleported", "missing EMAIL"),
        parsed.unprocessed().stream().map(u -> u.reason()).toList());
  }

  @Test
  void theSameEventHasTheSameIdentityTwice() {
    String body =
        "[{\"TRANSID\": 15536250111702803, \"EMAIL\": \"a@x.com\", \"EVENT\": \"sent\", \"TIMESTAMP\": 1}]";

    assertEquals(
        parser.parse(body).events().get(0).eventId(), parser.parse(body).events().get(0).eventId());
  }

  @Test
  void badEventsAreSetAsideAndEmptyArraysAccepted() {
    Parsed parsed =
        parser.parse(
            "[{\"EVENT\": \"teleported\", \"EMAIL\": \"a@x.com\"}, {\"EVENT\": \"sent\"}, 7]");

    assertEquals(
        List.of("unknown EVENT teleported", "missing EMAIL", "not a JSON object"),
        parsed.unprocessed().stream().map(u -> u.reason()).toList());
    assertEquals(0, parser.parse("[]").total());
    assertThrows(RequestRejected.class, () -> parser.parse("\"sent\""));
  }
}
