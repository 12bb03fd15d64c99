package org.mailhub.esp.mailgun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailhub.callback.DeliveryEventType;
import org.mailhub.callback.Fixtures;
import org.mailhub.callback.Incoming;
import org.mailhub.callback.Parsed;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.suppression.SuppressionReason;

class MailgunWebhookParserTest {

  private final MailgunWebhookParser parser = new MailgunWebhookParser();

  private Incoming only(String fixture) {
    Parsed parsed = parser.parse(Fixtures.webhook(fixture));
    assertEquals(1, parsed.total());
    assertEquals(1, parsed.events().size(), () -> parsed.unprocessed().toString());
    return parsed.events().get(0);
  }

  @Test
  void deliveredSample() {
    Incoming delivered = only("mailgun-delivered.json");

    assertEquals(DeliveryEventType.DELIVERED, delivered.type());
    assertEquals("recipient@example.com", delivered.email());
    assertEquals("20180812211713.1.DF5966851B4BAA99@example.org", delivered.messageId());
    assertEquals(Instant.parse("2018-08-12T21:17:17.153125Z"), delivered.occurredAt());
    assertNull(delivered.meta());
    assertTrue(delivered.eventId().contains("hTWCTD81RtiDN-..."), delivered.eventId());
  }

  @Test
  void permanentFailureIsAHardBounceLinkedByItsMeta() {
    Incoming bounce = only("mailgun-failed-permanent.json");

    assertEquals(DeliveryEventType.HARD_BOUNCE, bounce.type());
    assertEquals(SuppressionReason.HARD_BOUNCE, bounce.suppression());
    assertEquals("0123456789abcdefABCDEFGHIJKLMNOP", bounce.meta());
    assertEquals("invalid@example.com", bounce.email());
    assertTrue(bounce.description().startsWith("550 5.1.1 The email account"));
  }

  @Test
  void temporaryFailureIsADeferralNotASoftBounce() {
    Parsed parsed = parser.parse(Fixtures.webhook("mailgun-failed-temporary.json"));

    assertEquals(0, parsed.events().size());
    assertEquals(MailgunWebhookParser.DEFERRED, parsed.unprocessed().get(0).reason());
  }

  @Test
  void complaintsUnsubscribesOpensAndClicks() {
    assertEquals(DeliveryEventType.SPAM, only("mailgun-complained.json").type());
    Incoming unsubscribed = only("mailgun-unsubscribed.json");
    assertEquals(DeliveryEventType.UNSUBSCRIBED, unsubscribed.type());
    assertEquals("20130822232216.13966.79700@samples.mailgun.org", unsubscribed.messageId());
    assertEquals(DeliveryEventType.OPENED, only("mailgun-opened.json").type());
    Incoming clicked = only("mailgun-clicked.json");
    assertEquals(DeliveryEventType.CLICKED, clicked.type());
    assertEquals("https://example.com/test", clicked.description());
    assertNull(clicked.eventId(), "no event id: the callback service keys it by its content");
  }

  @ParameterizedTest
  @CsvSource({
    "suppress-bounce, DROPPED, DROPPED",
    "suppress-unsubscribe, DROPPED, DROPPED",
    "suppress-complaint, DROPPED, DROPPED",
    "old, SOFT_BOUNCE, ",
    "bounce, HARD_BOUNCE, HARD_BOUNCE",
    "generic, HARD_BOUNCE, HARD_BOUNCE",
  })
  void permanentFailuresByReason(
      String reason, DeliveryEventType type, SuppressionReason suppression) {
    Incoming event =
        parser
            .parse(
                "{\"event-data\": {\"event\": \"failed\", \"severity\": \"permanent\", \"reason\": \""
                    + reason
                    + "\", \"recipient\": \"a@example.com\", \"timestamp\": 1534110422.5}}")
            .events()
            .get(0);
    assertEquals(type, event.type());
    assertEquals(suppression, event.suppression());
  }

  @Test
  void untrackedAndIncompleteEventsAreUnprocessed() {
    assertEquals(
        "not tracked: accepted",
        parser
            .parse("{\"event-data\": {\"event\": \"accepted\", \"delivery-status\": null}}")
            .unprocessed()
            .get(0)
            .reason());
    assertEquals(
        "missing recipient",
        parser
            .parse("{\"event-data\": {\"event\": \"complained\"}}")
            .unprocessed()
            .get(0)
            .reason());
    assertEquals(
        "missing event-data object",
        parser.parse("{\"signature\": {}}").unprocessed().get(0).reason());
    assertEquals(
        "failed with unknown severity null",
        parser
            .parse("{\"event-data\": {\"event\": \"failed\", \"recipient\": \"a@example.com\"}}")
            .unprocessed()
            .get(0)
            .reason());
    assertThrows(RequestRejected.class, () -> parser.parse("[1]"));
    assertThrows(RequestRejected.class, () -> parser.parse("{"));
  }

  @Test
  void oddTimesAreNoTimes() {
    assertNull(MailgunWebhookParser.epochSeconds(jakarta.json.Json.createValue("1e999999999")));
    assertNull(MailgunWebhookParser.epochSeconds(jakarta.json.Json.createValue(-5)));
    assertNull(MailgunWebhookParser.epochSeconds(jakarta.json.Json.createValue("x")));
    assertEquals(
        Instant.ofEpochSecond(1534110422, 500_000_000),
        MailgunWebhookParser.epochSeconds(jakarta.json.Json.createValue("1534110422.5")));
  }
}
