package org.mailhub.esp.ses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailhub.callback.DeliveryEventType;
import org.mailhub.callback.Fixtures;
import org.mailhub.callback.Incoming;
import org.mailhub.callback.Parsed;

/** SES's documented event records (webhooks/ses/*.json) as SNS notifications deliver them. */
class SesWebhookParserTest {

  private static final String META = "0123456789abcdefABCDEFGHIJ_-klmn";

  private final List<URI> confirmed = new ArrayList<>();
  private final SesWebhookParser parser = new SesWebhookParser();

  {
    parser.http =
        url -> {
          confirmed.add(url);
          return "<ConfirmSubscriptionResponse/>";
        };
  }

  @ParameterizedTest
  @CsvSource({
    "bounce.json, HARD_BOUNCE, recipient@example.com, Permanent General: smtp; 550 5.1.1 user unknown",
    "complaint.json, SPAM, recipient@example.com, abuse",
    "delivery.json, DELIVERED, recipient@example.com, 250 2.6.0 Message received",
    "reject.json, DROPPED, sender@example.com, Bad content", // the sample sends to itself
    "open.json, OPENED, recipient@example.com,",
    "click.json, CLICKED, recipient@example.com, http://docs.aws.amazon.com/ses/latest/DeveloperGuide/send-email-smtp.html",
    "subscription.json, UNSUBSCRIBED, recipient@example.com, UnsubscribeHeader"
  })
  void documentedRecords(String fixture, DeliveryEventType type, String email, String description) {
    JsonObject record = record(fixture);

    Parsed parsed = parser.parse(notification(record));

    assertEquals(List.of(), parsed.unprocessed());
    Incoming event = parsed.events().get(0);
    assertEquals(type, event.type());
    assertEquals(email, event.email());
    assertEquals(
        record.getJsonObject("mail").getString("messageId"), event.messageId(), "SES message id");
    assertEquals(description, event.description());
  }

  @Test
  void aRejectedMessageSuppressesNobodyAndAHardBounceTheAddress() {
    assertEquals(
        null, parser.parse(notification(record("reject.json"))).events().get(0).suppression());
    assertEquals(
        org.mailhub.suppression.SuppressionReason.HARD_BOUNCE,
        parser.parse(notification(record("bounce.json"))).events().get(0).suppression());
  }

  @Test
  void theMetaTagLinksTheEvent() {
    Parsed parsed = parser.parse(notification(withMeta(record("bounce.json"))));

    assertEquals(META, parsed.events().get(0).meta());
  }

  @Test
  void eventsHappenWhenTheirObjectSays() {
    Incoming bounce = parser.parse(notification(record("bounce.json"))).events().get(0);
    Incoming click = parser.parse(notification(record("click.json"))).events().get(0);

    assertEquals(Instant.parse("2017-08-05T00:41:02.669Z"), bounce.occurredAt());
    assertEquals(Instant.parse("2017-08-09T23:51:25.570Z"), click.occurredAt());
  }

  @ParameterizedTest
  @CsvSource({
    "Permanent, General, HARD_BOUNCE",
    "Permanent, NoEmail, HARD_BOUNCE",
    "Permanent, Suppressed, DROPPED",
    "Permanent, OnAccountSuppressionList, DROPPED",
    "Transient, MailboxFull, SOFT_BOUNCE",
    "Transient, General, SOFT_BOUNCE",
    "Undetermined, Undetermined, SOFT_BOUNCE"
  })
  void bouncesByTheirType(String type, String subType, DeliveryEventType expected) {
    JsonObject record = record("bounce.json");
    JsonObject bounce =
        JSON.createObjectBuilder(record.getJsonObject("bounce"))
            .add("bounceType", type)
            .add("bounceSubType", subType)
            .build();

    Parsed parsed =
        parser.parse(notification(JSON.createObjectBuilder(record).add("bounce", bounce).build()));

    assertEquals(expected, parsed.events().get(0).type());
  }

  @Test
  void eachBouncedRecipientIsAnEvent() {
    JsonObject record = record("bounce.json");
    JsonObject bounce =
        JSON.createObjectBuilder(record.getJsonObject("bounce"))
            .add(
                "bouncedRecipients",
                JSON.createArrayBuilder()
                    .add(JSON.createObjectBuilder().add("emailAddress", "ana@example.com"))
                    .add(JSON.createObjectBuilder().add("emailAddress", "bob@example.com"))
                    .add(JSON.createObjectBuilder().add("status", "5.1.1")))
            .build();

    Parsed parsed =
        parser.parse(notification(JSON.createObjectBuilder(record).add("bounce", bounce).build()));

    assertEquals(3, parsed.total());
    assertEquals(
        List.of("ana@example.com", "bob@example.com"),
        parsed.events().stream().map(Incoming::email).toList());
    assertEquals(1, parsed.unprocessed().size());
    assertTrue(
        !parsed.events().get(0).eventId().equals(parsed.events().get(1).eventId()),
        "each recipient's event is recorded");
  }

  @ParameterizedTest
  @CsvSource({
    "delivery-delay.json, deferred: the ESP is still trying; its final outcome counts",
    "send.json, not tracked: Send (SES accepted the email)",
    "rendering-failure.json, not tracked: Rendering Failure (only SES templates fail to render)"
  })
  void recordsThatAreNoOutcome(String fixture, String reason) {
    Parsed parsed = parser.parse(notification(record(fixture)));

    assertEquals(List.of(), parsed.events());
    assertEquals(reason, parsed.unprocessed().get(0).reason());
  }

  @Test
  void changingSingleTopicsIsNoUnsubscribe() {
    JsonObject record = record("subscription.json");
    JsonObject subscription =
        JSON.createObjectBuilder(record.getJsonObject("subscription"))
            .add("newTopicPreferences", JSON.createObjectBuilder().add("unsubscribeAll", false))
            .build();

    Parsed parsed =
        parser.parse(
            notification(
                JSON.createObjectBuilder(record).add("subscription", subscription).build()));

    assertEquals(List.of(), parsed.events());
  }

  @Test
  void aSubscriptionConfirmationIsConfirmed() {
    Parsed parsed =
        parser.parse(
            JSON.createObjectBuilder()
                .add("Type", "SubscriptionConfirmation")
                .add("TopicArn", "arn:aws:sns:eu-west-1:123456789012:mailhub")
                .add("SubscribeURL", "https://sns.eu-west-1.amazonaws.com/?Action=Confirm&Token=t")
                .build()
                .toString());

    assertEquals(
        List.of(URI.create("https://sns.eu-west-1.amazonaws.com/?Action=Confirm&Token=t")),
        confirmed);
    assertEquals(
        "SNS subscription to arn:aws:sns:eu-west-1:123456789012:mailhub confirmed",
        parsed.unprocessed().get(0).reason());
  }

  @Test
  void aConfirmationThatFailsIsWorthARetry() {
    parser.http =
        url -> {
          throw new IOException("503");
        };

    assertThrows(
        SnsUnavailable.class,
        () ->
            parser.parse(
                "{\"Type\": \"SubscriptionConfirmation\", \"SubscribeURL\":"
                    + " \"https://sns.eu-west-1.amazonaws.com/?Action=Confirm\"}"));
  }

  @Test
  void notificationsThatAreNoSesEvents() {
    Parsed hello = parser.parse(Fixtures.webhook("ses/sns-notification-v1.json"));
    Parsed other = parser.parse(notificationOf("{\"foo\": 1}"));

    assertEquals(List.of(), hello.events());
    assertEquals(
        "the SNS notification's Message is not an SES event record",
        hello.unprocessed().get(0).reason());
    assertEquals("not an SES event record: no eventType", other.unprocessed().get(0).reason());
  }

  @Test
  void identityFeedbackNotificationsReadAlike() {
    JsonObject record = record("complaint.json");
    JsonObject legacy =
        JSON.createObjectBuilder(record)
            .remove("eventType")
            .add("notificationType", "Complaint")
            .build();

    assertEquals(DeliveryEventType.SPAM, parser.parse(notification(legacy)).events().get(0).type());
  }

  static JsonObject withMeta(JsonObject record) {
    JsonObject mail = record.getJsonObject("mail");
    JsonObject tags =
        JSON.createObjectBuilder(mail.getJsonObject("tags"))
            .add(SesGateway.META_TAG, JSON.createArrayBuilder().add(META))
            .build();
    return JSON.createObjectBuilder(record)
        .add("mail", JSON.createObjectBuilder(mail).add("tags", tags))
        .build();
  }

  private static JsonObject record(String fixture) {
    return JSON.createReader(new StringReader(Fixtures.webhook("ses/" + fixture))).readObject();
  }

  private static String notification(JsonObject record) {
    return notificationOf(record.toString());
  }

  private static String notificationOf(String message) {
    return JSON.createObjectBuilder()
        .add("Type", "Notification")
        .add("MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324")
        .add("TopicArn", "arn:aws:sns:us-east-1:123456789012:mailhub")
        .add("Message", message)
        .add("Timestamp", "2017-08-05T00:41:03.000Z")
        .add("SignatureVersion", "1")
        .add("Signature", "EXAMPLE")
        .add("SigningCertURL", "https://sns.us-east-1.amazonaws.com/cert.pem")
        .build()
        .toString();
  }
}
