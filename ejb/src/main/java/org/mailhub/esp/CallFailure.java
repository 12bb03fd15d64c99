package org.mailhub.esp;

/** A provider call that did not end with the provider's own final word, as the provider put it. */
public abstract class CallFailure extends RuntimeException {

  private final transient SendOutcome outcome;

  protected CallFailure(SendOutcome outcome, Throwable cause) {
    super(outcome.detail(), cause);
    this.outcome = outcome;
  }

  /** The failure as the provider reported it. */
  public SendOutcome outcome() {
    return outcome;
  }
}
