package org.mailhub.suppression;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@ApplicationScoped
public class SuppressionRepository {

  @PersistenceContext EntityManager em;

  /** Which of these (normalised) addresses are suppressed: one query for a whole chunk. */
  public Set<String> suppressedAmong(Collection<String> emails) {
    if (emails.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        em.createQuery("select s.email from Suppression s where s.email in :emails", String.class)
            .setParameter("emails", emails)
            .getResultList());
  }

  public Optional<Suppression> find(String email) {
    return Optional.ofNullable(em.find(Suppression.class, email));
  }

  public List<Suppression> page(SuppressionReason reason, int page, int size) {
    var query =
        em.createQuery(
                "select s from Suppression s"
                    + (reason == null ? "" : " where s.reason = :reason")
                    + " order by s.createdAt desc, s.email",
                Suppression.class)
            .setFirstResult(page * size)
            .setMaxResults(size);
    if (reason != null) {
      query.setParameter("reason", reason);
    }
    return query.getResultList();
  }

  public void add(Suppression suppression) {
    em.persist(suppression);
  }
}
