package org.mailhub.esp;

/**
 * A send failed in a way that may heal: the provider answered 5xx or 429, timed out, refused the
 * connection, or (SMTP) answered 4xx. Dispatch counts it into the provider's breaker.
 */
public class ProviderUnavailable extends CallFailure {

  public ProviderUnavailable(SendOutcome outcome, Throwable cause) {
    super(outcome, cause);
  }
}
