package org.mailhub.esp;

/**
 * A call whose request may have reached the provider, but no answer came (a read timeout, a
 * connection lost after the request was written, an SMTP server silent after the message's data):
 * the provider may have taken the emails, so they must not be sent again.
 */
public class OutcomeUnknown extends CallFailure {

  public OutcomeUnknown(SendOutcome outcome, Throwable cause) {
    super(outcome, cause);
  }
}
