package org.mailhub.callback;

/**
 * A webhook that cannot be checked or acted on now because a service of the ESP's did not answer
 * (SNS's signing certificate, its subscription URL): it is answered 503, which the ESP retries,
 * rather than 401, which it would not, and changes nothing.
 */
@jakarta.ejb.ApplicationException(rollback = true)
public class WebhookUnavailable extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public WebhookUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
