package org.mailhub.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailhub.esp.SendOutcome;
import org.mailhub.metrics.Metrics;
import org.mailhub.provider.ProviderType;

class RecorderTest {

  private final ExecutorService threads = Executors.newFixedThreadPool(8);

  /** Commits what it is given; the first commit waits until the test lets it go. */
  private static final class CommittingLedger extends Ledger {
    final List<List<Integer>> commits = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch firstStarted = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void recordAll(List<Call> calls) {
      List<Integer> indexes = calls.stream().map(Call::index).toList();
      if (firstStarted.getCount() > 0) {
        firstStarted.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (indexes.contains(-1)) {
        throw new IllegalStateException("unstorable outcome");
      }
      commits.add(indexes);
    }
  }

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  private final Metrics metrics = new Metrics();

  private Recorder recorder() {
    Recorder recorder = new Recorder();
    recorder.meters = DispatchMetersTest.meters(metrics, new ProviderBreakers());
    recorder.meters.timed(1, ProviderType.NETCORE, () -> SendOutcome.accepted("m"));
    return recorder;
  }

  @Test
  void outcomesThatArriveDuringACommitShareTheNextOne() throws Exception {
    Recorder recorder = recorder();
    CommittingLedger ledger = new CommittingLedger();
    recorder.ledger = ledger;

    Future<?> first = threads.submit(() -> recorder.record(call(0)));
    assertTrue(ledger.firstStarted.await(10, TimeUnit.SECONDS));
    List<Future<?>> others = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      int index = i;
      others.add(threads.submit(() -> recorder.record(call(index))));
    }
    await(() -> recorder.waiting() == 6);
    ledger.release.countDown();
    first.get(10, TimeUnit.SECONDS);
    for (Future<?> other : others) {
      other.get(10, TimeUnit.SECONDS);
    }

    assertEquals(2, ledger.commits.size(), "one commit, then one for the six that waited");
    assertEquals(List.of(0), ledger.commits.get(0));
    assertEquals(6, ledger.commits.get(1).size());
  }

  @Test
  void anOutcomeThatCannotBeStoredFailsAloneAndTheOthersAreCommitted() throws Exception {
    Recorder recorder = recorder();
    CommittingLedger ledger = new CommittingLedger();
    recorder.ledger = ledger;

    Future<?> first = threads.submit(() -> recorder.record(call(0)));
    assertTrue(ledger.firstStarted.await(10, TimeUnit.SECONDS));
    Future<?> good = threads.submit(() -> recorder.record(call(1)));
    Future<?> bad = threads.submit(() -> recorder.record(call(-1)));
    await(() -> recorder.waiting() == 2);
    ledger.release.countDown();

    first.get(10, TimeUnit.SECONDS);
    good.get(10, TimeUnit.SECONDS);
    var failure =
        assertThrows(
            java.util.concurrent.ExecutionException.class, () -> bad.get(10, TimeUnit.SECONDS));
    assertTrue(failure.getCause() instanceof IllegalStateException, failure.toString());
    assertTrue(ledger.commits.contains(List.of(1)), ledger.commits.toString());
    assertTrue(
        metrics
            .scrape(null)
            .text()
            .contains(
                "mailhub_emails_total{outcome=\"sent\",provider_id=\"1\",provider_type=\"NETCORE\"} 2.0"),
        "the two committed count, the one that could not be stored does not: "
            + metrics.scrape(null).text());
  }

  @Test
  void aCommitUnderWayShowsHowLongItRuns() throws Exception {
    Recorder recorder = recorder();
    CommittingLedger ledger = new CommittingLedger();
    recorder.ledger = ledger;
    assertEquals(Duration.ZERO, recorder.committing());

    Future<?> first = threads.submit(() -> recorder.record(call(0)));
    assertTrue(ledger.firstStarted.await(10, TimeUnit.SECONDS));
    await(() -> recorder.committing().toNanos() > 0);
    ledger.release.countDown();
    first.get(10, TimeUnit.SECONDS);

    assertEquals(Duration.ZERO, recorder.committing());
  }

  private static Ledger.Call call(int index) {
    Ledger.Call one = DispatchMetersTest.call(1, new Ledger.CallResult.Sent("id-" + index), 1, 1);
    return new Ledger.Call(one.chunk(), 1, index, one.carried(), one.result(), one.maxAttempts());
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("gave up waiting");
      }
      Thread.sleep(5);
    }
  }
}
