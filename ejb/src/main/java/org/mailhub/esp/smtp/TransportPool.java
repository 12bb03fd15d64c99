package org.mailhub.esp.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Connected SMTP transports kept between emails, by connection key: at most {@code size} per key
 * (idle and lent together), the most recently used lent first. A transport is lent only after
 * {@link Transport#isConnected()} (a NOOP for SMTP) said the server still holds it, so a connection
 * the server dropped is found before a message starts; a send never runs twice.
 */
final class TransportPool {

  /** Opens and connects a new transport. */
  interface Opener {
    Transport open() throws MessagingException;
  }

  /**
   * A lent transport: {@link #release()} after a send the server accepted, {@link #discard()} after
   * any failure (it is closed, and the next email gets another).
   */
  final class Lease {
    private final String key;
    private final Transport transport;
    private final boolean pooled;
    private boolean done;

    private Lease(String key, Transport transport, boolean pooled) {
      this.key = key;
      this.transport = transport;
      this.pooled = pooled;
    }

    Transport transport() {
      return transport;
    }

    void release() {
      finish(this, true);
    }

    void discard() {
      finish(this, false);
    }
  }

  private static final class Slots {
    final Deque<Idle> idle = new ArrayDeque<>();
    int lent;
  }

  private record Idle(Transport transport, long since) {}

  private final int size;
  private final long idleNanos;
  private final LongSupplier nanoClock;
  private final Map<String, Slots> byKey = new HashMap<>();
  private boolean closed;

  /**
   * @param size connections kept per key; 0 opens one connection per email
   * @param idleNanos how long a connection may wait unused before it is closed
   */
  TransportPool(int size, long idleNanos, LongSupplier nanoClock) {
    this.size = Math.max(0, size);
    this.idleNanos = idleNanos;
    this.nanoClock = nanoClock;
  }

  /**
   * A connected transport for the key: an idle one that answers NOOP, else a new one. When the key
   * has {@code size} connections lent already, the new one is not kept afterwards (no waiting).
   */
  Lease borrow(String key, Opener opener) throws MessagingException {
    while (true) {
      Idle candidate;
      boolean pooled;
      synchronized (this) {
        Slots slots = byKey.computeIfAbsent(key, k -> new Slots());
        candidate = closed ? null : slots.idle.pollFirst();
        pooled = !closed && (candidate != null || slots.lent < size);
        if (pooled) {
          slots.lent++;
        }
      }
      if (candidate == null) {
        try {
          return new Lease(key, opener.open(), pooled);
        } catch (MessagingException | RuntimeException e) {
          if (pooled) {
            giveBackSlot(key);
          }
          throw e;
        }
      }
      if (nanoClock.getAsLong() - candidate.since() < idleNanos
          && candidate.transport().isConnected()) {
        return new Lease(key, candidate.transport(), true);
      }
      // the server dropped it, or it waited too long: try the next one
      giveBackSlot(key);
      closeQuietly(candidate.transport());
    }
  }

  private void finish(Lease lease, boolean keep) {
    if (lease.done) {
      return;
    }
    lease.done = true;
    synchronized (this) {
      if (lease.pooled) {
        Slots slots = byKey.get(lease.key);
        slots.lent--;
        if (keep && !closed) {
          slots.idle.addFirst(new Idle(lease.transport, nanoClock.getAsLong()));
          return;
        }
      }
    }
    closeQuietly(lease.transport);
  }

  private synchronized void giveBackSlot(String key) {
    byKey.get(key).lent--;
  }

  /** Closes the connections that have waited unused for the idle time or longer. */
  void closeIdle() {
    List<Transport> expired = new ArrayList<>();
    synchronized (this) {
      long now = nanoClock.getAsLong();
      for (Iterator<Slots> keys = byKey.values().iterator(); keys.hasNext(); ) {
        Slots slots = keys.next();
        while (!slots.idle.isEmpty() && now - slots.idle.peekLast().since() >= idleNanos) {
          expired.add(slots.idle.pollLast().transport());
        }
        if (slots.idle.isEmpty() && slots.lent == 0) {
          keys.remove();
        }
      }
    }
    expired.forEach(TransportPool::closeQuietly);
  }

  /** Closes every idle connection; those lent now are closed when they come back. */
  void close() {
    List<Transport> all = new ArrayList<>();
    synchronized (this) {
      closed = true;
      byKey.values().forEach(slots -> slots.idle.forEach(idle -> all.add(idle.transport())));
      byKey.values().forEach(slots -> slots.idle.clear());
    }
    all.forEach(TransportPool::closeQuietly);
  }

  /** Connections idle now, for all keys. */
  synchronized int idle() {
    return byKey.values().stream().mapToInt(slots -> slots.idle.size()).sum();
  }

  /** The server's answer to each message is what counts: a QUIT that fails changes nothing. */
  static void closeQuietly(Transport transport) {
    try {
      transport.close();
    } catch (MessagingException | RuntimeException ignored) {
      // nothing was pending on it
    }
  }
}
