package org.mailhub.esp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailhub.callback.DeliveryEventType;
import org.mailhub.callback.Fixtures;
import org.mailhub.callback.Incoming;
import org.mailhub.callback.Parsed;
import org.mailhub.infrastructure.RequestRejected;

class GenericWebhookParserTest {

  private final GenericWebhookParser parser = new GenericWebhookParser();

  @Test
  void readsTheDocumentedSample() {
    Parsed parsed = parser.parse(Fixtures.webhook("generic-v2.json"));

    assertEquals(2, parsed.total());
    Incoming unsubscribed = parsed.events().get(0);
    assertEquals(DeliveryEventType.UNSUBSCRIBED, unsubscribed.type());
    assertEquals("user1@example.com", unsubscribed.email());
    assertEquals(
        "user1@example.com|1568798080|1730714617|20241104|0|wzrk_default|-17005907|",
        unsubscribed.meta());
    assertEquals("Hard bounce detected", unsubscribed.description());
    assertEquals(DeliveryEventType.CLICKED, parsed.events().get(1).type());
  }

  @Test
  void oneBadEventNeverFailsTheOthers() {
    Parsed parsed =
        parser.parse(
            """
            {"version": "v2", "events": {
              "failed": [{"type": "hard_bounce", "email": "a@x.com", "meta": "m1"},
                         {"type": "exploded", "email": "b@x.com", "meta": "m2"},
                         {"type": "soft_bounce", "meta": "m3"},
                         {"type": "spam", "email": "d@x.com"},
                         "nonsense"],
              "opened": [{"type": "clicked", "email": "e@x.com", "meta": "m5"}]}}""");

    assertEquals(6, parsed.total());
    assertEquals(1, parsed.events().size());
    assertEquals(
        List.of(
            "unknown type exploded (hard_bounce, soft_bounce, spam, unsubscribed, clicked)",
            "missing email",
            "missing meta",
            "not a JSON object",
            "unknown event group opened (failed or clicked)"),
        parsed.unprocessed().stream().map(u -> u.reason()).toList());
  }

  @Test
  void versionMustBeV2() {
    RequestRejected rejected =
        assertThrows(
            RequestRejected.class, () -> parser.parse("{\"version\": \"v1\", \"events\": {}}"));
    assertEquals("version", rejected.fieldErrors().get(0).field());
  }

  @Test
  void moreThanAThousandEventsIsRefused() {
    StringBuilder body = new StringBuilder("{\"version\": \"v2\", \"events\": {\"failed\": [");
    for (int i = 0; i < 1001; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"type\": \"spam\", \"email\": \"a@x.com\", \"meta\": \"m\"}");
    }
    RequestRejected rejected =
        assertThrows(RequestRejected.class, () -> parser.parse(body + "]}}"));

    assertEquals("More than allowed events received", rejected.getMessage());
  }

  @Test
  void malformedJsonAndEmptyArrays() {
    assertThrows(RequestRejected.class, () -> parser.parse("{\"version\": "));
    assertEquals(0, parser.parse("[]").total());
  }

  @Test
  void answerEchoesUnprocessedEventsWithTheirReason() {
    Parsed parsed =
        parser.parse(
            "{\"version\": \"v2\", \"events\": {\"failed\": [{\"type\": \"spam\", \"email\": \"a@x.com\"}]}}");

    assertEquals(
        "{\"TOTAL_EVENTS\":1,\"PROCESSED_EVENTS\":0,\"UNPROCESSED_EVENTS\":[{\"type\":\"spam\",\"email\":\"a@x.com\",\"reason\":\"missing meta\"}]}",
        parser.answer(1, 0, parsed.unprocessed()).toString());
  }
}
