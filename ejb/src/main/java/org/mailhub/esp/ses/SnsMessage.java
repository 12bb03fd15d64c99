package org.mailhub.esp.ses;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import org.mailhub.callback.WebhookJson;
import org.mailhub.infrastructure.RequestRejected;

/**
 * An Amazon SNS message as SNS posts it to an HTTP/S subscription: a JSON object whose {@code Type}
 * is {@value #NOTIFICATION}, {@value #SUBSCRIPTION_CONFIRMATION} or {@value
 * #UNSUBSCRIBE_CONFIRMATION}, signed by SNS over the fields that {@link #stringToSign} names.
 */
record SnsMessage(
    String type,
    String messageId,
    String topicArn,
    String subject,
    String message,
    String timestamp,
    String token,
    String subscribeUrl,
    String signatureVersion,
    String signature,
    String signingCertUrl) {

  static final String NOTIFICATION = "Notification";
  static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
  static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

  /** The fields SNS signs in a notification (Subject only when it has one), in this order. */
  private static final List<String> NOTIFICATION_FIELDS =
      List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");

  /** The fields SNS signs in a subscription or unsubscribe confirmation, in this order. */
  private static final List<String> CONFIRMATION_FIELDS =
      List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");

  /**
   * The message in a webhook body.
   *
   * @throws RequestRejected when the body is no JSON object
   */
  static SnsMessage read(String body) {
    if (!(WebhookJson.parse(body) instanceof JsonObject json)) {
      throw RequestRejected.invalid("body", "must be an Amazon SNS message, a JSON object");
    }
    return of(json);
  }

  static SnsMessage of(JsonObject json) {
    return new SnsMessage(
        string(json, "Type"),
        string(json, "MessageId"),
        string(json, "TopicArn"),
        string(json, "Subject"),
        string(json, "Message"),
        string(json, "Timestamp"),
        string(json, "Token"),
        string(json, "SubscribeURL"),
        string(json, "SignatureVersion"),
        string(json, "Signature"),
        string(json, "SigningCertURL"));
  }

  boolean confirmation() {
    return SUBSCRIPTION_CONFIRMATION.equals(type) || UNSUBSCRIBE_CONFIRMATION.equals(type);
  }

  /**
   * What SNS signed: each field's name and value on a line of its own, in the order SNS documents
   * ("Verifying the signatures of Amazon SNS messages"). A field the message lacks is left out,
   * except that a missing required field leaves nothing that a signature could match.
   */
  String stringToSign() {
    StringBuilder text = new StringBuilder();
    for (String field : confirmation() ? CONFIRMATION_FIELDS : NOTIFICATION_FIELDS) {
      String value = field(field);
      if (value != null) {
        text.append(field).append('\n').append(value).append('\n');
      }
    }
    return text.toString();
  }

  private String field(String name) {
    return switch (name) {
      case "Message" -> message;
      case "MessageId" -> messageId;
      case "Subject" -> subject;
      case "SubscribeURL" -> subscribeUrl;
      case "Timestamp" -> timestamp;
      case "Token" -> token;
      case "TopicArn" -> topicArn;
      case "Type" -> type;
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** The value exactly as sent (signatures cover it byte for byte), or null. */
  private static String string(JsonObject json, String name) {
    JsonValue value = json.get(name);
    return value instanceof JsonString s ? s.getString() : null;
  }
}
