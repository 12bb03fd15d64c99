package org.mailhub.callback;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mailhub.provider.ProviderType;

/**
 * The tokens of signed webhooks already taken, for {@link WebhookSignature}s whose ESP signs a
 * one-time token rather than the body (Mailgun). A token is claimed in a transaction of its own, so
 * that of two deliveries of one webhook at the same moment the database's unique key lets one
 * through and refuses the other as a replay, without failing the webhook's transaction; when the
 * webhook's own transaction then rolls back, the claim is released, so that the ESP's retry of it
 * is taken.
 */
@Stateless
public class WebhookTokens {

  private static final Logger LOG = Logger.getLogger(WebhookTokens.class.getName());

  /** How often one node deletes the tokens that no accepted webhook can carry any more. */
  private static final long PURGE_EVERY_MILLIS = 60_000;

  private static final AtomicLong LAST_PURGE = new AtomicLong();

  @PersistenceContext EntityManager em;

  @Resource TransactionSynchronizationRegistry registry;

  @Resource jakarta.ejb.SessionContext context;

  /**
   * Takes the token for a webhook signed at {@code signedAt}, released again if the caller's
   * transaction does not commit.
   *
   * @param oldest the oldest signing time still accepted: tokens signed before may be deleted
   * @return false when it was taken before (a replay)
   */
  public boolean claim(WebhookToken token, Instant oldest) {
    purgeNowAndThen(oldest);
    WebhookTokens tokens = self();
    if (!tokens.insert(token)) {
      return false;
    }
    if (registry.getTransactionKey() != null) {
      registry.registerInterposedSynchronization(
          new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
              if (status != Status.STATUS_COMMITTED) {
                release(tokens, token);
              }
            }
          });
    }
    return true;
  }

  /** In a transaction of its own: false when the token is there already. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean insert(WebhookToken token) {
    if (taken(token)) {
      return false;
    }
    try {
      em.persist(token);
      em.flush();
      return true;
    } catch (PersistenceException e) {
      if (uniqueViolation(e)) {
        // another delivery of the same webhook committed it first; this transaction only rolls back
        registry.setRollbackOnly();
        return false;
      }
      throw e;
    }
  }

  /** In a transaction of its own, after the webhook's transaction rolled back. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void delete(ProviderType type, String token) {
    em.createQuery("delete from WebhookToken t where t.providerType = :type and t.token = :token")
        .setParameter("type", type)
        .setParameter("token", token)
        .executeUpdate();
  }

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int purge(Instant oldest) {
    return em.createQuery("delete from WebhookToken t where t.signedAt < :oldest")
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

  private static void release(WebhookTokens tokens, WebhookToken token) {
    try {
      tokens.delete(token.providerType(), token.token());
    } catch (RuntimeException e) {
      // the ESP's retry of this webhook will be refused as a replay until the token is purged
      LOG.log(Level.WARNING, "Could not release a webhook token after a rollback", e);
    }
  }

  /** Deleting old tokens is housekeeping: it never fails a webhook. */
  private void purgeNowAndThen(Instant oldest) {
    long now = System.currentTimeMillis();
    long last = LAST_PURGE.get();
    if (now - last < PURGE_EVERY_MILLIS || !LAST_PURGE.compareAndSet(last, now)) {
      return;
    }
    try {
      self().purge(oldest);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Old webhook tokens not deleted this time", e);
    }
  }

  /** SQLSTATE 23505 (PostgreSQL, H2: unique violation), or any integrity violation of class 23. */
  static boolean uniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }
}
