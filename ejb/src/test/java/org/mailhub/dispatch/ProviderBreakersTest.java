package org.mailhub.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProviderBreakersTest {

  private static final Duration DELAY = Duration.ofSeconds(30);

  private final ProviderBreakers breakers = new ProviderBreakers();

  {
    breakers.failures = 3;
    breakers.delay = DELAY;
    breakers.clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
  }

  private void later(Duration step) {
    breakers.clock = Clock.offset(breakers.clock, step);
  }

  private void open(long providerId) {
    for (int i = 0; i < breakers.failures; i++) {
      breakers.failed(providerId);
    }
  }

  private static void assertWaits(Duration wait) {
    assertTrue(!wait.isZero() && !wait.isNegative(), "waits, but got " + wait);
  }

  @Test
  void opensForOneProviderAfterConsecutiveFailures() {
    breakers.failed(1);
    breakers.failed(1);
    assertEquals(Duration.ZERO, breakers.closedIn(1));

    breakers.failed(1);
    assertEquals(DELAY, breakers.closedIn(1));
    later(Duration.ofSeconds(10));
    assertEquals(Duration.ofSeconds(20), breakers.closedIn(1));
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

  @Test
  void afterTheDelayExactlyOneCallerProbes() {
    open(1);
    later(DELAY.minusMillis(1));
    assertEquals(Duration.ofMillis(1), breakers.closedIn(1));

    later(Duration.ofMillis(1));
    assertEquals(Duration.ZERO, breakers.closedIn(1), "the probe");
    assertWaits(breakers.closedIn(1));
    assertWaits(breakers.closedIn(1));
  }

  @Test
  void othersWaitUntilTheProbeReports() {
    open(1);
    later(DELAY);
    breakers.closedIn(1);

    assertEquals(ProviderBreakers.WHILE_PROBING, breakers.closedIn(1));
    later(DELAY.minusSeconds(1));
    assertEquals(ProviderBreakers.WHILE_PROBING, breakers.closedIn(1), "a slow probe");
    later(Duration.ofMillis(400));
    assertEquals(Duration.ofMillis(600), breakers.closedIn(1), "never past the probe's allowance");
  }

  @Test
  void aSucceedingProbeClosesTheBreaker() {
    open(1);
    later(DELAY);
    breakers.closedIn(1);

    breakers.succeeded(1);

    assertEquals(Duration.ZERO, breakers.closedIn(1));
    assertEquals(Duration.ZERO, breakers.closedIn(1));
    breakers.failed(1);
    breakers.failed(1);
    assertEquals(Duration.ZERO, breakers.closedIn(1), "counting starts again");
  }

  @Test
  void aFailingProbeOpensTheBreakerForTheWholeDelay() {
    open(1);
    later(DELAY);
    breakers.closedIn(1);
    later(Duration.ofSeconds(5));

    breakers.failed(1);

    assertEquals(DELAY, breakers.closedIn(1));
    later(DELAY);
    assertEquals(Duration.ZERO, breakers.closedIn(1), "the next probe");
    assertWaits(breakers.closedIn(1));
  }

  @Test
  void aProbeThatNeverReportsIsReplacedAfterADelay() {
    open(1);
    later(DELAY);
    breakers.closedIn(1); // and its caller dies

    later(DELAY.minusMillis(1));
    assertWaits(breakers.closedIn(1));
    later(Duration.ofMillis(1));
    assertEquals(Duration.ZERO, breakers.closedIn(1), "another probe");
    assertWaits(breakers.closedIn(1));
  }

  @Test
  void failuresOfCallsUnderWayWhenItOpenedDoNotExtendTheDelay() {
    open(1);
    later(Duration.ofSeconds(10));

    breakers.failed(1);

    assertEquals(Duration.ofSeconds(20), breakers.closedIn(1));
  }

  @Test
  void providersAreIndependent() {
    open(1);
    open(2);
    later(DELAY);

    assertEquals(Duration.ZERO, breakers.closedIn(1), "provider 1's probe");
    assertEquals(Duration.ZERO, breakers.closedIn(2), "provider 2's probe");
    breakers.failed(1);
    breakers.succeeded(2);

    assertEquals(DELAY, breakers.closedIn(1));
    assertEquals(Duration.ZERO, breakers.closedIn(2));
    assertEquals(Duration.ZERO, breakers.closedIn(3));
  }

  @Test
  void concurrentCallersGetOneProbe() throws Exception {
    open(1);
    later(DELAY);
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> probes = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        probes.add(
            pool.submit(
                () -> {
                  start.await();
                  int zero = 0;
                  for (int i = 0; i < 1_000; i++) {
                    zero += breakers.closedIn(1).isZero() ? 1 : 0;
                  }
                  return zero;
                }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> probe : probes) {
        total += probe.get(10, TimeUnit.SECONDS);
      }
      assertEquals(1, total);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void itsPositionIsClosedOpenOrProbingAsItsGaugeReportsIt() {
    assertEquals(ProviderBreakers.Position.CLOSED, breakers.position(9), "never failed");
    breakers.failed(9);
    assertEquals(ProviderBreakers.Position.CLOSED, breakers.position(9), "one failure");
    open(9);
    assertEquals(ProviderBreakers.Position.OPEN, breakers.position(9));
    later(DELAY);
    assertEquals(ProviderBreakers.Position.OPEN, breakers.position(9), "until someone probes");
    assertEquals(Duration.ZERO, breakers.closedIn(9));
    assertEquals(ProviderBreakers.Position.PROBING, breakers.position(9));
    breakers.succeeded(9);
    assertEquals(ProviderBreakers.Position.CLOSED, breakers.position(9));
  }
}
