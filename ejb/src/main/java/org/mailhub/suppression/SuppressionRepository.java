package org.mailhub.suppression;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class SuppressionRepository {

  @PersistenceContext EntityManager em;

  /** Which of these (normalised) addresses are suppressed: one query for a whole chunk. */
  public Optional<Suppression> find(String email) {
    return Optional.ofNullable(em.find(Suppression.class, email));
  }

  /** Newest first; {@code search} matches part of the address. */
  public List<Suppression> page(String search, SuppressionReason reason, int page, int size) {
    return filtered(
            "select s from Suppression s",
            search,
            reason,
            " order by s.createdAt desc, s.email",
            Suppression.class)
        .setFirstResult(org.mailhub.infrastructure.Paging.offset(page, size))
        .setMaxResults(size)
        .getResultList();
  }

  /** How many suppressions {@link #page} pages through with the same filters. */
  public long count(String search, SuppressionReason reason) {
    return filtered("select count(s) from Suppression s", search, reason, "", Long.class)
        .getSingleResult();
  }

  private <T> TypedQuery<T> filtered(
      String select, String search, SuppressionReason reason, String order, Class<T> type) {
    String where =
        (reason == null ? "" : " and s.reason = :reason")
            + (search == null ? "" : " and s.email like :search");
    TypedQuery<T> query = em.createQuery(select + " where 1 = 1" + where + order, type);
    if (reason != null) {
      query.setParameter("reason", reason);
    }
    if (search != null) {
      query.setParameter(
          "search", "%" + search.strip().toLowerCase(java.util.Locale.ROOT).replace("%", "") + "%");
    }
    return query;
  }

  public void add(Suppression suppression) {
    em.persist(suppression);
  }

  /** Keeps the first suppression of an address: a later reason does not replace it. */
  public void addIfAbsent(Suppression suppression) {
    if (em.find(Suppression.class, suppression.email()) == null) {
      em.persist(suppression);
    }
  }

  public void remove(Suppression suppression) {
    em.persist(new SuppressionAudit(suppression));
    em.remove(suppression);
  }

  /** Suppressions per reason that a campaign's or a provider's reports and sends made. */
  public Map<SuppressionReason, Long> countsByReason(String property, long id) {
    Map<SuppressionReason, Long> counts = new EnumMap<>(SuppressionReason.class);
    em.createQuery(
            "select s.reason, count(s) from Suppression s where s."
                + property
                + " = :id group by s.reason",
            Object[].class)
        .setParameter("id", id)
        .getResultList()
        .forEach(row -> counts.put((SuppressionReason) row[0], (Long) row[1]));
    return counts;
  }

  public long countByCampaign(long campaignId) {
    return em.createQuery("select count(s) from Suppression s where s.campaignId = :id", Long.class)
        .setParameter("id", campaignId)
        .getSingleResult();
  }

  /** Every suppression, oldest first, read a page at a time for exports of any size. */
  public void forEach(java.util.function.Consumer<Suppression> action) {
    int page = 0;
    List<Suppression> batch;
    do {
      batch =
          em.createQuery("select s from Suppression s order by s.email", Suppression.class)
              .setFirstResult(page++ * 1000)
              .setMaxResults(1000)
              .getResultList();
      batch.forEach(action);
      em.clear();
    } while (batch.size() == 1000);
  }
}
