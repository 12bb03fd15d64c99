package org.mailhub.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

  @Test
  void secondsOrAnHttpDate() {
    assertEquals(Optional.of(Duration.ofSeconds(2)), RetryAfter.parse("2", NOW));
    assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse(" 120 ", NOW));
    // RFC 9110's example
    assertEquals(
        Optional.of(Duration.ofSeconds(30)),
        RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", NOW));
  }

  @Test
  void whatIsNeitherOrInThePastSaysNothing() {
    for (String odd :
        new String[] {
          null, "", " ", "-1", "0", "1.5", "soon", "2 s", "Wed, 21 Oct 2015 07:27:00 GMT"
        }) {
      assertEquals(Optional.empty(), RetryAfter.parse(odd, NOW), odd);
    }
  }

  @Test
  void aPauseLongerThanAnHourIsCutToAnHour() {
    assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.parse("86400", NOW));
    assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.parse("99999999999999999999999999", NOW));
    assertEquals(
        Optional.of(RetryAfter.MAX), RetryAfter.parse("Thu, 01 Jan 2099 00:00:00 GMT", NOW));
  }
}
