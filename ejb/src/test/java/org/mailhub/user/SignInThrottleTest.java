package org.mailhub.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

  private Instant now = Instant.parse("2026-11-30T10:00:00Z");
  private final SignInThrottle throttle = new SignInThrottle();

  {
    throttle.clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now;
          }
        };
  }

  @Test
  void anAccountWaitsAfterFiveFailuresAndTwiceAsLongAfterEachMore() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("Alice", "10.0.0.1");
    }
    assertEquals(Optional.empty(), throttle.lockedFor("alice", "10.0.0.9"));

    throttle.failed("alice", "10.0.0.2");
    assertEquals(Optional.of(Duration.ofSeconds(5)), throttle.lockedFor("ALICE", "10.0.0.9"));

    now = now.plusSeconds(6);
    assertEquals(Optional.empty(), throttle.lockedFor("alice", "10.0.0.9"), "the wait is over");
    throttle.failed("alice", "10.0.0.3");
    assertEquals(Optional.of(Duration.ofSeconds(10)), throttle.lockedFor("alice", "10.0.0.9"));
    assertEquals(Optional.empty(), throttle.lockedFor("bob", "10.0.0.9"), "others go on");
  }

  @Test
  void theWaitNeverExceedsAQuarterOfAnHour() {
    for (int i = 0; i < 40; i++) {
      throttle.failed("alice", "10.0.0." + i);
    }
    assertEquals(Optional.of(SignInThrottle.LONGEST), throttle.lockedFor("alice", "x"));
  }

  @Test
  void anAddressGuessingManyAccountsWaitsToo() {
    for (int i = 0; i < SignInThrottle.ADDRESS_FAILURES; i++) {
      throttle.failed("user" + i, "203.0.113.7");
    }
    assertTrue(throttle.lockedFor("someone-else", "203.0.113.7").isPresent());
    assertEquals(Optional.empty(), throttle.lockedFor("someone-else", "198.51.100.1"));
  }

  @Test
  void aSuccessAndTimeClearTheSlate() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("alice", "10.0.0.1");
    }
    throttle.succeeded("alice", "10.0.0.1");
    assertEquals(Optional.empty(), throttle.lockedFor("alice", "10.0.0.1"));

    for (int i = 0; i < 4; i++) {
      throttle.failed("bob", "10.0.0.1");
    }
    now = now.plus(SignInThrottle.FORGET_AFTER).plusSeconds(1);
    throttle.failed("bob", "10.0.0.1");
    assertEquals(Optional.empty(), throttle.lockedFor("bob", "10.0.0.1"), "old failures forgotten");
  }
}
