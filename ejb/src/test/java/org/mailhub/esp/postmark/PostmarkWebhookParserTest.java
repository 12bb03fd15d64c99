package org.mailhub.esp.postmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mailhub.callback.DeliveryEventType;
import org.mailhub.callback.Fixtures;
import org.mailhub.callback.Incoming;
import org.mailhub.callback.Parsed;

class PostmarkWebhookParserTest {

  private final PostmarkWebhookParser parser = new PostmarkWebhookParser();

  @Test
  void hardBounceSample() {
    Incoming bounce = parser.parse(Fixtures.webhook("postmark-bounce.json")).events().get(0);

    assertEquals(DeliveryEventType.HARD_BOUNCE, bounce.type());
    assertEquals("john@example.com", bounce.email());
    assertEquals("883953f4-6105-42a2-a16a-77a8eac79483", bounce.messageId());
    assertEquals(Instant.parse("2019-11-05T16:33:54.9070259Z"), bounce.occurredAt());
    assertEquals(null, bounce.meta());
    assertEquals(
        true, bounce.eventId().contains("4323372036854775807"), "the 64-bit ID keeps every digit");
  }

  @Test
  void spamComplaintIsClassifiedByTypeNotByTypeCode() {
    Incoming complaint =
        parser.parse(Fixtures.webhook("postmark-spam-complaint.json")).events().get(0);

    assertEquals(DeliveryEventType.SPAM, complaint.type());
  }

  @Test
  void subscriptionChangeUsesRecipientAndIgnoresReactivations() {
    Incoming change =
        parser.parse(Fixtures.webhook("postmark-subscription-change.json")).events().get(0);
    assertEquals(DeliveryEventType.HARD_BOUNCE, change.type());
    assertEquals("bounced-address@wildbit.com", change.email());

    Parsed reactivation =
        parser.parse(
            "{\"RecordType\": \"SubscriptionChange\", \"Recipient\": \"a@x.com\", \"SuppressSending\": false}");
    assertEquals(0, reactivation.events().size());
    assertEquals(1, reactivation.unprocessed().size());
  }

  @Test
  void softBouncesAndMetadata() {
    Incoming soft =
        parser
            .parse(
                "{\"RecordType\": \"Bounce\", \"Type\": \"SoftBounce\", \"TypeCode\": 1, \"ID\": 7,"
                    + " \"Email\": \"a@x.com\", \"Metadata\": {\"meta\": \"abc\"},"
                    + " \"BouncedAt\": \"2024-01-01T00:00:00Z\"}")
            .events()
            .get(0);

    assertEquals(DeliveryEventType.SOFT_BOUNCE, soft.type(), "TypeCode 1 would say hard bounce");
    assertEquals("abc", soft.meta());
  }

  @Test
  void autoRespondersAreNotFailures() {
    Parsed parsed =
        parser.parse(
            "{\"RecordType\": \"Bounce\", \"Type\": \"AutoResponder\", \"Email\": \"a@x.com\"}");

    assertEquals("not tracked: Bounce AutoResponder", parsed.unprocessed().get(0).reason());
  }
}
