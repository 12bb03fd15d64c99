package org.mailhub.callback;

/**
 * A webhook that its ESP did not sign with the provider's key, signed too long ago, or sent before
 * (a replay): it is answered 401 and changes nothing. The message says which, for the ESP's log and
 * for whoever sets the provider up; it never contains the key.
 */
@jakarta.ejb.ApplicationException(rollback = true)
public class WebhookRefused extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** How far ahead of mailhub's clock an ESP's may run. */
  public static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

  public WebhookRefused(String why) {
    super(why);
  }

  /**
   * Refuses a webhook signed longer than {@code maxAge} before {@code now} (a replay, or beyond the
   * ESP's retries), or more than {@link #CLOCK_SKEW} after it.
   *
   * @param setting the configuration key of {@code maxAge}, named in the refusal
   */
  public static void unlessRecent(
      java.time.Instant signedAt,
      java.time.Instant now,
      java.time.Duration maxAge,
      String setting) {
    if (signedAt.isBefore(now.minus(maxAge))) {
      throw new WebhookRefused(
          "too old: signed at "
              + signedAt
              + ", more than "
              + maxAge
              + " ("
              + setting
              + ") before mailhub's "
              + now);
    }
    if (signedAt.isAfter(now.plus(CLOCK_SKEW))) {
      throw new WebhookRefused(
          "signed at " + signedAt + ", ahead of mailhub's clock (" + now + ")");
    }
  }
}
