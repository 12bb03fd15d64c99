package org.mailhub.dispatch;

import java.util.Set;

/**
 * Where one recipient's email stands, and the only moves between those places. A recipient waits in
 * its dispatch chunk ({@code QUEUED}), is claimed with it ({@code SENDING}), and ends with its send
 * record. Nothing leaves {@code SENDING} back towards a provider once its call may have started:
 * such a recipient ends {@code SENT}, {@code FAILED} or {@code IN_DOUBT}.
 */
public enum SendStatus {
  /** Waiting for its turn in a dispatch chunk. */
  QUEUED,
  /** Its chunk is claimed by a dispatch that is handing it to the provider. */
  SENDING,
  SENT,
  FAILED,
  /** Skipped: the address is suppressed. */
  SUPPRESSED,
  /** Skipped: the campaign was cancelled first. */
  CANCELLED,
  /**
   * The provider call that carried it may or may not have reached the provider (mailhub was killed
   * during the call, or the provider never answered): never sent again; an event the provider
   * reports for it later makes it {@code SENT}.
   */
  IN_DOUBT;

  /** Stored by name. */
  @jakarta.persistence.Converter(autoApply = true)
  public static class Column extends org.mailhub.infrastructure.EnumColumn<SendStatus> {
    public Column() {
      super(SendStatus.class);
    }
  }

  /** Whether the campaign waits no more for this recipient. */
  public boolean isFinal() {
    return this != QUEUED && this != SENDING;
  }

  /**
   * The moves of a recipient's life. {@code SENDING -> QUEUED} is only for recipients whose call
   * never started (a graceful stop, an open breaker) or whose provider refused them in a way that
   * may heal; {@code IN_DOUBT -> SENT} only on the provider's own report.
   */
  public boolean canBecome(SendStatus next) {
    return switch (this) {
      case QUEUED -> Set.of(SENDING, CANCELLED, FAILED).contains(next);
      case SENDING -> Set.of(SENT, FAILED, IN_DOUBT, QUEUED, CANCELLED).contains(next);
      case IN_DOUBT -> next == SENT;
      case SENT, FAILED, SUPPRESSED, CANCELLED -> false;
    };
  }
}
