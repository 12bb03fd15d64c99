package org.mailhub.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimitTest {

  @Test
  void limitsArePositiveWholeNumbersNamedByTheirField() {
    assertEquals("perSecond", refused(0, null, null).field());
    assertEquals("perSecond", refused(-5, null, null).field());
    assertEquals("perHour", refused(10, 0, null).field());
    assertEquals("perDay", refused(10, null, -1).field());
    assertEquals("perSecond", refused(RateLimit.MAX + 1, null, null).field());
  }

  @Test
  void hourlyAndDailyLimitsNeedAPerSecondOne() {
    RateLimit.Invalid invalid = refused(null, 1000, null);
    assertEquals("perSecond", invalid.field());
    assertEquals("is required with perHour and perDay", invalid.getMessage());
  }

  @Test
  void noPerSecondIsNoLimit() {
    assertFalse(RateLimit.of(null, null, null).isLimited());
    assertEquals(RateLimit.none(), RateLimit.of(null, null, null));
    assertTrue(RateLimit.of(1, null, null).isLimited());
    assertEquals("100/s, 5000/h, 20000/day", RateLimit.of(100, 5000, 20000).toString());
  }

  @Test
  void aProviderChangesItsLimitOnlyThroughItsMethod() {
    Provider provider =
        new Provider(
            ProviderType.SMTP,
            "token",
            new Provider.Details("n", null, "a@example.com", null, null),
            "sealed");
    assertFalse(provider.rateLimit().isLimited(), "no limit unless one is set");
    provider.limitRate(RateLimit.of(50, null, null));
    assertEquals(50, provider.rateLimit().perSecond());
    provider.limitRate(null);
    assertFalse(provider.rateLimit().isLimited());
  }

  private static RateLimit.Invalid refused(Integer perSecond, Integer perHour, Integer perDay) {
    return assertThrows(RateLimit.Invalid.class, () -> RateLimit.of(perSecond, perHour, perDay));
  }
}
