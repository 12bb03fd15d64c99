package org.mailhub.esp.netcore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailhub.callback.DeliveryEventType;
import org.mailhub.callback.Fixtures;
import org.mailhub.callback.Incoming;
import org.mailhub.callback.Parsed;
import org.mailhub.infrastructure.RequestRejected;

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
    assertEquals(DeliveryEventType.SOFT_BOUNCE, NetcoreWebhookParser.type("bounced", null));
    assertEquals(DeliveryEventType.DROPPED, NetcoreWebhookParser.type("drop", null));
    assertEquals(DeliveryEventType.SPAM, NetcoreWebhookParser.type("ABUSE", null));
    assertEquals(DeliveryEventType.UNSUBSCRIBED, NetcoreWebhookParser.type("unsub", null));
    assertEquals(DeliveryEventType.OPENED, NetcoreWebhookParser.type("open", null));
    assertEquals(DeliveryEventType.CLICKED, NetcoreWebhookParser.type("click", null));
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
