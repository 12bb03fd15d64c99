package org.mailhub.dispatch;

/** Where one recipient's email stands. */
public enum SendStatus {
  /** Waiting for its turn. */
  QUEUED,
  /** Handed to the provider right now; not handed again if mailhub stops before the answer. */
  SENDING,
  SENT,
  FAILED,
  /** Skipped: the address is suppressed. */
  SUPPRESSED,
  /** Skipped: the campaign was cancelled first. */
  CANCELLED;

  /** Stored by name. */
  @jakarta.persistence.Converter(autoApply = true)
  public static class Column extends org.mailhub.infrastructure.EnumColumn<SendStatus> {
    public Column() {
      super(SendStatus.class);
    }
  }

  public boolean isFinal() {
    return this != QUEUED && this != SENDING;
  }
}
