package org.mailhub.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.mailhub.infrastructure.Paging;

@ApplicationScoped
public class ApiKeyRepository {

  @PersistenceContext EntityManager em;

  public Optional<ApiKey> find(long id) {
    return Optional.ofNullable(em.find(ApiKey.class, id));
  }

  /** The key whose secret has this hash, through the unique index. */
  public Optional<ApiKey> findBySecretHash(String secretHash) {
    return em.createQuery("select k from ApiKey k where k.secretHash = :hash", ApiKey.class)
        .setParameter("hash", secretHash)
        .getResultStream()
        .findFirst();
  }

  public boolean nameTaken(String name) {
    return em.createQuery("select count(k) from ApiKey k where k.nameKey = :key", Long.class)
            .setParameter("key", ApiKey.nameKey(name))
            .getSingleResult()
        > 0;
  }

  /** Newest first. */
  public List<ApiKey> page(int page, int size) {
    return em.createQuery(
            "select k from ApiKey k order by k.createdAt desc, k.id desc", ApiKey.class)
        .setFirstResult(Paging.offset(page, size))
        .setMaxResults(size)
        .getResultList();
  }

  public long count() {
    return em.createQuery("select count(k) from ApiKey k", Long.class).getSingleResult();
  }

  /**
   * Adds the key now, so that a name taken meanwhile fails here (the unique index) and not later.
   */
  public void add(ApiKey key) {
    em.persist(key);
    em.flush();
  }

  /** Writes a use of the key, unless it was revoked meanwhile; touches no other column. */
  public void recordUse(ApiKey key, java.time.Instant at) {
    em.createQuery(
            "update ApiKey k set k.lastUsedAt = :at where k.id = :id and k.revokedAt is null")
        .setParameter("at", at)
        .setParameter("id", key.id())
        .executeUpdate();
  }

  /** Writes the key's revocation, keeping the first one; touches no other column. */
  public void revoke(ApiKey key, java.time.Instant at) {
    em.createQuery("update ApiKey k set k.revokedAt = :at where k.id = :id and k.revokedAt is null")
        .setParameter("at", at)
        .setParameter("id", key.id())
        .executeUpdate();
  }
}
