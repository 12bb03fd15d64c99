package org.mailhub.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mailhub.provider.Provider;

/**
 * Decides which provider a campaign's chunk goes through: the campaign's own, or its backup once
 * the campaign failed over. A campaign fails over when its provider's breaker is open or the
 * provider asked ({@code Retry-After}) to be left alone for longer than {@code
 * mailhub.dispatch.failover-after-pause} (and a backup takes calls), when a call failed in a way
 * that may heal on the recipients' {@code mailhub.dispatch.failover-after-attempts}-th attempt, or
 * at once when the provider refused mailhub's credentials. It then stays on the backup until it
 * ends. Only recipients that no call has carried go to the backup, so nobody gets the email twice;
 * test emails never come here.
 */
@ApplicationScoped
public class Failover {

  @Inject Ledger ledger;
  @Inject ProviderBreakers breakers;

  @Inject
  @ConfigProperty(name = "mailhub.dispatch.failover-after-attempts", defaultValue = "3")
  int afterAttempts;

  @Inject Pacer pacer;

  /**
   * A provider that asks to be left alone for longer than this is as good as down: its campaigns go
   * on through its backup rather than wait.
   */
  @Inject
  @ConfigProperty(name = "mailhub.dispatch.failover-after-pause", defaultValue = "PT1M")
  Duration afterPause;

  /** The job with the provider to call now, or a delay when none of the chain takes calls. */
  public record Route(Ledger.Job job, Duration delay) {}

  /**
   * The provider the chunk's calls go to: the job's, unless its breaker is open or it asked for a
   * long pause; then the first of its backups that takes calls, to which the campaign fails over.
   */
  public Route route(Ledger.Job job) {
    return route(job, 0);
  }

  /** How often a chunk follows its campaign on down the chain before it waits a moment. */
  private static final int MAX_HOPS = 8;

  private Route route(Ledger.Job job, int hops) {
    Provider current = job.provider();
    Duration open = breakers.closedIn(current.id());
    String down;
    if (!open.isZero()) {
      down =
          "the circuit breaker of " + current.nickname() + " is open after failures that may heal";
    } else if (current.backupProviderId() != null) {
      down = pausedLong(current);
    } else {
      down = null; // a pause is waited for by the rate limiter
    }
    if (down == null) {
      return new Route(job, Duration.ZERO);
    }
    Provider backup = available(current);
    // the backup's breaker may be over its delay: this chunk's first call is then its probe
    if (backup != null && breakers.closedIn(backup.id()).isZero()) {
      long now = ledger.failOver(job.campaign().id(), current.id(), backup.id(), down, false);
      if (now == backup.id()) {
        return new Route(new Ledger.Job(job.campaign(), backup), Duration.ZERO);
      }
      // another dispatch moved the campaign on first: the chunk follows it, with this node's
      // look at the provider it went to
      Ledger.Job moved = ledger.job(job.campaign().id());
      if (moved != null && moved.provider() != null && hops < MAX_HOPS) {
        return route(moved, hops + 1);
      }
      return new Route(job, Duration.ofSeconds(1)); // the next dispatch looks again
    }
    // nowhere to go: an open breaker is waited for here, a pause by the rate limiter
    return new Route(job, open);
  }

  /**
   * How long the recipients of a chunk wait when the provider had no slot for their call: none when
   * the provider asked for a long pause and a backup takes calls, which the next dispatch of the
   * chunk goes to; while none does, until the first of them may (a paused one after its pause, one
   * with an open breaker after {@code failover-after-pause}).
   */
  public Duration whilePaused(Provider provider, Duration later) {
    if (provider.backupProviderId() == null
        || later.compareTo(afterPause) <= 0
        || pausedLong(provider) == null) {
      return later;
    }
    // at once when a backup takes calls, else when the first of them may again: a paused one after
    // its pause, one whose breaker is open after at most failover-after-pause
    Duration next = later;
    for (Provider backup : ledger.backups(provider.id())) {
      if (takesCalls(backup)) {
        return Duration.ZERO;
      }
      Duration paused = pacer.pausedFor(backup.id());
      Duration again = paused.compareTo(afterPause) > 0 ? paused : afterPause;
      next = again.compareTo(next) < 0 ? again : next;
    }
    return next;
  }

  /** Why the provider is as good as down for a while, or null when it is not paused for long. */
  private String pausedLong(Provider provider) {
    Duration paused = pacer.pausedFor(provider.id());
    return paused.compareTo(afterPause) > 0
        ? provider.nickname()
            + " asked to be left alone for "
            + paused.withNanos(0)
            + " (Retry-After)"
        : null;
  }

  /**
   * The first of the provider's backups that is not paused for long and whose breaker would let a
   * call through (looked at, not taken).
   */
  private Provider available(Provider provider) {
    for (Provider backup : ledger.backups(provider.id())) {
      if (takesCalls(backup)) {
        return backup;
      }
    }
    return null;
  }

  private boolean takesCalls(Provider backup) {
    return pausedLong(backup) == null && breakers.takesCalls(backup.id());
  }

  /**
   * How long the recipients of a chunk wait after their provider's breaker opened between calls:
   * none when it has a backup, which the next dispatch of the chunk goes to.
   */
  public Duration whileOpen(Provider provider, Duration open) {
    return provider.backupProviderId() == null ? open : Duration.ZERO;
  }

  /**
   * What a call's outcome becomes: a failure that may heal on the last attempt this provider gets,
   * or a refusal of mailhub's credentials, moves the call's recipients to the provider's backup.
   * Other outcomes, and every outcome of a provider without a backup, stay as they are.
   */
  public Ledger.CallResult after(Provider provider, int attempt, Ledger.CallResult result) {
    Long backup = provider.backupProviderId();
    if (backup == null) {
      return result;
    }
    if (result instanceof Ledger.CallResult.Failed failed && failed.authentication()) {
      return new Ledger.CallResult.FailOver(
          "failed over from " + provider.nickname() + ": authentication failed: " + failed.error(),
          backup,
          true);
    }
    if (!(result instanceof Ledger.CallResult.Retry retry) || !retry.movable()) {
      return result;
    }
    // a long Retry-After moves on at once, to the first backup that takes calls
    String paused = retry.delay().compareTo(afterPause) > 0 ? pausedLong(provider) : null;
    Provider to = paused == null ? null : available(provider);
    if (to != null) {
      return new Ledger.CallResult.FailOver(
          "failed over from " + provider.nickname() + ": " + paused + ": " + retry.error(),
          to.id(),
          false);
    }
    if (CampaignFailover.movesOn(attempt, afterAttempts)) {
      return new Ledger.CallResult.FailOver(
          "failed over from "
              + provider.nickname()
              + " after "
              + attempt
              + (attempt == 1 ? " attempt: " : " attempts: ")
              + retry.error(),
          backup,
          false);
    }
    return result;
  }
}
