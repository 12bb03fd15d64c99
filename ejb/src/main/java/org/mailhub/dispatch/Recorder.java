package org.mailhub.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit of call outcomes. Every dispatch must see its call's outcome committed before its
 * next call starts (that is what bounds the recipients in doubt after a crash), but the dispatch
 * sessions need not commit one by one: the outcomes that arrive while one commit runs are committed
 * together by the next, by whichever waiting dispatch comes first. With one call per email this
 * turns a commit per email into a commit per handful of emails.
 */
@ApplicationScoped
public class Recorder {

  @Inject Ledger ledger;
  @Inject DispatchMeters meters;

  private final Object lock = new Object();
  private List<Pending> queue = new ArrayList<>();
  private boolean committing;
  private long committingSince;

  private static final class Pending {
    final Ledger.Call call;
    boolean done;
    RuntimeException failure;

    Pending(Ledger.Call call) {
      this.call = call;
    }
  }

  /**
   * Records the call's outcome, returning once it is committed.
   *
   * @throws RuntimeException when it could not be recorded
   */
  public void record(Ledger.Call call) {
    Pending mine = new Pending(call);
    synchronized (lock) {
      queue.add(mine);
    }
    boolean[] interrupted = {false};
    try {
      lead(mine, interrupted);
    } finally {
      if (interrupted[0]) {
        Thread.currentThread().interrupt(); // kept for whoever asks next
      }
    }
  }

  private void lead(Pending mine, boolean[] interrupted) {
    while (true) {
      List<Pending> batch;
      synchronized (lock) {
        while (!mine.done && committing) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            interrupted[0] = true;
            // still queued: committed by another dispatch, or by this one below; a dispatch is
            // not interrupted between its call and the record of its outcome
          }
        }
        if (mine.done) {
          if (mine.failure != null) {
            throw mine.failure;
          }
          return;
        }
        committing = true;
        committingSince = System.nanoTime();
        batch = queue;
        queue = new ArrayList<>();
      }
      try {
        commit(batch);
      } finally {
        synchronized (lock) {
          committing = false;
          lock.notifyAll();
        }
      }
    }
  }

  /**
   * How long the commit under way has run, zero when none runs: every dispatch waits for it before
   * its next call.
   */
  public Duration committing() {
    synchronized (lock) {
      return committing ? Duration.ofNanos(System.nanoTime() - committingSince) : Duration.ZERO;
    }
  }

  /** How many outcomes wait for a commit (for tests). */
  int waiting() {
    synchronized (lock) {
      return queue.size();
    }
  }

  /**
   * All in one transaction; when that fails, each on its own, so that one bad outcome fails alone.
   */
  private void commit(List<Pending> batch) {
    try {
      ledger.recordAll(batch.stream().map(p -> p.call).toList());
      finish(batch, null);
    } catch (RuntimeException together) {
      if (batch.size() == 1) {
        finish(batch, together);
        return;
      }
      for (Pending pending : batch) {
        try {
          ledger.recordAll(List.of(pending.call));
          finish(List.of(pending), null);
        } catch (RuntimeException alone) {
          finish(List.of(pending), alone);
        }
      }
    }
  }

  private void finish(List<Pending> pendings, RuntimeException failure) {
    if (failure == null) {
      pendings.forEach(pending -> meters.recorded(pending.call));
    }
    synchronized (lock) {
      for (Pending pending : pendings) {
        pending.done = true;
        pending.failure = failure;
      }
    }
  }
}
