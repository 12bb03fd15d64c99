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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
  private final AtomicBoolean takingOver = new AtomicBoolean();

  @PostConstruct
  void start() {
    if (cluster) {
      refuseH2();
    }
    if (lease.compareTo(Duration.ofSeconds(6)) < 0) {
      throw new IllegalStateException("mailhub.cluster.lease must be at least PT6S, not " + lease);
    }
    leases.beat(node.name(), node.boot());
    beatenAt = System.nanoTime();
    long every = lease.dividedBy(6).toMillis();
    timers.createIntervalTimer(every, every, new TimerConfig(null, false));
  }

  /**
   * Whether this node may start a provider call: its last beat is recent enough that no other node
   * can have taken its claims.
   */
  public boolean holds() {
    return NodeLease.fresh(Duration.ofNanos(System.nanoTime() - beatenAt), lease);
  }

  @Timeout
  void beat() {
    try {
      leases.beat(node.name(), node.boot());
      beatenAt = System.nanoTime();
    } catch (RuntimeException e) {
      LOG.log(
          holds() ? Level.WARNING : Level.SEVERE,
          "Could not renew this node's lease"
              + (holds() ? "" : "; no provider call starts until it is renewed"),
          e);
      return;
    }
    if (takingOver.compareAndSet(false, true)) {
      try {
        for (NodeLease gone : leases.expired(node.name(), lease)) {
          recovery.takeOver(gone, lease);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "Could not take over the work of a node that is gone", e);
      } finally {
        takingOver.set(false);
      }
    }
  }

  /** The nodes whose lease holds, for operators. */
  public java.util.List<NodeLease> live() {
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
