package org.mailhub.esp;

/** mailhub refused to make the call at all (e.g. to a private network): nothing was sent. */
public class CallRefused extends CallFailure {

  public CallRefused(SendOutcome outcome) {
    super(outcome, null);
  }
}
