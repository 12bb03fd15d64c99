package org.mailhub.profile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ProfileRepository {

  @PersistenceContext EntityManager em;

  public List<Profile> findByEmails(Collection<String> emails) {
    return em.createQuery("select p from Profile p where p.email in :emails", Profile.class)
        .setParameter("emails", emails)
        .getResultList();
  }

  /** What the dispatch needs of a profile. */
  /** A profile an audience may reach, and whether its address is suppressed. */
  public record Candidate(long id, String email, String properties, boolean suppressed) {

    public Candidate(long id, String email, String properties, String suppression) {
      this(id, email, properties, suppression != null);
    }
  }

  /**
   * The next profiles after {@code cursor} by id, all of them or only those with these addresses,
   * each with its suppression looked up in the same query.
   */
  public List<Candidate> after(long cursor, List<String> emails, int limit) {
    String filter = emails == null ? "" : " and p.email in :emails";
    var query =
        em.createQuery(
                "select new org.mailhub.profile.ProfileRepository$Candidate(p.id, p.email,"
                    + " p.properties, s.email) from Profile p"
                    + " left join Suppression s on s.email = p.email where p.id > :cursor"
                    + filter
                    + " order by p.id",
                Candidate.class)
            .setParameter("cursor", cursor)
            .setMaxResults(limit);
    if (emails != null) {
      query.setParameter("emails", emails);
    }
    return query.getResultList();
  }

  public Optional<Profile> findByEmail(String email) {
    return findByEmails(List.of(Profile.normalize(email))).stream().findFirst();
  }

  public List<String> knownAmong(Collection<String> emails) {
    return em.createQuery("select p.email from Profile p where p.email in :emails", String.class)
        .setParameter("emails", emails)
        .getResultList();
  }

  /** Newest first; {@code search}, when not null, matches part of the address. */
  public List<Profile> page(String search, int page, int size) {
    return matching("select p from Profile p", search, " order by p.id desc", Profile.class)
        .setFirstResult(org.mailhub.infrastructure.Paging.offset(page, size))
        .setMaxResults(size)
        .getResultList();
  }

  public long count(String search) {
    return matching("select count(p) from Profile p", search, "", Long.class).getSingleResult();
  }

  private <T> TypedQuery<T> matching(String select, String search, String order, Class<T> type) {
    TypedQuery<T> query =
        em.createQuery(
            select + (search == null ? "" : " where p.email like :search") + order, type);
    if (search != null) {
      query.setParameter("search", "%" + Profile.normalize(search).replace("%", "") + "%");
    }
    return query;
  }

  public void add(Profile profile) {
    em.persist(profile);
  }
}
