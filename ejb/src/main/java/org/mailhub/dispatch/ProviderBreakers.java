package org.mailhub.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A circuit breaker per provider: after consecutive failures that may heal, mailhub stops calling
 * that provider for a while, so a provider that is down is not hammered; the others go on. When the
 * delay has passed, one call probes the provider: its success closes the breaker, its failure opens
 * it again for the whole delay. The other callers wait meanwhile, so that a provider that is still
 * down gets one call and not every held-back message at once.
 *
 * <p>Test emails do not come through here: a person asking for one gets a real call whatever the
 * breaker says.
 */
@ApplicationScoped
public class ProviderBreakers {

  /**
   * How long callers wait while another one probes: a probe usually answers within a second, and
   * then the held-back messages go on at once instead of after another delay.
   */
  static final Duration WHILE_PROBING = Duration.ofSeconds(1);

  @Inject
  @ConfigProperty(name = "mailhub.dispatch.breaker.failures", defaultValue = "5")
  int failures;

  @Inject
  @ConfigProperty(name = "mailhub.dispatch.breaker.delay", defaultValue = "PT30S")
  Duration delay;

  Clock clock = Clock.systemUTC();

  private sealed interface State {}

  /** Calls go through; {@code failures} in a row failed so far. */
  private record Closed(int failures) implements State {}

  /** No calls until {@code until}. */
  private record Open(Instant until) implements State {}

  /**
   * One call was let through to probe the provider; if it has not reported by {@code until} (its
   * thread died, say), the next caller probes instead.
   */
  private record Probing(Instant until) implements State {}

  private final Map<Long, State> states = new ConcurrentHashMap<>();

  /** Where a provider's breaker stands, as its gauge reports it (the ordinal). */
  public enum Position {
    CLOSED,
    OPEN,
    PROBING
  }

  /**
   * Where the provider's breaker stands now. An open breaker whose delay has passed stays open
   * until the next caller probes.
   */
  public Position position(long providerId) {
    State state = states.get(providerId);
    if (state instanceof Open) {
      return Position.OPEN;
    }
    return state instanceof Probing ? Position.PROBING : Position.CLOSED;
  }

  /**
   * Whether {@link #closedIn} would let a call through now, without taking the probe of a breaker
   * whose delay is over: for looking at providers that may not be called.
   */
  public boolean takesCalls(long providerId) {
    State state = states.get(providerId);
    Instant now = clock.instant();
    return state == null
        || state instanceof Closed
        || state instanceof Open open && !now.isBefore(open.until())
        || state instanceof Probing probing && !now.isBefore(probing.until());
  }

  /**
   * Zero when a call may go through, else how long to wait before asking again. After the open
   * delay, exactly one caller gets zero: it probes the provider and must report with {@link
   * #succeeded} or {@link #failed}.
   */
  public Duration closedIn(long providerId) {
    State current = states.get(providerId);
    if (current == null || current instanceof Closed) {
      return Duration.ZERO;
    }
    Duration[] wait = {Duration.ZERO};
    states.computeIfPresent(
        providerId,
        (id, state) -> {
          Instant now = clock.instant();
          if (state instanceof Open open && now.isBefore(open.until())) {
            wait[0] = Duration.between(now, open.until());
            return state;
          }
          if (state instanceof Probing probing && now.isBefore(probing.until())) {
            Duration left = Duration.between(now, probing.until());
            wait[0] = left.compareTo(WHILE_PROBING) < 0 ? left : WHILE_PROBING;
            return state;
          }
          if (state instanceof Closed) {
            return state;
          }
          // the delay is over, or the last probe never reported: this caller probes
          return new Probing(now.plus(delay));
        });
    return wait[0];
  }

  /**
   * The provider answered. Closes the breaker whatever its state: a probe's success, or that of a
   * call that was under way when it opened, shows the provider works again.
   */
  public void succeeded(long providerId) {
    states.remove(providerId);
  }

  /** A call failed in a way that may heal. A failing probe opens the breaker again. */
  public void failed(long providerId) {
    states.compute(
        providerId,
        (id, state) -> {
          if (state instanceof Open) {
            return state; // a call that was under way when it opened: the delay stands
          }
          if (state instanceof Probing) {
            return new Open(clock.instant().plus(delay));
          }
          int count = state instanceof Closed closed ? closed.failures() + 1 : 1;
          return count >= failures ? new Open(clock.instant().plus(delay)) : new Closed(count);
        });
  }
}
