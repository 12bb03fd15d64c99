package org.mailhub.dispatch;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mailhub.provider.SecretBox;

/**
 * Keeps this node's lease (see {@link NodeLease}) and takes over the work of nodes whose lease
 * expired: their claims are settled as after a crash (the call in flight in doubt, the rest back in
 * the queue), and their queued work, whose JMS messages may be in the dead node's own broker, gets
 * new messages. Every node looks, every step is conditional, so exactly one node takes each claim
 * and one requeues.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Heartbeat {

  private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());

  @Inject Node node;
  @Inject Leases leases;
  @Inject DispatchRecovery recovery;
  @Inject SecretBox secrets;

  @Resource TimerService timers;

  @Resource(lookup = "java:jboss/datasources/MailhubDS")
  DataSource dataSource;

  /** How long a node may go without beating before others take its claims over. */
  @Inject
  @ConfigProperty(name = "mailhub.cluster.lease", defaultValue = "PT60S")
  Duration lease;

  @Inject
  @ConfigProperty(name = "mailhub.cluster", defaultValue = "false")
  boolean cluster;

  private volatile long beatenAt;

  /** The fingerprint of this node's secret key, shown to the other nodes in the lease. */
  private String keyCheck;

  /**
   * Counts the times this node's lease lapsed (a beat came too late, or found the lease taken
   * over): a dispatch that claimed its chunk before a lapse must not make another call under that
   * claim, even once the lease holds again.
   */
  private volatile long lapses;

  /** Since when this node's beats have all succeeded (null while they fail). */
  private volatile Long heldSince;

  /** The takeover under way, so that beats go on meanwhile and never start a second one. */
  private Future<Void> takeover;

  /** When to look for the gone nodes' queued work once more, after a takeover (nanoTime). */
  private Long secondLookAt;

  @PostConstruct
  void start() {
    if (cluster) {
      refuseH2();
    }
    if (lease.compareTo(Duration.ofSeconds(6)) < 0) {
      throw new IllegalStateException("mailhub.cluster.lease must be at least PT6S, not " + lease);
    }
    // single servers that merely share a database (tests, a benchmark) may have keys of their own
    keyCheck = HexFormat.of().formatHex(secrets.derivedKey("mailhub key check"));
    List<String> otherKeys =
        leases.live(lease).stream()
            .filter(other -> !other.node().equals(node.name()) && other.keyDiffers(keyCheck))
            .map(NodeLease::node)
            .toList();
    if (cluster && !otherKeys.isEmpty()) {
      throw new IllegalStateException(
          "MAILHUB_SECRET_KEY is not the key of the running nodes "
              + otherKeys
              + ": every node of a cluster needs the same key, since each reads the provider"
              + " secrets the others saved");
    }
    long before = System.nanoTime();
    leases.beat(node.name(), node.boot(), keyCheck);
    beatenAt = before;
    heldSince = before;
    long every = interval().toMillis();
    timers.createIntervalTimer(every, every, new TimerConfig(null, false));
  }

  /** How often the lease is renewed: six times per lease. */
  public Duration interval() {
    return lease.dividedBy(6);
  }

  /**
   * Whether this node may start a provider call: its last beat is recent enough that no other node
   * can have taken its claims.
   */
  public boolean holds() {
    return NodeLease.fresh(Duration.ofNanos(System.nanoTime() - beatenAt), lease);
  }

  /** The lapses of this node's lease so far (see {@link #holds}). */
  public long lapses() {
    return lapses;
  }

  @Timeout
  void beat() {
    // the lease runs from the beat's start: the database's time is taken in its transaction
    long before = System.nanoTime();
    try {
      boolean renewed = leases.beat(node.name(), node.boot(), keyCheck);
      if (!renewed || !NodeLease.fresh(Duration.ofNanos(before - beatenAt), lease)) {
        lapses++;
        heldSince = before; // out of touch until now: judges the others a lease from now
        LOG.warning(
            renewed
                ? "This node's lease was renewed too late: the dispatches that were under way stop"
                : "This node's work was taken over by another node: its dispatches under way stop");
      }
      beatenAt = before;
      if (heldSince == null) {
        heldSince = before;
      }
    } catch (RuntimeException e) {
      heldSince = null;
      LOG.log(
          holds() ? Level.WARNING : Level.SEVERE,
          "Could not renew this node's lease"
              + (holds() ? "" : "; no provider call starts until it is renewed"),
          e);
      return;
    }
    // after an outage of the database every lease looks expired: only a node that has held its own
    // for a whole lease since may judge the others
    if (System.nanoTime() - heldSince < lease.toNanos()
        || (takeover != null && !takeover.isDone())) {
      return;
    }
    try {
      List<NodeLease> gone = leases.expired(node.name(), lease);
      if (!gone.isEmpty()) {
        takeover = recovery.takeOver(gone, lease);
        secondLookAt = System.nanoTime() + lease.toNanos();
      } else if (secondLookAt != null && System.nanoTime() - secondLookAt >= 0) {
        // messages the brokers still routed to a gone node just before they noticed it is gone
        secondLookAt = null;
        takeover = recovery.requeue(lease);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Could not look for nodes that are gone", e);
    }
  }

  /** The nodes whose lease holds, for operators. */
  public List<NodeLease> live() {
    return leases.live(lease);
  }

  private void refuseH2() {
    try (Connection connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName();
      if (!"PostgreSQL".equals(product)) {
        throw new IllegalStateException(
            "mailhub runs as a cluster node (standalone-full-ha.xml) but its database is "
                + product
                + ": the nodes of a cluster share one PostgreSQL database. Set MAILHUB_DB_URL,"
                + " MAILHUB_DB_USER and MAILHUB_DB_PASSWORD (README, Several nodes), or start a"
                + " single node with standalone-full.xml");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot reach the database", e);
    }
  }
}
