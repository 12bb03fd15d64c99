package org.mailhub.esp.sendgrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailhub.callback.DeliveryEventType;
import org.mailhub.callback.Fixtures;
import org.mailhub.callback.Incoming;
import org.mailhub.callback.Parsed;
import org.mailhub.callback.Unprocessed;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.suppression.SuppressionReason;

class SendgridWebhookParserTest {

  private final SendgridWebhookParser parser = new SendgridWebhookParser();

  @Test
  void eachDocumentedEvent() {
    Parsed parsed = parser.parse(Fixtures.webhook("sendgrid-each-event.json"));

    assertEquals(12, parsed.total());
    assertEquals(
        List.of(
            "DROPPED HARD_BOUNCE",
            "DELIVERED null",
            "HARD_BOUNCE HARD_BOUNCE",
            "SOFT_BOUNCE null",
            "OPENED null",
            "CLICKED null",
            "SPAM SPAM_COMPLAINT",
            "UNSUBSCRIBED UNSUBSCRIBED",
            "UNSUBSCRIBED UNSUBSCRIBED"),
        parsed.events().stream().map(e -> e.type() + " " + e.suppression()).toList());
    assertEquals(List.of(0, 3, 11), parsed.unprocessed().stream().map(Unprocessed::index).toList());
    assertEquals(
        SendgridWebhookParser.DEFERRED,
        parsed.unprocessed().get(1).reason(),
        "a deferral is no failure");

    Incoming dropped = parsed.events().get(0);
    assertEquals("example@test.com", dropped.email());
    assertEquals("dropped|zmzJhfJgAfUSOW80yEbPyw==", dropped.eventId());
    assertEquals(Instant.ofEpochSecond(1513299569), dropped.occurredAt());
    assertEquals("Bounced Address", dropped.description());
    assertNull(dropped.messageId(), "sg_message_id names a request of up to 1000 recipients");
    assertNull(dropped.meta());
    assertEquals("500 unknown recipient (Invalid Address)", parsed.events().get(2).description());
    assertEquals("http://www.sendgrid.com/", parsed.events().get(5).description());
  }

  @Test
  void overviewSampleKeepsEventsApartThoughTheyShareAnId() {
    Parsed parsed = parser.parse(Fixtures.webhook("sendgrid-events.json"));

    assertEquals(12, parsed.total());
    assertEquals(
        "DELIVERED OPENED CLICKED HARD_BOUNCE DROPPED SPAM UNSUBSCRIBED UNSUBSCRIBED",
        parsed.events().stream().map(e -> e.type().name()).collect(Collectors.joining(" ")));
    assertEquals(
        parsed.events().size(), parsed.events().stream().map(Incoming::eventId).distinct().count());
    assertEquals(
        List.of(
            "processed: SendGrid took the email; its outcome follows",
            SendgridWebhookParser.DEFERRED,
            "group_resubscribe: resubscribing is the marketer's decision, in mailhub",
            "not tracked: account_status_change"),
        parsed.unprocessed().stream().map(Unprocessed::reason).toList());
  }

  @Test
  void metaComesBackAsATopLevelCustomArg() {
    Incoming event =
        parser
            .parse(
                "[{\"email\":\"ana@example.com\",\"event\":\"delivered\",\"timestamp\":1700000000,"
                    + "\"sg_event_id\":\"e1\",\"mailhub_meta\":\"0123456789abcdefABCDEFGH_-ijklmn\"}]")
            .events()
            .get(0);
    assertEquals("0123456789abcdefABCDEFGH_-ijklmn", event.meta());

    Incoming legacy =
        parser
            .parse(
                "[{\"email\":\"ana@example.com\",\"event\":\"open\","
                    + "\"unique_args\":{\"mailhub_meta\":\"m-1\"}}]")
            .events()
            .get(0);
    assertEquals("m-1", legacy.meta());
    assertNull(legacy.eventId(), "without sg_event_id the event is identified by its content");
  }

  @ParameterizedTest(name = "{0}: {1} {2}")
  @CsvSource(
      nullValues = "-",
      value = {
        "Bounced Address, DROPPED, HARD_BOUNCE",
        "Unsubscribed Address, DROPPED, UNSUBSCRIBED",
        "Spam Reporting Address, DROPPED, SPAM_COMPLAINT",
        "Invalid Address, DROPPED, INVALID_ADDRESS",
        "Invalid, DROPPED, INVALID_ADDRESS",
        "Invalid SMTPAPI header, DROPPED, -",
        "Spam Content (if Spam Checker app is enabled), DROPPED, -",
        "Recipient List over Package Quota, DROPPED, -",
        "Something new, DROPPED, DROPPED"
      })
  void dropsSuppressForTheAddresssOwnReasons(
      String reason, DeliveryEventType type, SuppressionReason suppression) {
    Incoming event =
        parser
            .parse("[{\"email\":\"a@x.com\",\"event\":\"dropped\",\"reason\":\"" + reason + "\"}]")
            .events()
            .get(0);
    assertEquals(type, event.type());
    assertEquals(suppression, event.suppression());
  }

  @Test
  void oddEventsAreUnprocessedOneByOne() {
    Parsed parsed =
        parser.parse(
            "[1, {\"email\":\"a@x.com\"}, {\"event\":\"delivered\"},"
                + " {\"email\":\"a@x.com\",\"event\":\"bounce\",\"type\":\"weird\"},"
                + " {\"email\":\"a@x.com\",\"event\":\"bounce\",\"timestamp\":\"1e99999\"},"
                + " {\"email\":\"a@x.com\",\"event\":{\"nested\":true}}]");

    assertEquals(
        List.of(
            "not a JSON object",
            "missing event",
            "missing email",
            "unknown bounce type weird",
            "missing event"),
        parsed.unprocessed().stream().map(Unprocessed::reason).toList());
    assertEquals(1, parsed.events().size(), "a bounce without type is a bounce");
    assertEquals(DeliveryEventType.HARD_BOUNCE, parsed.events().get(0).type());
    assertEquals(0, parser.parse("").total());
    assertThrows(RequestRejected.class, () -> parser.parse("\"text\""));
    assertThrows(RequestRejected.class, () -> parser.parse("[{"));
  }
}
