package org.mailhub.esp.postmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailhub.callback.DeliveryEventType;
import org.mailhub.callback.Fixtures;
import org.mailhub.callback.Incoming;
import org.mailhub.callback.Parsed;
import org.mailhub.callback.Unprocessed;
import org.mailhub.suppression.SuppressionReason;

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

  @ParameterizedTest(name = "{0}, inactive {1}: {2} {3}")
  @CsvSource(
      nullValues = "-",
      value = {
        "HardBounce, false, HARD_BOUNCE, HARD_BOUNCE",
        "SoftBounce, false, SOFT_BOUNCE, -",
        "Transient, false, SOFT_BOUNCE, -",
        "DnsError, false, SOFT_BOUNCE, -",
        "SoftBounce, true, SOFT_BOUNCE, INACTIVE",
        "SpamComplaint, false, SPAM, SPAM_COMPLAINT",
        "Unsubscribe, false, UNSUBSCRIBED, UNSUBSCRIBED",
        "BadEmailAddress, false, INVALID, INVALID_ADDRESS",
        "Blocked, false, DROPPED, BLOCKED",
        "ManuallyDeactivated, false, DROPPED, DEACTIVATED",
        "ManuallyDeactivated, true, DROPPED, DEACTIVATED",
        "SMTPApiError, false, DROPPED, -",
        "DMARCPolicy, false, DROPPED, -",
        "TemplateRenderingFailed, false, DROPPED, -",
        "DMARCPolicy, true, DROPPED, INACTIVE",
        "Unknown, true, DROPPED, INACTIVE",
        "SpamNotification, true, DROPPED, INACTIVE"
      })
  void eachBounceTypeSuppressesAsPostmarkDocumentsIt(
      String type, boolean inactive, DeliveryEventType expected, SuppressionReason suppression) {
    String body =
        "{\"RecordType\": \"Bounce\", \"Type\": \"%s\", \"Inactive\": %s, \"ID\": 7, \"Email\": \"a@x.com\"}"
            .formatted(type, inactive);

    Incoming bounce = parser.parse(body).events().get(0);

    assertEquals(expected, bounce.type());
    assertEquals(suppression, bounce.suppression());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Subscribe",
        "AutoResponder",
        "AddressChange",
        "SpamNotification",
        "OpenRelayTest",
        "Unknown",
        "VirusNotification",
        "ChallengeVerification",
        "Unconfirmed",
        "InboundError"
      })
  void bouncesThatAreNoFailureAreNotTrackedUnlessTheAddressWasDeactivated(String type) {
    Parsed parsed =
        parser.parse(
            "{\"RecordType\": \"Bounce\", \"Type\": \"%s\", \"Inactive\": false, \"Email\": \"a@x.com\"}"
                .formatted(type));

    assertEquals("not tracked: Bounce " + type, parsed.unprocessed().get(0).reason());
  }

  @Test
  void withoutRecordTypeABounceIsClassifiedByTypeElseByTypeCode() {
    String bounceApiRecord =
        "{\"ID\": 123456789, \"Type\": \"HardBounce\", \"MessageID\": \"d12c2f1c\", \"TypeCode\": 1,"
            + " \"Email\": \"john.appleseed@example.com\", \"Inactive\": true,"
            + " \"BouncedAt\": \"2014-01-15T16:09:19.6421112-05:00\"}";
    Incoming byType = parser.parse(bounceApiRecord).events().get(0);
    assertEquals(DeliveryEventType.HARD_BOUNCE, byType.type());
    assertEquals(SuppressionReason.HARD_BOUNCE, byType.suppression());
    assertEquals(Instant.parse("2014-01-15T21:09:19.6421112Z"), byType.occurredAt());

    Incoming spam =
        parser
            .parse("{\"Type\": \"SpamComplaint\", \"TypeCode\": 512, \"Email\": \"a@x.com\"}")
            .events()
            .get(0);
    assertEquals(DeliveryEventType.SPAM, spam.type(), "Type wins over a contradicting TypeCode");

    Incoming deactivated =
        parser.parse("{\"TypeCode\": 100002, \"Email\": \"a@x.com\"}").events().get(0);
    assertEquals(SuppressionReason.DEACTIVATED, deactivated.suppression());
    Incoming soft =
        parser.parse("{\"TypeCode\": \"4096\", \"Email\": \"a@x.com\"}").events().get(0);
    assertEquals(DeliveryEventType.SOFT_BOUNCE, soft.type());
  }

  @Test
  void aRecordWithoutRecordTypeTypeOrAKnownTypeCodeIsSetAside() {
    Parsed parsed =
        parser.parse(
            "[{\"Email\": \"a@x.com\"}, {\"TypeCode\": 3, \"Email\": \"a@x.com\"},"
                + " {\"Type\": \"Teleported\", \"Email\": \"a@x.com\"}]");

    assertEquals(
        List.of(
            "missing RecordType, Type and TypeCode",
            "unknown TypeCode 3",
            "not tracked: Bounce Teleported"),
        parsed.unprocessed().stream().map(Unprocessed::reason).toList());
  }

  @Test
  void theDocumentedHardBounceSuppressesForItsReason() {
    assertEquals(
        SuppressionReason.HARD_BOUNCE,
        parser.parse(Fixtures.webhook("postmark-bounce.json")).events().get(0).suppression());
  }

  @Test
  void autoRespondersAreNotFailures() {
    Parsed parsed =
        parser.parse(
            "{\"RecordType\": \"Bounce\", \"Type\": \"AutoResponder\", \"Email\": \"a@x.com\"}");

    assertEquals("not tracked: Bounce AutoResponder", parsed.unprocessed().get(0).reason());
  }
}
