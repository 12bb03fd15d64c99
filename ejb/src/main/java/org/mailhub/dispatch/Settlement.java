package org.mailhub.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the provider calls of one dispatch message did to its claimed recipients, gathered so that
 * {@link Ledger#settle} records all of it in one transaction: one commit per message rather than
 * one per provider call.
 */
public final class Settlement {

  /** Recipients a call may heal for, with the highest attempt among them. */
  record Retry(List<Long> ids, int attempt) {}

  final Map<String, List<Long>> sent = new LinkedHashMap<>();
  final Map<String, List<Long>> failed = new LinkedHashMap<>();
  final Map<String, Retry> retries = new LinkedHashMap<>();
  final List<Long> released = new ArrayList<>();
  final List<Long> cancelled = new ArrayList<>();
  Duration releasedFor = Duration.ZERO;

  void sent(List<Long> ids, String messageId) {
    sent.computeIfAbsent(messageId, k -> new ArrayList<>()).addAll(ids);
  }

  void failed(List<Long> ids, String error) {
    failed.computeIfAbsent(error, k -> new ArrayList<>()).addAll(ids);
  }

  void retry(List<Long> ids, String error, int attempt) {
    retries.merge(
        error,
        new Retry(new ArrayList<>(ids), attempt),
        (a, b) -> {
          a.ids().addAll(b.ids());
          return new Retry(a.ids(), Math.max(a.attempt(), b.attempt()));
        });
  }

  /** Claimed but not sent: the provider's breaker opened; back to the queue after {@code wait}. */
  void release(List<Long> ids, Duration wait) {
    released.addAll(ids);
    releasedFor = wait;
  }

  /** Claimed but not sent: the campaign was cancelled meanwhile. */
  void cancelled(List<Long> ids) {
    cancelled.addAll(ids);
  }
}
