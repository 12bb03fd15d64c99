package org.mailhub.callback;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mailhub.provider.ProviderType;

/**
 * The tokens of signed webhooks already taken, for {@link WebhookSignature}s whose ESP signs a
 * one-time token rather than the body (Mailgun). A token is taken in the webhook's own transaction:
 * when that rolls back (or the node dies before it commits), the token was never taken and the
 * ESP's retry is accepted; of two deliveries of one webhook at the same moment, the database's
 * unique key makes the second wait for the first and refuses it as a replay once the first commits.
 */
@Stateless
public class WebhookTokens {

  private static final Logger LOG = Logger.getLogger(WebhookTokens.class.getName());

  /** How often one node deletes the tokens that no accepted webhook can carry any more. */
  private static final long PURGE_EVERY_MILLIS = 60_000;

  private static final AtomicLong LAST_PURGE = new AtomicLong();

  @PersistenceContext EntityManager em;

  @Resource jakarta.ejb.SessionContext context;

  /**
   * Takes the token for a webhook signed at {@code signedAt}, in the caller's transaction.
   *
   * @param oldest the oldest signing time still accepted: tokens of this type signed before may be
   *     deleted
   * @return false when it was taken before (a replay); the caller's transaction then rolls back
   */
  public boolean claim(WebhookToken token, Instant oldest) {
    purgeNowAndThen(token.providerType(), oldest);
    if (taken(token)) {
      return false;
    }
    try {
      em.persist(token);
      em.flush();
      return true;
    } catch (PersistenceException e) {
      if (uniqueViolation(e)) {
        // another delivery of the same webhook committed it first
        context.setRollbackOnly();
        return false;
      }
      throw e;
    }
  }

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int purge(ProviderType type, Instant oldest) {
    return em.createQuery(
            "delete from WebhookToken t where t.providerType = :type and t.signedAt < :oldest")
        .setParameter("type", type)
        .setParameter("oldest", oldest)
        .executeUpdate();
  }

  /** This bean through the container, so that its transaction attributes apply. */
  private WebhookTokens self() {
    return context.getBusinessObject(WebhookTokens.class);
  }

  private boolean taken(WebhookToken token) {
    return !em.createQuery(
            "select t.id from WebhookToken t where t.providerType = :type and t.token = :token",
            Long.class)
        .setParameter("type", token.providerType())
        .setParameter("token", token.token())
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /** Deleting old tokens is housekeeping: it never fails a webhook. */
  private void purgeNowAndThen(ProviderType type, Instant oldest) {
    long now = System.currentTimeMillis();
    long last = LAST_PURGE.get();
    if (now - last < PURGE_EVERY_MILLIS || !LAST_PURGE.compareAndSet(last, now)) {
      return;
    }
    try {
      self().purge(type, oldest);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Old webhook tokens not deleted this time", e);
    }
  }

  /**
   * SQLSTATE 23505 (PostgreSQL, H2: unique violation), any integrity violation of class 23, or H2's
   * 90131 (a concurrent transaction inserted the same key and then committed).
   */
  static boolean uniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("23") || sql.getSQLState().equals("90131"))) {
        return true;
      }
    }
    return false;
  }
}
