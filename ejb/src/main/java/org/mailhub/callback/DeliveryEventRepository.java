package org.mailhub.callback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

@ApplicationScoped
public class DeliveryEventRepository {

  /** The reports that an email failed (the documents' "Notification Failed"). */
  private static final List<DeliveryEventType> FAILURES =
      Arrays.stream(DeliveryEventType.values()).filter(DeliveryEventType::isFailure).toList();

  @PersistenceContext EntityManager em;

  public void add(DeliveryEvent event) {
    em.persist(event);
  }

  public Set<String> existingKeys(Collection<String> keys) {
    if (keys.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        em.createQuery("select e.key from DeliveryEvent e where e.key in :keys", String.class)
            .setParameter("keys", keys)
            .getResultList());
  }

  /**
   * The latest event reported about each of these sends (by when it happened, then by arrival);
   * sends without events are absent.
   */
  public Map<Long, DeliveryEventType> latestTypes(Collection<Long> sendIds) {
    Map<Long, DeliveryEventType> latest = new HashMap<>();
    if (sendIds.isEmpty()) {
      return latest;
    }
    em.createQuery(
            "select e.sendId, e.type from DeliveryEvent e where e.sendId in :sends"
                + " order by e.occurredAt, e.id",
            Object[].class)
        .setParameter("sends", sendIds)
        .getResultList()
        .forEach(row -> latest.put((Long) row[0], (DeliveryEventType) row[1]));
    return latest;
  }

  /** The types of an address's latest events of these types, the newest first. */
  public List<DeliveryEventType> latestOfTypes(
      String email, Collection<DeliveryEventType> types, int limit) {
    return em.createQuery(
            "select e.type from DeliveryEvent e where e.email = :email and e.type in :types"
                + " order by e.occurredAt desc, e.id desc",
            DeliveryEventType.class)
        .setParameter("email", email)
        .setParameter("types", types)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Events per type, of a campaign or of a provider. */
  public Map<DeliveryEventType, Long> countsByType(String property, long id) {
    Map<DeliveryEventType, Long> counts = new EnumMap<>(DeliveryEventType.class);
    em.createQuery(
            "select e.type, count(e) from DeliveryEvent e where e."
                + property
                + " = :id group by e.type",
            Object[].class)
        .setParameter("id", id)
        .getResultList()
        .forEach(row -> counts.put((DeliveryEventType) row[0], (Long) row[1]));
    return counts;
  }

  /**
   * The description of the latest failure reported about each of these sends (null when the ESP
   * gave none); sends without reported failures are absent.
   */
  public Map<Long, String> latestFailureDescriptions(Collection<Long> sendIds) {
    Map<Long, String> latest = new HashMap<>();
    if (sendIds.isEmpty()) {
      return latest;
    }
    em.createQuery(
            "select e.sendId, e.description from DeliveryEvent e where e.sendId in :sends"
                + " and e.type in :failures order by e.occurredAt, e.id",
            Object[].class)
        .setParameter("sends", sendIds)
        .setParameter("failures", FAILURES)
        .getResultList()
        .forEach(row -> latest.put((Long) row[0], (String) row[1]));
    return latest;
  }

  /** How many failures were reported about each campaign's emails; campaigns without are absent. */
  public Map<Long, Long> failureCounts(Collection<Long> campaignIds) {
    Map<Long, Long> counts = new HashMap<>();
    if (campaignIds.isEmpty()) {
      return counts;
    }
    em.createQuery(
            "select e.campaignId, count(e) from DeliveryEvent e where e.campaignId in :campaigns"
                + " and e.type in :failures group by e.campaignId",
            Object[].class)
        .setParameter("campaigns", campaignIds)
        .setParameter("failures", FAILURES)
        .getResultList()
        .forEach(row -> counts.put((Long) row[0], (Long) row[1]));
    return counts;
  }

  /** The failures reported about a campaign's emails, in the order they arrived, from an offset. */
  public List<DeliveryEvent> failures(long campaignId, long offset, int size) {
    return em.createQuery(
            "select e from DeliveryEvent e where e.campaignId = :campaign and e.type in :failures"
                + " order by e.id",
            DeliveryEvent.class)
        .setParameter("campaign", campaignId)
        .setParameter("failures", FAILURES)
        .setFirstResult((int) Math.min(offset, Integer.MAX_VALUE))
        .setMaxResults(size)
        .getResultList();
  }
}
