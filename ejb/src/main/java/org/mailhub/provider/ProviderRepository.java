package org.mailhub.provider;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ProviderRepository {

  @PersistenceContext EntityManager em;

  public Optional<Provider> find(long id) {
    return Optional.ofNullable(em.find(Provider.class, id));
  }

  public Optional<Provider> findByNickname(String nickname) {
    return em.createQuery(
            "select p from Provider p where lower(p.nickname) = lower(:n)", Provider.class)
        .setParameter("n", nickname.strip())
        .getResultStream()
        .findFirst();
  }

  public Optional<Provider> findByCallbackToken(String token) {
    return em.createQuery("select p from Provider p where p.callbackToken = :t", Provider.class)
        .setParameter("t", token)
        .getResultStream()
        .findFirst();
  }

  /** The provider campaigns go through when they name none. */
  public Optional<Provider> findDefault() {
    return em.createQuery("select p from Provider p where p.defaultProvider = true", Provider.class)
        .getResultStream()
        .findFirst();
  }

  public List<Provider> list() {
    return em.createQuery("select p from Provider p order by lower(p.nickname)", Provider.class)
        .getResultList();
  }

  /** By nickname (then by id, for nicknames that differ only in case). */
  public List<Provider> page(int page, int size) {
    return em.createQuery(
            "select p from Provider p order by lower(p.nickname), p.id", Provider.class)
        .setFirstResult(org.mailhub.infrastructure.Paging.offset(page, size))
        .setMaxResults(size)
        .getResultList();
  }

  public long count() {
    return em.createQuery("select count(p) from Provider p", Long.class).getSingleResult();
  }

  /**
   * All providers, locked until the transaction ends: changes to the default flag are serialised so
   * that exactly one provider keeps it.
   */
  public List<Provider> lockAll() {
    return em.createQuery("select p from Provider p order by p.id", Provider.class)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
  }

  public void add(Provider provider) {
    em.persist(provider);
    em.flush();
  }

  public void remove(Provider provider) {
    em.remove(provider);
  }
}
