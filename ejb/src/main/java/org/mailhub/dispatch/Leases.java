package org.mailhub.dispatch;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The nodes' leases, each write in a transaction of its own, timed by the database's clock so that
 * nodes whose clocks disagree still agree on who is gone.
 */
@Stateless
public class Leases {

  @PersistenceContext EntityManager em;

  /**
   * Renews this node's lease, creating it at the node's first start.
   *
   * @return false when there was no lease of this start to renew: it is the start's first beat, or
   *     another node took this one's work over meanwhile
   */
  public boolean beat(String node, long boot, String keyCheck) {
    Instant now = now();
    NodeLease lease = em.find(NodeLease.class, node, LockModeType.PESSIMISTIC_WRITE);
    if (lease == null) {
      em.persist(new NodeLease(node, boot, now, keyCheck));
      return false;
    }
    boolean renewed = lease.boot() == boot;
    lease.beat(boot, now, keyCheck);
    return renewed;
  }

  /** The other nodes whose lease has expired. */
  public List<NodeLease> expired(String self, Duration lease) {
    Instant now = now();
    return em
        .createQuery("select l from NodeLease l where l.node <> :self", NodeLease.class)
        .setParameter("self", self)
        .getResultList()
        .stream()
        .filter(l -> l.expired(now, lease))
        .toList();
  }

  /** The nodes whose lease holds now, this one included. */
  public List<NodeLease> live(Duration lease) {
    Instant now = now();
    return em
        .createQuery("select l from NodeLease l order by l.node", NodeLease.class)
        .getResultList()
        .stream()
        .filter(l -> !l.expired(now, lease))
        .toList();
  }

  /**
   * Ends the expired lease of a node whose claims were taken over, unless it beat meanwhile.
   *
   * @return whether this call ended it: exactly one node does, and it requeues the node's work
   */
  public boolean end(String node, Instant beatAt) {
    return em.createQuery("delete from NodeLease l where l.node = :node and l.beatAt = :beat")
            .setParameter("node", node)
            .setParameter("beat", beatAt)
            .executeUpdate()
        == 1;
  }

  private Instant now() {
    return databaseNow(em);
  }

  /** The database's time now: the one clock that every node sees alike. */
  static Instant databaseNow(EntityManager em) {
    Object now = em.createNativeQuery("select current_timestamp").getSingleResult();
    if (now instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (now instanceof java.time.OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (now instanceof Instant instant) {
      return instant;
    }
    throw new IllegalStateException("Unexpected database time " + now);
  }
}
