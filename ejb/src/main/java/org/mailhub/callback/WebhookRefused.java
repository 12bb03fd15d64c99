package org.mailhub.callback;

/**
 * A webhook that its ESP did not sign with the provider's key, signed too long ago, or sent before
 * (a replay): it is answered 401 and changes nothing. The message says which, for the ESP's log and
 * for whoever sets the provider up; it never contains the key.
 */
@jakarta.ejb.ApplicationException(rollback = true)
public class WebhookRefused extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public WebhookRefused(String why) {
    super(why);
  }
}
