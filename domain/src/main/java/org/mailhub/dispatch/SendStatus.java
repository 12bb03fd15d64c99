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

  public boolean isFinal() {
    return this != QUEUED && this != SENDING;
  }
}
