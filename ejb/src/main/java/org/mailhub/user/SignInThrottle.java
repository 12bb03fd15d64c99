package org.mailhub.user;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing down: after a few failed sign-ins in a row, an account (and, with a
 * higher threshold, a client address) is refused for a while that doubles with each further
 * failure, up to a quarter of an hour, without checking any password meanwhile. A successful
 * sign-in clears both. Kept in memory: a restart forgets, which only costs an attacker's patience.
 */
@ApplicationScoped
public class SignInThrottle {

  /** Failures in a row an account may have before it waits. */
  static final int ACCOUNT_FAILURES = 5;

  /** Failures in a row a client address may have before it waits (many people may share one). */
  static final int ADDRESS_FAILURES = 20;

  /** The first wait; it doubles with each further failure. */
  static final Duration FIRST_WAIT = Duration.ofSeconds(5);

  static final Duration LONGEST = Duration.ofMinutes(15);

  /** Failures older than this are forgotten. */
  static final Duration FORGET_AFTER = Duration.ofHours(1);

  private static final int MAX_ENTRIES = 100_000;

  Clock clock = Clock.systemUTC();

  private record Failures(int count, Instant last, Instant lockedUntil) {}

  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  /** How long this account or address must still wait, if at all. */
  public Optional<Duration> lockedFor(String username, String address) {
    Instant now = clock.instant();
    Duration wait = Duration.ZERO;
    for (String key : keys(username, address)) {
      Failures f = failures.get(key);
      if (f != null && f.lockedUntil() != null && f.lockedUntil().isAfter(now)) {
        Duration left = Duration.between(now, f.lockedUntil());
        wait = left.compareTo(wait) > 0 ? left : wait;
      }
    }
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  public void failed(String username, String address) {
    Instant now = clock.instant();
    if (failures.size() > MAX_ENTRIES) {
      failures.entrySet().removeIf(e -> e.getValue().last().isBefore(now.minus(FORGET_AFTER)));
    }
    String[] keys = keys(username, address);
    count(keys[0], ACCOUNT_FAILURES, now);
    count(keys[1], ADDRESS_FAILURES, now);
  }

  public void succeeded(String username, String address) {
    for (String key : keys(username, address)) {
      failures.remove(key);
    }
  }

  private void count(String key, int allowed, Instant now) {
    failures.compute(
        key,
        (k, f) -> {
          int count = f == null || f.last().isBefore(now.minus(FORGET_AFTER)) ? 1 : f.count() + 1;
          Instant lockedUntil = null;
          if (count >= allowed) {
            Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(count - allowed, 20));
            lockedUntil = now.plus(wait.compareTo(LONGEST) > 0 ? LONGEST : wait);
          }
          return new Failures(count, now, lockedUntil);
        });
  }

  private static String[] keys(String username, String address) {
    return new String[] {
      "user:" + User.normalize(username == null ? "" : username), "address:" + address
    };
  }
}
