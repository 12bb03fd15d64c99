package org.mailhub.suppression;

/** Why an address is never mailed again ("channel unsubscribed"). */
public enum SuppressionReason {
  UNSUBSCRIBED,
  SPAM_COMPLAINT,
  HARD_BOUNCE,
  PREFERENCE_CENTER,
  MANUAL,
  /** The ESP dropped an email to it (Netcore: it is on the ESP's own suppression list). */
  DROPPED,
  /** The ESP says it is no address (Netcore's {@code invalid}, Postmark's BadEmailAddress). */
  INVALID_ADDRESS,
  /** Postmark's Blocked: the receiving side blocks it. */
  BLOCKED,
  /** Postmark's ManuallyDeactivated. */
  DEACTIVATED,
  /** Postmark marked it inactive on a report that would not suppress by itself. */
  INACTIVE,
  /** An SMTP server refused it at send time with a 5.1.x status (unknown user, no such domain). */
  ADDRESS_REJECTED,
  /** Soft bounces in a row, as many as {@code mailhub.suppression.soft-bounce-limit}. */
  SOFT_BOUNCES;

  /** Stored by name. */
  @jakarta.persistence.Converter(autoApply = true)
  public static class Column extends org.mailhub.infrastructure.EnumColumn<SuppressionReason> {
    public Column() {
      super(SuppressionReason.class);
    }
  }
}
