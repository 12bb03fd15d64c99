package org.mailhub.campaign;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class CampaignRepository {

  @PersistenceContext EntityManager em;

  public Optional<Campaign> find(long id) {
    return Optional.ofNullable(em.find(Campaign.class, id));
  }

  /** The campaign, write-locked so that no concurrent counter update is lost. */
  public Optional<Campaign> lock(long id) {
    return Optional.ofNullable(em.find(Campaign.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  public List<Campaign> page(int page, int size) {
    return em.createQuery("select c from Campaign c order by c.id desc", Campaign.class)
        .setFirstResult(page * size)
        .setMaxResults(size)
        .getResultList();
  }

  public boolean anySendingThrough(long providerId) {
    return !em.createQuery(
            "select c.id from Campaign c where c.providerId = :p and c.status = :s", Long.class)
        .setParameter("p", providerId)
        .setParameter("s", CampaignStatus.SENDING)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  public void add(Campaign campaign) {
    em.persist(campaign);
  }

  /** Counts moved by the dispatch, without loading the campaign. */
  public void count(long id, long sent, long failed) {
    em.createQuery(
            "update Campaign c set c.sent = c.sent + :sent, c.failed = c.failed + :failed,"
                + " c.queued = c.queued - :done where c.id = :id")
        .setParameter("sent", sent)
        .setParameter("failed", failed)
        .setParameter("done", sent + failed)
        .setParameter("id", id)
        .executeUpdate();
  }

  /** Ends a sending campaign once every recipient is prepared and final. */
  public void finishIfDone(long id) {
    em.createQuery(
            "update Campaign c set c.status = :failed, c.finishedAt = :now"
                + " where c.id = :id and c.status = :sending and c.prepared = true and c.queued = 0"
                + " and c.sent = 0 and c.failed > 0")
        .setParameter("failed", CampaignStatus.FAILED)
        .setParameter("now", Instant.now())
        .setParameter("sending", CampaignStatus.SENDING)
        .setParameter("id", id)
        .executeUpdate();
    em.createQuery(
            "update Campaign c set c.status = :sent, c.finishedAt = :now"
                + " where c.id = :id and c.status = :sending and c.prepared = true and c.queued = 0")
        .setParameter("sent", CampaignStatus.SENT)
        .setParameter("now", Instant.now())
        .setParameter("sending", CampaignStatus.SENDING)
        .setParameter("id", id)
        .executeUpdate();
  }
}
