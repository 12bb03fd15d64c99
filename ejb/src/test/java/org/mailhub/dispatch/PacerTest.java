package org.mailhub.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailhub.provider.Provider;
import org.mailhub.provider.ProviderType;
import org.mailhub.provider.RateLimit;

class PacerTest {

  /** One pace in memory, on the wall clock, as the database would keep it. */
  static class MemoryPaces extends Paces {
    final ProviderPace pace = new ProviderPace(1);
    final List<String> calls = new ArrayList<>();
    RuntimeException failure;

    @Override
    public ProviderPace.Reservation reserve(
        long providerId, RateLimit limit, int recipients, Duration patience) {
      calls.add("reserve " + recipients);
      if (failure != null) {
        throw failure;
      }
      return pace.reserve(Instant.now(), recipients, limit, patience);
    }

    @Override
    public void pause(long providerId, Duration pause) {
      calls.add("pause " + pause);
      pace.pause(Instant.now(), pause);
    }

    @Override
    public Duration pausedFor(long providerId) {
      calls.add("look");
      return pace.pausedFor(Instant.now());
    }

    @Override
    public Optional<ProviderPace> find(long providerId) {
      return Optional.of(pace);
    }
  }

  private final MemoryPaces paces = new MemoryPaces();
  private final Pacer pacer = new Pacer();

  PacerTest() {
    pacer.paces = paces;
  }

  @Test
  void aNearSlotIsWaitedForAndAFarOneIsNotTaken() throws Exception {
    Provider provider = provider(RateLimit.of(2, null, null));
    long start = System.nanoTime();
    assertNull(pacer.admit(provider, 1), "the first slot is now");
    assertNull(pacer.admit(provider, 1), "the second half a second later: waited for");
    assertTrue(System.nanoTime() - start >= Duration.ofMillis(450).toNanos());
    Duration later = pacer.admit(provider, 4); // a batch of four holds it for 2 s
    assertNull(later, "its slot was half a second away");
    Duration far = pacer.admit(provider, 1);
    assertTrue(far.compareTo(Duration.ofMillis(1500)) > 0, "comes back later: " + far);
  }

  @Test
  void aProviderWithoutALimitWaitsOnlyForItsPauses() throws Exception {
    Provider provider = provider(RateLimit.none());
    assertNull(pacer.admit(provider, 100));
    pacer.pause(1, Duration.ofSeconds(5));
    Duration later = pacer.admit(provider, 1);
    assertTrue(later.compareTo(Duration.ofSeconds(4)) > 0, "the pause is known at once: " + later);
    assertTrue(
        paces.calls.stream().noneMatch(c -> c.startsWith("reserve")), paces.calls.toString());
  }

  @Test
  void aReservationThatFailsLetsTheRecipientsWaitRatherThanThrow() throws Exception {
    paces.failure = new IllegalStateException("database gone");
    assertEquals(Pacer.PATIENCE, pacer.admit(provider(RateLimit.of(10, null, null)), 1));
  }

  private static Provider provider(RateLimit limit) throws Exception {
    Provider provider =
        new Provider(
            ProviderType.GENERIC_HTTP,
            "token",
            new Provider.Details("p", null, "a@example.com", null, null),
            "sealed");
    Field id = Provider.class.getDeclaredField("id");
    id.setAccessible(true);
    id.set(provider, 1L);
    provider.limitRate(limit);
    return provider;
  }
}
