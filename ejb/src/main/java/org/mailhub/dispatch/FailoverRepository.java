package org.mailhub.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The failovers of campaigns, in the order they happened. */
@ApplicationScoped
public class FailoverRepository {

  @PersistenceContext EntityManager em;

  public void add(CampaignFailover failover) {
    em.persist(failover);
  }

  public List<CampaignFailover> of(long campaignId) {
    return of(List.of(campaignId)).getOrDefault(campaignId, List.of());
  }

  /** The failovers of these campaigns, by campaign; those without any are absent. */
  public Map<Long, List<CampaignFailover>> of(Collection<Long> campaignIds) {
    Map<Long, List<CampaignFailover>> found = new HashMap<>();
    if (campaignIds.isEmpty()) {
      return found;
    }
    em.createQuery(
            "select f from CampaignFailover f where f.campaignId in :campaigns order by f.id",
            CampaignFailover.class)
        .setParameter("campaigns", campaignIds)
        .getResultList()
        .forEach(
            f -> found.computeIfAbsent(f.campaignId(), id -> new java.util.ArrayList<>()).add(f));
    return found;
  }

  /** The provider the campaign's latest failover went to, if it failed over. */
  public Optional<Long> current(long campaignId) {
    List<CampaignFailover> all = of(campaignId);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1).toProviderId());
  }

  /** The campaigns that failed over to the provider (or from it). */
  public List<Long> campaignsThrough(long providerId) {
    return em.createQuery(
            "select distinct f.campaignId from CampaignFailover f"
                + " where f.toProviderId = :provider or f.fromProviderId = :provider",
            Long.class)
        .setParameter("provider", providerId)
        .getResultList();
  }
}
