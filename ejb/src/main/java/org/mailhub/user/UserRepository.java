package org.mailhub.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class UserRepository {

  @PersistenceContext EntityManager em;

  /**
   * The user with this name; a name no user can have (NUL, which PostgreSQL refuses even in a
   * query, anything over 100 characters) is nobody, without asking the database.
   */
  public Optional<User> find(String username) {
    if (User.usernameProblem(username) != null) {
      return Optional.empty();
    }
    return Optional.ofNullable(em.find(User.class, User.normalize(username)));
  }

  public List<User> list() {
    return em.createQuery("select u from User u order by u.username", User.class).getResultList();
  }

  public List<User> page(int page, int size) {
    return em.createQuery("select u from User u order by u.username", User.class)
        .setFirstResult(org.mailhub.infrastructure.Paging.offset(page, size))
        .setMaxResults(size)
        .getResultList();
  }

  /** Every user, locked until the transaction ends, so that two removals cannot both pass. */
  public List<User> lockAll() {
    return em.createQuery("select u from User u", User.class)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
  }

  public long count() {
    return em.createQuery("select count(u) from User u", Long.class).getSingleResult();
  }

  public void add(User user) {
    em.persist(user);
  }

  public void remove(User user) {
    em.remove(user);
  }
}
