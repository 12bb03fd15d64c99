package org.mailhub.dispatch;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A node's lease on the claims it holds: the node renews it by beating (writing the database's
 * time) every few seconds. A node that has not beaten for the lease's length is gone (killed, cut
 * off, or replaced with a new data directory), and another node takes its claims over; a node that
 * cannot beat stops handing recipients to providers well before that (see {@link #fresh}), so that
 * a claim taken over is never still being sent.
 */
@Entity
@Table(name = "node_lease")
public class NodeLease {

  @Id
  @Column(length = 120)
  private String node;

  /** The server start that beat last. */
  @Column(nullable = false)
  private long boot;

  /** The database's time at the last beat. */
  @Column(name = "beat_at", nullable = false)
  private Instant beatAt;

  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  /**
   * A fingerprint of the node's secret key, which every node of a cluster must share (it reads the
   * provider secrets the others saved); never the key itself.
   */
  @Column(name = "key_check", length = 64)
  private String keyCheck;

  protected NodeLease() {}

  public NodeLease(String node, long boot, Instant now, String keyCheck) {
    this.node = Objects.requireNonNull(node);
    this.boot = boot;
    this.beatAt = Objects.requireNonNull(now);
    this.startedAt = now;
    this.keyCheck = keyCheck;
  }

  /** A beat of this node's start; a new start of the node takes the lease over. */
  public void beat(long boot, Instant now, String keyCheck) {
    this.keyCheck = keyCheck;
    if (this.boot != boot) {
      this.boot = boot;
      this.startedAt = now;
    }
    if (now.isAfter(beatAt)) {
      beatAt = now;
    }
  }

  /** Whether the node has not beaten for the lease's length at {@code now}. */
  public boolean expired(Instant now, Duration lease) {
    return !beatAt.plus(lease).isAfter(now);
  }

  /**
   * Whether a node whose last beat succeeded {@code sinceBeat} ago may still start a provider call:
   * for a third of the lease, so that the calls it started (bounded by the gateway's timeouts) end
   * long before another node may take its claims over.
   */
  public static boolean fresh(Duration sinceBeat, Duration lease) {
    return sinceBeat.compareTo(lease.dividedBy(3)) < 0;
  }

  public String node() {
    return node;
  }

  public long boot() {
    return boot;
  }

  public Instant beatAt() {
    return beatAt;
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** Whether the node's secret key is known to differ from the one with this fingerprint. */
  public boolean keyDiffers(String keyCheck) {
    return this.keyCheck != null && !this.keyCheck.equals(keyCheck);
  }
}
