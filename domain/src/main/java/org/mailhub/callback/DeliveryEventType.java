package org.mailhub.callback;

import java.util.Optional;
import org.mailhub.suppression.SuppressionReason;

/** What an ESP reported about an email after it was sent. */
public enum DeliveryEventType {
  DELIVERED,
  HARD_BOUNCE,
  SOFT_BOUNCE,
  DROPPED,
  INVALID,
  SPAM,
  UNSUBSCRIBED,
  CLICKED,
  OPENED;

  /**
   * Whether a report of this kind makes the address "channel unsubscribed", and why, unless the
   * ESP's report says more: unsubscribes, spam complaints, hard bounces, drops and invalid
   * addresses do ("no further deliveries are attempted", Netcore's and Postmark's documents); a
   * single soft bounce does not (see {@link org.mailhub.suppression.SoftBounces}).
   */
  public Optional<SuppressionReason> suppression() {
    return switch (this) {
      case HARD_BOUNCE -> Optional.of(SuppressionReason.HARD_BOUNCE);
      case SPAM -> Optional.of(SuppressionReason.SPAM_COMPLAINT);
      case UNSUBSCRIBED -> Optional.of(SuppressionReason.UNSUBSCRIBED);
      case DROPPED -> Optional.of(SuppressionReason.DROPPED);
      case INVALID -> Optional.of(SuppressionReason.INVALID_ADDRESS);
      default -> Optional.empty();
    };
  }

  /** Whether the event is a delivery failure ("Notification Failed"). */
  public boolean isFailure() {
    return switch (this) {
      case HARD_BOUNCE, SOFT_BOUNCE, DROPPED, INVALID, SPAM, UNSUBSCRIBED -> true;
      default -> false;
    };
  }

  /** Stored by name. */
  @jakarta.persistence.Converter(autoApply = true)
  public static class Column extends org.mailhub.infrastructure.EnumColumn<DeliveryEventType> {
    public Column() {
      super(DeliveryEventType.class);
    }
  }
}
