package org.mailhub.dispatch;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.Optional;
import org.mailhub.provider.Provider;
import org.mailhub.provider.RateLimit;

/**
 * The providers' paces, each write a short transaction of its own with the provider's row locked:
 * every dispatch session of every node that sends through a limited provider passes here once per
 * call.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class Paces {

  @PersistenceContext EntityManager em;

  /** Reserves a slot for a call of {@code recipients}, if it comes within {@code patience}. */
  public ProviderPace.Reservation reserve(
      long providerId, RateLimit limit, int recipients, Duration patience) {
    return locked(providerId).reserve(Leases.databaseNow(em), recipients, limit, patience);
  }

  /** No call to the provider starts before {@code pause} from now, on any node. */
  public void pause(long providerId, Duration pause) {
    locked(providerId).pause(Leases.databaseNow(em), pause);
  }

  /** How long until the provider may be called again (a pause), read without a lock. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Duration pausedFor(long providerId) {
    ProviderPace pace = em.find(ProviderPace.class, providerId);
    return pace == null ? Duration.ZERO : pace.pausedFor(Leases.databaseNow(em));
  }

  /** The provider's pace as it stands, for estimates; none before its first limited call. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<ProviderPace> find(long providerId) {
    return Optional.ofNullable(em.find(ProviderPace.class, providerId));
  }

  /**
   * The provider's row, locked until the transaction ends; made at the first call, under the
   * provider's own lock, so that sessions and nodes making it at once wait for the first one rather
   * than fail on its key.
   */
  private ProviderPace locked(long providerId) {
    ProviderPace pace = em.find(ProviderPace.class, providerId, LockModeType.PESSIMISTIC_WRITE);
    if (pace != null) {
      return pace;
    }
    em.find(Provider.class, providerId, LockModeType.PESSIMISTIC_WRITE);
    pace = em.find(ProviderPace.class, providerId, LockModeType.PESSIMISTIC_WRITE);
    if (pace == null) {
      pace = new ProviderPace(providerId);
      em.persist(pace);
      em.flush();
    }
    return pace;
  }
}
