package org.mailhub.esp.ses;

/**
 * SNS could not be reached to check or confirm a message (its certificate or its SubscribeURL did
 * not answer): the webhook fails with a 5xx, which SNS retries, rather than a 401, which it would
 * not.
 */
@jakarta.ejb.ApplicationException(rollback = true)
public class SnsUnavailable extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SnsUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
