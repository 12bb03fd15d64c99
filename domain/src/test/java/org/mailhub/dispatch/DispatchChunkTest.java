package org.mailhub.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DispatchChunkTest {

  private static List<Recipient> recipients(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> new Recipient(100 + i, "r" + i + "@example.com", "meta" + i))
        .toList();
  }

  private static DispatchChunk claimedOneByOne(int n) {
    DispatchChunk chunk = new DispatchChunk(7, recipients(n), 1, null);
    chunk.claim("node-a", 42, 7, IntStream.range(0, n).mapToObj(List::of).toList(), Instant.now());
    return chunk;
  }

  @Test
  void keepsItsRecipientsInOrderWithOddAddresses() {
    List<Recipient> odd =
        List.of(
            new Recipient(1, "\"a b\\\\c\"@example.com", "m1"),
            new Recipient(2, "x@example.com", "m2"));
    DispatchChunk chunk = new DispatchChunk(7, odd, 1, null);

    assertEquals(odd, chunk.recipients());
    assertEquals(2, chunk.size());
    assertEquals(DispatchChunk.State.QUEUED, chunk.state());
  }

  @Test
  void aClaimNamesItsNodeAndStartAndOrdersEveryRecipientOnce() {
    DispatchChunk chunk = new DispatchChunk(7, recipients(3), 1, null);

    assertThrows(
        IllegalArgumentException.class,
        () -> chunk.claim("node-a", 42, 7, List.of(List.of(0), List.of(0, 2)), Instant.now()));
    assertThrows(
        IllegalArgumentException.class,
        () -> chunk.claim("node-a", 42, 7, List.of(List.of(0, 1)), Instant.now()));
    chunk.claim("node-a", 42, 7, List.of(List.of(2, 0), List.of(1)), Instant.now());

    assertEquals(DispatchChunk.State.CLAIMED, chunk.state());
    assertEquals(List.of(List.of(2, 0), List.of(1)), chunk.calls());
    assertTrue(chunk.isClaimedBy("node-a", 42));
    assertTrue(chunk.isHeldBy(1));
    assertFalse(chunk.isClaimedBy("node-a", 43), "an earlier start of the node");
    assertFalse(chunk.isClaimedBy("node-b", 42), "another node");
    assertThrows(
        IllegalStateException.class,
        () -> chunk.claim("node-b", 1, 7, List.of(List.of(0, 1, 2)), Instant.now()),
        "claimed twice");
  }

  @Test
  void afterAStopOnlyTheCallInFlightIsInDoubt() {
    DispatchChunk chunk = claimedOneByOne(5);

    // calls 0 and 1 were recorded; call 2 was in flight; 3 and 4 never started
    DispatchChunk.Stranded stranded = chunk.stranded(Set.of(100L, 101L));

    assertEquals(List.of(recipients(5).get(2)), stranded.inDoubt());
    assertEquals(recipients(5).subList(3, 5), stranded.notStarted());
  }

  @Test
  void aStopBeforeTheFirstCallLeavesTheFirstCallInDoubtAtMost() {
    DispatchChunk chunk = new DispatchChunk(7, recipients(4), 1, null);
    chunk.claim("n", 1, 7, List.of(List.of(0, 1), List.of(2, 3)), Instant.now());

    DispatchChunk.Stranded stranded = chunk.stranded(Set.of());

    assertEquals(recipients(4).subList(0, 2), stranded.inDoubt(), "one whole batch call");
    assertEquals(recipients(4).subList(2, 4), stranded.notStarted());
  }

  @Test
  void callsThatMovedToARetryAreNeitherInDoubtNorUnstarted() {
    DispatchChunk chunk = claimedOneByOne(4);
    chunk.movedToRetry(0, 1); // call 0: the provider answered 503
    chunk.movedToRetry(1, 1); // call 1 too

    DispatchChunk.Stranded stranded = chunk.stranded(Set.of(102L)); // call 2 was sent

    assertEquals(List.of(recipients(4).get(3)), stranded.inDoubt());
    assertEquals(List.of(), stranded.notStarted());
    assertEquals(2, chunk.moved());
  }

  @Test
  void recipientsWhoseCallEndedAreNoLongerUnsent() {
    DispatchChunk chunk = new DispatchChunk(7, recipients(5), 1, null);
    chunk.claim(
        "n", 1, 7, List.of(List.of(3), List.of(0, 1), List.of(2), List.of(4)), Instant.now());
    chunk.movedToRetry(1, 2); // call 1 (recipients 0 and 1) went to a retry chunk

    // call 0 (recipient 3) was sent before; the retry chunk lists 0 and 1 again
    assertEquals(List.of(recipients(5).get(2), recipients(5).get(4)), chunk.unsent(Set.of(103L)));
    assertEquals(List.of(recipients(5).get(4)), chunk.unsent(Set.of(102L, 103L)));
    assertThrows(
        IllegalStateException.class,
        () -> new DispatchChunk(7, recipients(1), 1, null).unsent(Set.of()),
        "a queued chunk's recipients are all unsent");
  }

  @Test
  void aReleaseKeepsOnlyRecipientsNoCallCarried() {
    DispatchChunk chunk = claimedOneByOne(3);

    chunk.release(recipients(3).subList(1, 3));

    assertEquals(DispatchChunk.State.QUEUED, chunk.state());
    assertEquals(recipients(3).subList(1, 3), chunk.recipients());
    assertEquals(2, chunk.size());
    assertFalse(chunk.isClaimedBy("node-a", 42));
    assertFalse(chunk.isHeldBy(1), "a released claim holds nothing");
    assertNull(chunk.claimProviderId(), "the next claim may call another provider (a backup)");
    assertThrows(IllegalStateException.class, () -> chunk.release(List.of()), "not claimed");
    chunk.claim("node-a", 42, 8, List.of(List.of(0), List.of(1)), Instant.now());
    assertEquals(8L, chunk.claimProviderId());
    assertTrue(chunk.isHeldBy(2));
    assertFalse(chunk.isHeldBy(1), "the first claim does not hold the second");
  }

  @Test
  void aReleaseOfNobodyEndsTheChunk() {
    DispatchChunk chunk = claimedOneByOne(2);

    chunk.release(List.of());

    assertEquals(DispatchChunk.State.DONE, chunk.state());
    assertEquals(List.of(), chunk.recipients());
  }

  @Test
  void aChunkHasRecipientsWithDistinctMetas() {
    assertThrows(IllegalArgumentException.class, () -> new DispatchChunk(7, List.of(), 1, null));
    Recipient r = new Recipient(1, "a@example.com", "same");
    assertThrows(
        IllegalArgumentException.class,
        () -> new DispatchChunk(7, List.of(r, new Recipient(2, "b@example.com", "same")), 1, null));
    assertThrows(IllegalArgumentException.class, () -> new DispatchChunk(7, List.of(r), 0, null));
  }
}
