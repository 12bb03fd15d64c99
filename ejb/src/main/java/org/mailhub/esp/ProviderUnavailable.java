package org.mailhub.esp;

import java.time.Duration;
import java.util.Optional;

/**
 * A send failed in a way that may heal: the provider answered 5xx or 429, timed out, refused the
 * connection, or (SMTP) answered 4xx. Dispatch counts it into the provider's breaker.
 */
public class ProviderUnavailable extends CallFailure {

  private final transient Duration retryAfter;

  public ProviderUnavailable(SendOutcome outcome, Throwable cause) {
    this(outcome, cause, null);
  }

  /**
   * @param retryAfter how long the provider asked to be left alone ({@code Retry-After}), or null
   */
  public ProviderUnavailable(SendOutcome outcome, Throwable cause, Duration retryAfter) {
    super(outcome, cause);
    this.retryAfter = retryAfter;
  }

  /** How long the provider asked to be left alone, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
