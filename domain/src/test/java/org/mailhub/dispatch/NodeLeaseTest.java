package org.mailhub.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NodeLeaseTest {

  private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(60);

  @Test
  void aLeaseExpiresWhenTheNodeHasNotBeatenForItsLength() {
    NodeLease lease = new NodeLease("node1-ab12cd34", 7, T0, "k1");
    assertFalse(lease.expired(T0.plusSeconds(59), LEASE));
    assertTrue(lease.expired(T0.plusSeconds(60), LEASE));
    lease.beat(7, T0.plusSeconds(50), "k1");
    assertFalse(lease.expired(T0.plusSeconds(100), LEASE), "renewed at 50 s");
  }

  @Test
  void aBeatNeverMovesTheLeaseBackAndANewStartTakesItOver() {
    NodeLease lease = new NodeLease("node1-ab12cd34", 7, T0, "k1");
    lease.beat(7, T0.plusSeconds(30), "k1");
    lease.beat(7, T0.plusSeconds(10), "k1"); // a late beat of a slow transaction
    assertEquals(T0.plusSeconds(30), lease.beatAt());
    assertEquals(T0, lease.startedAt());

    lease.beat(8, T0.plusSeconds(40), "k1"); // the node restarted
    assertEquals(8, lease.boot());
    assertEquals(T0.plusSeconds(40), lease.startedAt());
  }

  @Test
  void aNodeTellsWhetherItsSecretKeyDiffersWithoutShowingIt() {
    NodeLease lease = new NodeLease("node1-ab12cd34", 7, T0, "k1");
    assertFalse(lease.keyDiffers("k1"));
    assertTrue(lease.keyDiffers("k2"));
    assertFalse(new NodeLease("node0", 1, T0, null).keyDiffers("k2"), "a node of 0.2: unknown");
  }

  @Test
  void aNodeStopsCallingProvidersAfterAThirdOfTheLeaseWithoutABeat() {
    assertTrue(NodeLease.fresh(Duration.ofSeconds(19), LEASE));
    assertFalse(NodeLease.fresh(Duration.ofSeconds(20), LEASE));
    assertFalse(NodeLease.fresh(Duration.ofSeconds(61), LEASE), "long past: surely taken over");
  }
}
