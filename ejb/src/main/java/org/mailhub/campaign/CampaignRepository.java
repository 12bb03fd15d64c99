package org.mailhub.campaign;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class CampaignRepository {

  @PersistenceContext EntityManager em;

  public Optional<Campaign> find(long id) {
    return Optional.ofNullable(em.find(Campaign.class, id));
  }

  /** The campaign, write-locked so that no concurrent counter update is lost. */
  /** The campaign's status alone, without loading its content. */
  public Optional<CampaignStatus> status(long id) {
    return em
        .createQuery("select c.status from Campaign c where c.id = :id", CampaignStatus.class)
        .setParameter("id", id)
        .getResultList()
        .stream()
        .findFirst();
  }

  public Optional<Campaign> lock(long id) {
    return Optional.ofNullable(em.find(Campaign.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  public List<Campaign> page(int page, int size) {
    return em.createQuery("select c from Campaign c order by c.id desc", Campaign.class)
        .setFirstResult(org.mailhub.infrastructure.Paging.offset(page, size))
        .setMaxResults(size)
        .getResultList();
  }

  public long count() {
    return em.createQuery("select count(c) from Campaign c", Long.class).getSingleResult();
  }

  /** The ids of the campaigns being sent. */
  public List<Long> sending() {
    return em.createQuery("select c.id from Campaign c where c.status = :s", Long.class)
        .setParameter("s", CampaignStatus.SENDING)
        .getResultList();
  }

  /**
   * Whether a sending campaign goes through the provider: its own, or one it failed over to (which
   * may no longer be anybody's backup).
   */
  public boolean anySendingThrough(long providerId) {
    return !em.createQuery(
            "select c.id from Campaign c where c.status = :s and (c.providerId = :p or exists"
                + " (select f.id from CampaignFailover f where f.campaignId = c.id"
                + " and f.toProviderId = :p))",
            Long.class)
        .setParameter("p", providerId)
        .setParameter("s", CampaignStatus.SENDING)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  public void add(Campaign campaign) {
    em.persist(campaign);
  }
}
