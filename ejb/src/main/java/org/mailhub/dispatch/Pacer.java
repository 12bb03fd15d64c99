package org.mailhub.dispatch;

import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mailhub.provider.Provider;
import org.mailhub.provider.RateLimit;

/**
 * Keeps dispatch to each provider's rate limit and to the pauses its {@code Retry-After} answers
 * ask for, across the sessions of this node and the other nodes (through {@link Paces}, the
 * database). A call whose slot is near (at most {@link #PATIENCE}) waits for it here; one whose
 * slot is further off gets the time to come back, and its recipients go back to the queue
 * meanwhile, so that no claim is held for long.
 *
 * <p>A provider without a limit costs no database work per call: its pauses are looked up at most
 * once a second per node, and known at once on the node that met the 429.
 */
@ApplicationScoped
public class Pacer {

  private static final Logger LOG = Logger.getLogger(Pacer.class.getName());

  /** The longest a session holds its claim waiting for a slot. */
  static final Duration PATIENCE = Duration.ofSeconds(1);

  /** How old this node's knowledge of an unlimited provider's pause may be. */
  private static final long PAUSE_LOOK_NANOS = Duration.ofSeconds(1).toNanos();

  @Inject Paces paces;

  /**
   * A pause until {@code until} (System.nanoTime), as this node knows it since {@code lookedAt}.
   */
  private record Known(long until, long lookedAt) {}

  private final Map<Long, Known> pauses = new ConcurrentHashMap<>();

  /**
   * Waits for the provider's next slot for a call of {@code recipients} when it is near.
   *
   * @return null to call now, or how long to wait before coming back (the slot was not taken)
   */
  public Duration admit(Provider provider, int recipients) {
    try {
      return paced(provider, recipients);
    } catch (RuntimeException e) {
      // the call has not started, and must not be taken for one in flight: its recipients wait
      LOG.log(
          Level.WARNING,
          "Could not reserve a slot of provider " + provider.id() + "; its recipients wait",
          e);
      return PATIENCE;
    }
  }

  private Duration paced(Provider provider, int recipients) {
    RateLimit limit = provider.rateLimit();
    // more than one round only when a pause came in while waiting for a slot
    for (int round = 0; round < 3; round++) {
      Duration wait;
      if (limit.isLimited()) {
        ProviderPace.Reservation slot = reserve(provider.id(), limit, recipients);
        if (!slot.granted()) {
          return slot.in();
        }
        wait = slot.in();
      } else {
        wait = pausedFor(provider.id(), false);
        if (wait.compareTo(PATIENCE) > 0) {
          return wait;
        }
      }
      if (!sleep(wait)) {
        return Duration.ZERO;
      }
      if (pausedFor(provider.id(), true).isZero()) {
        return null;
      }
    }
    return pausedFor(provider.id(), true);
  }

  /** No call to the provider starts on any node for {@code pause} (its {@code Retry-After}). */
  public void pause(long providerId, Duration pause) {
    long until = System.nanoTime() + pause.toNanos();
    pauses.merge(
        providerId,
        new Known(until, System.nanoTime()),
        (a, b) -> a.until() - b.until() > 0 ? new Known(a.until(), b.lookedAt()) : b);
    LOG.info(
        "Provider "
            + providerId
            + " asked to be left alone for "
            + pause
            + " (Retry-After): no dispatch calls it meanwhile");
    try {
      twice(() -> paces.pause(providerId, pause));
    } catch (RuntimeException e) {
      // this node keeps the pause; the others go on at the provider's limit
      LOG.log(Level.WARNING, "Could not share the pause of provider " + providerId, e);
    }
  }

  private ProviderPace.Reservation reserve(long providerId, RateLimit limit, int recipients) {
    return twice(() -> paces.reserve(providerId, limit, recipients, PATIENCE));
  }

  /** A write that failed (a lock that timed out, say) is tried once more before giving up. */
  private static <T> T twice(Supplier<T> write) {
    try {
      return write.get();
    } catch (EJBException e) {
      return write.get();
    }
  }

  private static void twice(Runnable write) {
    twice(
        () -> {
          write.run();
          return null;
        });
  }

  /** How long until the provider may be called again after its {@code Retry-After}, if paused. */
  public Duration pausedFor(long providerId) {
    try {
      return pausedFor(providerId, false);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not look up the pause of provider " + providerId, e);
      return Duration.ZERO;
    }
  }

  /**
   * The pause in force as this node knows it; looked up in the database when older than a second
   * (unless {@code localOnly}: right after a wait, only this node's news matter).
   */
  private Duration pausedFor(long providerId, boolean localOnly) {
    long now = System.nanoTime();
    Known known = pauses.get(providerId);
    if (!localOnly && (known == null || now - known.lookedAt() > PAUSE_LOOK_NANOS)) {
      long until = now + paces.pausedFor(providerId).toNanos();
      Known looked = new Known(until, now);
      known =
          pauses.merge(
              providerId,
              looked,
              (a, b) -> a.until() - b.until() > 0 ? new Known(a.until(), b.lookedAt()) : b);
    }
    if (known == null || known.until() - now <= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos(known.until() - now);
  }

  private static boolean sleep(Duration wait) {
    if (wait.isZero() || wait.isNegative()) {
      return true;
    }
    try {
      Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
