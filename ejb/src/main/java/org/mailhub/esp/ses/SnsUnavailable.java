package org.mailhub.esp.ses;

/**
 * SNS could not be reached to check or confirm a message (its certificate or its SubscribeURL did
 * not answer, or answered 5xx): the webhook is answered 503, which SNS retries.
 */
@jakarta.ejb.ApplicationException(rollback = true)
public class SnsUnavailable extends org.mailhub.callback.WebhookUnavailable {

  private static final long serialVersionUID = 1L;

  public SnsUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
