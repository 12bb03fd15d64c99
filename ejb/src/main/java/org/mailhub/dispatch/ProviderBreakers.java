package org.mailhub.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A circuit breaker per provider: after consecutive failures that may heal, mailhub stops calling
 * that provider for a while, so a provider that is down is not hammered; the others go on. (The
 * gateways' MicroProfile breakers work per provider type.)
 */
@ApplicationScoped
public class ProviderBreakers {

  @Inject
  @ConfigProperty(name = "mailhub.dispatch.breaker.failures", defaultValue = "5")
  int failures;

  @Inject
  @ConfigProperty(name = "mailhub.dispatch.breaker.delay", defaultValue = "PT30S")
  Duration delay;

  private record State(int failures, Instant openUntil) {}

  private final Map<Long, State> states = new ConcurrentHashMap<>();

  /** Zero when calls may go through, else how long the breaker stays open. */
  public Duration closedIn(long providerId) {
    State state = states.get(providerId);
    if (state == null || state.openUntil() == null) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(Instant.now(), state.openUntil());
    return left.isNegative() ? Duration.ZERO : left;
  }

  public void succeeded(long providerId) {
    states.remove(providerId);
  }

  public void failed(long providerId) {
    states.compute(
        providerId,
        (id, state) -> {
          int count = state == null ? 1 : state.failures() + 1;
          return new State(count, count >= failures ? Instant.now().plus(delay) : null);
        });
  }
}
