package org.mailhub.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mailhub.provider.RateLimit;

class ProviderPaceTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final Duration PATIENCE = Duration.ofSeconds(1);

  private final ProviderPace pace = new ProviderPace(7);

  @Test
  void callsAreSpacedByTheirRecipientsOverThePerSecondLimit() {
    RateLimit fifty = RateLimit.of(50, null, null);
    // sixteen sessions asking at the same instant get slots 20 ms apart, not a burst
    for (int i = 0; i < 16; i++) {
      ProviderPace.Reservation slot = pace.reserve(T0, 1, fifty, PATIENCE);
      assertTrue(slot.granted());
      assertEquals(Duration.ofMillis(20L * i), slot.in());
    }
    // a batch of ten holds the provider for 200 ms
    Instant later = T0.plusSeconds(10);
    assertEquals(Duration.ZERO, pace.reserve(later, 10, fifty, PATIENCE).in());
    assertEquals(Duration.ofMillis(200), pace.reserve(later, 1, fifty, PATIENCE).in());
  }

  @Test
  void aSlotFurtherAwayThanThePatienceIsNotTaken() {
    RateLimit one = RateLimit.of(1, null, null);
    assertTrue(pace.reserve(T0, 1, one, PATIENCE).granted());
    assertTrue(pace.reserve(T0, 1, one, PATIENCE).granted(), "one second away: waits for it");
    ProviderPace.Reservation far = pace.reserve(T0, 1, one, PATIENCE);
    assertFalse(far.granted());
    assertEquals(Duration.ofSeconds(2), far.in());
    // nothing was taken: at its time the slot is free
    assertEquals(Duration.ZERO, pace.reserve(T0.plusSeconds(2), 1, one, PATIENCE).in());
  }

  @Test
  void aFullHourWaitsForTheNextOne() {
    RateLimit limit = RateLimit.of(1000, 100, null);
    Instant at = T0.plusSeconds(600);
    assertTrue(pace.reserve(at, 60, limit, PATIENCE).granted());
    assertTrue(pace.reserve(at, 40, limit, PATIENCE).granted());
    ProviderPace.Reservation full = pace.reserve(at, 1, limit, PATIENCE);
    assertFalse(full.granted());
    assertEquals(Duration.ofMinutes(50), full.in(), "until 11:00");
    Instant nextHour = T0.plusSeconds(3600);
    assertTrue(pace.reserve(nextHour, 100, limit, PATIENCE).granted(), "a new hour, a new count");
  }

  @Test
  void aFullDayWaitsForMidnightUtc() {
    RateLimit limit = RateLimit.of(10, null, 5);
    for (int i = 0; i < 5; i++) {
      assertTrue(pace.reserve(T0.plusSeconds(i), 1, limit, PATIENCE).granted());
    }
    ProviderPace.Reservation full = pace.reserve(T0.plusSeconds(5), 1, limit, PATIENCE);
    assertFalse(full.granted());
    assertEquals(Instant.parse("2026-03-03T00:00:00Z"), T0.plusSeconds(5).plus(full.in()));
  }

  @Test
  void aBatchLargerThanTheHoursAllowanceGoesAloneInAnEmptyHour() {
    RateLimit limit = RateLimit.of(1000, 100, null);
    assertTrue(pace.reserve(T0, 500, limit, PATIENCE).granted());
    assertFalse(pace.reserve(T0.plusSeconds(1), 500, limit, PATIENCE).granted());
  }

  @Test
  void aRetryAfterPausesEveryCaller() {
    RateLimit fifty = RateLimit.of(50, null, null);
    pace.pause(T0, Duration.ofSeconds(2));
    assertEquals(Duration.ofSeconds(2), pace.pausedFor(T0));
    ProviderPace.Reservation paused = pace.reserve(T0, 1, fifty, PATIENCE);
    assertFalse(paused.granted());
    assertEquals(Duration.ofSeconds(2), paused.in());
    assertEquals(
        Duration.ofMillis(500), pace.reserve(T0.plusMillis(1500), 1, fifty, PATIENCE).in());
    pace.pause(T0, Duration.ofMillis(1)); // a shorter pause does not shorten the one in force
    assertEquals(Duration.ofMillis(500), pace.pausedFor(T0.plusMillis(1500)));
    assertEquals(Duration.ZERO, pace.pausedFor(T0.plusSeconds(3)));
  }

  @Test
  void aFarSlotOfTheLimitIsNoPause() {
    // 1000 recipients at 10/s hold the provider for 100 s; nobody asked for a pause
    RateLimit ten = RateLimit.of(10, null, null);
    assertTrue(pace.reserve(T0, 1000, ten, PATIENCE).granted());
    assertEquals(Duration.ofSeconds(100), pace.reserve(T0, 1, ten, PATIENCE).in());
    assertEquals(Duration.ZERO, pace.pausedFor(T0));
    pace.pause(T0, Duration.ofSeconds(30));
    assertEquals(Duration.ofSeconds(30), pace.pausedFor(T0));
    assertEquals(Duration.ofSeconds(100), pace.reserve(T0, 1, ten, PATIENCE).in());
  }

  @Test
  void theExpectedFinishFollowsTheSpeedAndTheWindows() {
    assertEquals(T0.plusSeconds(20), pace.expectedFinish(T0, 1000, RateLimit.of(50, null, null)));
    // 100 an hour at most: 250 recipients take this hour's 100, the next hour's 100, and 50 more
    assertEquals(
        T0.plusSeconds(2 * 3600 + 5), pace.expectedFinish(T0, 250, RateLimit.of(10, 100, null)));
    // a day of 1000 at most: 2500 end on the third day
    assertEquals(
        Instant.parse("2026-03-04T00:00:50Z"),
        pace.expectedFinish(T0, 2500, RateLimit.of(10, null, 1000)));
    assertEquals(T0, pace.expectedFinish(T0, 0, RateLimit.of(10, null, null)));
  }
}
