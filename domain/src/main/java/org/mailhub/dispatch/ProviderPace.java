package org.mailhub.dispatch;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.mailhub.provider.RateLimit;

/**
 * Where a provider's sending stands against its rate limit, shared by every dispatch session of
 * every node: the time the next call may start, and the recipients counted in the current hour and
 * day. A call reserves its slot here, with the row locked, and moves the next free time on by its
 * recipients over the per-second limit, so that calls are spaced evenly rather than sent in bursts.
 * A provider's {@code Retry-After} pushes the next free time out for everybody. Times are the
 * database's, so that nodes whose clocks disagree still keep one pace.
 */
@Entity
@Table(name = "provider_pace")
public class ProviderPace {

  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long HOUR = 3_600L * MICROS_PER_SECOND;
  private static final long DAY = 24 * HOUR;

  @Id
  @Column(name = "provider_id")
  private Long providerId;

  /** When the next call may start, in microseconds since the epoch. */
  @Column(name = "next_at", nullable = false)
  private long nextAt;

  /** The hour (since the epoch, UTC) that {@link #hourCount} counts. */
  @Column(name = "hour_window", nullable = false)
  private long hourWindow;

  @Column(name = "hour_count", nullable = false)
  private long hourCount;

  /** The day (since the epoch, UTC) that {@link #dayCount} counts. */
  @Column(name = "day_window", nullable = false)
  private long dayWindow;

  @Column(name = "day_count", nullable = false)
  private long dayCount;

  /**
   * Until when the provider asked to be left alone ({@code Retry-After}), in microseconds since the
   * epoch; kept apart from {@link #nextAt}, which the limit's spacing moves too. None before the
   * first pause (and in rows made before pauses were kept apart).
   */
  @Column(name = "paused_until")
  private Long pausedUntil;

  protected ProviderPace() {}

  public ProviderPace(long providerId) {
    this.providerId = providerId;
  }

  /**
   * What a call asked for: to start after {@code in} (its slot is then taken), or, when that would
   * be more than the caller may hold on, to come back after {@code in} (nothing taken).
   */
  public record Reservation(boolean granted, Duration in) {}

  /**
   * Reserves the next slot for a call carrying {@code recipients} when it starts within {@code
   * patience} of {@code now}: the later of now and the next free time, moved to the next hour or
   * day when that window's allowance is spent (a call larger than a window's whole allowance goes
   * alone in an empty window).
   */
  public Reservation reserve(Instant now, int recipients, RateLimit limit, Duration patience) {
    if (recipients < 1) {
      throw new IllegalArgumentException("a call carries at least one recipient");
    }
    long nowMicros = micros(now);
    long start = Math.max(nowMicros, nextAt);
    for (int moved = 0; moved < 3; moved++) {
      long hourUsed = start / HOUR == hourWindow ? hourCount : 0;
      long dayUsed = start / DAY == dayWindow ? dayCount : 0;
      if (limit.perHour() != null && hourUsed > 0 && hourUsed + recipients > limit.perHour()) {
        start = (start / HOUR + 1) * HOUR;
      } else if (limit.perDay() != null && dayUsed > 0 && dayUsed + recipients > limit.perDay()) {
        start = (start / DAY + 1) * DAY;
      } else {
        break;
      }
    }
    Duration wait = Duration.of(start - nowMicros, ChronoUnit.MICROS);
    if (wait.compareTo(patience) > 0) {
      return new Reservation(false, wait);
    }
    count(start, recipients);
    nextAt = start + spacing(recipients, limit.perSecond());
    return new Reservation(true, wait);
  }

  private void count(long start, int recipients) {
    if (start / HOUR != hourWindow) {
      hourWindow = start / HOUR;
      hourCount = 0;
    }
    if (start / DAY != dayWindow) {
      dayWindow = start / DAY;
      dayCount = 0;
    }
    hourCount += recipients;
    dayCount += recipients;
  }

  /** How long {@code recipients} hold the provider at {@code perSecond}, in microseconds. */
  static long spacing(long recipients, int perSecond) {
    return recipients / perSecond * MICROS_PER_SECOND
        + recipients % perSecond * MICROS_PER_SECOND / perSecond;
  }

  /** No call starts before {@code now + pause} (a provider's {@code Retry-After}). */
  public void pause(Instant now, Duration pause) {
    long until = micros(now) + pause.toNanos() / 1000;
    nextAt = Math.max(nextAt, until);
    pausedUntil = pausedUntil == null ? until : Math.max(pausedUntil, until);
  }

  /**
   * How long from {@code now} the provider's own pause ({@code Retry-After}) lasts; zero when none
   * is in force. The spacing of the rate limit is no pause: a call's slot may be further off.
   */
  public Duration pausedFor(Instant now) {
    return pausedUntil == null
        ? Duration.ZERO
        : Duration.of(Math.max(0, pausedUntil - micros(now)), ChronoUnit.MICROS);
  }

  /**
   * When {@code queued} more recipients will have been sent at this limit, starting at the next
   * free time, each hour and day taking no more than its allowance.
   */
  public Instant expectedFinish(Instant now, long queued, RateLimit limit) {
    long at = Math.max(micros(now), nextAt);
    long hourUsed = at / HOUR == hourWindow ? hourCount : 0;
    long dayUsed = at / DAY == dayWindow ? dayCount : 0;
    long left = queued;
    // whole windows at a time, so that a campaign of millions is estimated in a few steps; never
    // more than some centuries of windows, whatever the numbers
    for (int windows = 0; left > 0 && windows < 1_000_000; windows++) {
      long hourRoom = limit.perHour() == null ? Long.MAX_VALUE : limit.perHour() - hourUsed;
      long dayRoom = limit.perDay() == null ? Long.MAX_VALUE : limit.perDay() - dayUsed;
      long windowEnd =
          Math.min(
              limit.perHour() == null ? Long.MAX_VALUE : (at / HOUR + 1) * HOUR,
              limit.perDay() == null ? Long.MAX_VALUE : (at / DAY + 1) * DAY);
      long bySpeed =
          windowEnd == Long.MAX_VALUE
              ? Long.MAX_VALUE
              : (windowEnd - at) * limit.perSecond() / MICROS_PER_SECOND;
      long sendable = Math.max(0, Math.min(Math.min(hourRoom, dayRoom), bySpeed));
      if (left <= sendable) {
        return instant(at + spacing(left, limit.perSecond()));
      }
      left -= sendable;
      at = windowEnd;
      hourUsed = limit.perHour() != null && at % HOUR == 0 ? 0 : hourUsed + sendable;
      dayUsed = at % DAY == 0 ? 0 : dayUsed + sendable;
    }
    return instant(at);
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * MICROS_PER_SECOND + instant.getNano() / 1000;
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  public long providerId() {
    return providerId;
  }
}
