package org.mailhub.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderBreakersTest {

  private final ProviderBreakers breakers = new ProviderBreakers();

  {
    breakers.failures = 3;
    breakers.delay = Duration.ofSeconds(30);
  }

  @Test
  void opensForOneProviderAfterConsecutiveFailures() {
    breakers.failed(1);
    breakers.failed(1);
    assertEquals(Duration.ZERO, breakers.closedIn(1));

    breakers.failed(1);
    assertTrue(breakers.closedIn(1).compareTo(Duration.ofSeconds(29)) > 0);
    assertEquals(Duration.ZERO, breakers.closedIn(2), "other providers go on");
  }

  @Test
  void aSuccessResetsTheCount() {
    breakers.failed(1);
    breakers.failed(1);
    breakers.succeeded(1);
    breakers.failed(1);

    assertEquals(Duration.ZERO, breakers.closedIn(1));
  }
}
