package org.mailhub.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Send records: written once each, when a recipient is skipped or its provider call ended; only a
 * recipient in doubt changes again, when its provider reports it.
 */
@ApplicationScoped
public class SendRepository {

  /** A claimed recipient with what personalisation needs. */
  public record Queued(Recipient recipient, String properties) {}

  /**
   * Records looked up for callbacks are only read: Hibernate keeps no snapshot of them to compare
   * at commit.
   */
  private static final String READ_ONLY = "org.hibernate.readOnly";

  @PersistenceContext EntityManager em;

  @Inject ChunkRepository chunks;
  @Inject FailoverRepository failovers;

  public void add(SendRecord record) {
    em.persist(record);
  }

  /** The profiles of the chunk that have their send record. */
  public Set<Long> recordedProfiles(long chunkId) {
    return new HashSet<>(
        em.createQuery("select r.profileId from SendRecord r where r.chunkId = :chunk", Long.class)
            .setParameter("chunk", chunkId)
            .getResultList());
  }

  /** The profiles' properties, for personalisation; deleted profiles are missing. */
  public Map<Long, String> properties(Collection<Long> profileIds) {
    Map<Long, String> properties = new HashMap<>();
    em.createQuery("select p.id, p.properties from Profile p where p.id in :ids", Object[].class)
        .setParameter("ids", profileIds)
        .getResultList()
        .forEach(row -> properties.put((Long) row[0], (String) row[1]));
    return properties;
  }

  /**
   * The provider reported events for these recipients: those in doubt were sent after all. The same
   * rule as {@link SendRecord#reportedByProvider()}, for many at once.
   */
  public int reported(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return 0;
    }
    return em.createQuery(
            "update SendRecord r set r.status = :sent, r.updatedAt = :now"
                + " where r.id in :ids and r.status = :inDoubt")
        .setParameter("sent", SendStatus.SENT)
        .setParameter("now", Instant.now())
        .setParameter("ids", ids)
        .setParameter("inDoubt", SendStatus.IN_DOUBT)
        .executeUpdate();
  }

  /**
   * Records that versions before 0.2 left in the queue (they wrote every recipient's record at
   * preparation): those claimed or SENDING then may have reached the provider.
   */
  public List<SendRecord> legacyWaiting(int max) {
    // only sending campaigns can have them, and their ids lead the campaign and status index
    List<Long> sending =
        em.createQuery("select c.id from Campaign c where c.status = :sending", Long.class)
            .setParameter("sending", org.mailhub.campaign.CampaignStatus.SENDING)
            .getResultList();
    if (sending.isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "select r from SendRecord r where r.campaignId in :campaigns and r.status in :waiting"
                + " order by r.id",
            SendRecord.class)
        .setParameter("campaigns", sending)
        .setParameter("waiting", List.of(SendStatus.QUEUED, SendStatus.SENDING))
        .setMaxResults(max)
        .getResultList();
  }

  /** Records that 0.1 had claimed end IN_DOUBT where they are. */
  public void legacyInDoubt(Collection<Long> ids, String error) {
    if (ids.isEmpty()) {
      return;
    }
    em.createQuery(
            "update SendRecord r set r.status = :inDoubt, r.error = :error, r.updatedAt = :now"
                + " where r.id in :ids")
        .setParameter("inDoubt", SendStatus.IN_DOUBT)
        .setParameter("error", error)
        .setParameter("now", Instant.now())
        .setParameter("ids", ids)
        .executeUpdate();
  }

  public void remove(SendRecord record) {
    em.remove(record);
  }

  public void flush() {
    em.flush();
  }

  public List<SendRecord> byMetas(Collection<String> metas) {
    if (metas.isEmpty()) {
      return List.of();
    }
    return em.createQuery("select r from SendRecord r where r.meta in :metas", SendRecord.class)
        .setParameter("metas", metas)
        .setHint(READ_ONLY, true)
        .getResultList();
  }

  public List<SendRecord> byMessageIds(long providerId, Collection<String> messageIds) {
    if (messageIds.isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "select r from SendRecord r where r.providerId = :provider and r.messageId in :ids",
            SendRecord.class)
        .setParameter("provider", providerId)
        .setParameter("ids", messageIds.stream().map(Texts::messageId).distinct().toList())
        .setHint(READ_ONLY, true)
        .getResultList();
  }

  /** The latest send to each of these addresses through the provider, newest first. */
  public List<SendRecord> latestByEmails(long providerId, Collection<String> emails) {
    if (emails.isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "select r from SendRecord r where r.providerId = :provider and r.email in :emails"
                + " and r.status in :sent order by r.id desc",
            SendRecord.class)
        .setParameter("provider", providerId)
        .setParameter(
            "emails", emails.stream().map(org.mailhub.profile.Profile::normalize).toList())
        .setParameter("sent", List.of(SendStatus.SENT, SendStatus.IN_DOUBT))
        .setHint(READ_ONLY, true)
        .getResultList();
  }

  /**
   * How many recipients of each campaign are in each status: their send records, and those still
   * waiting in dispatch chunks.
   */
  public Map<Long, Map<SendStatus, Long>> counts(Collection<Long> campaignIds) {
    Map<Long, Map<SendStatus, Long>> counts = new HashMap<>();
    if (campaignIds.isEmpty()) {
      return counts;
    }
    em.createQuery(
            "select r.campaignId, r.status, count(r) from SendRecord r"
                + " where r.campaignId in :campaigns group by r.campaignId, r.status",
            Object[].class)
        .setParameter("campaigns", campaignIds)
        .getResultList()
        .forEach(row -> put(counts, row));
    chunks
        .waiting(campaignIds)
        .forEach(
            (campaign, waiting) ->
                waiting.forEach(
                    (status, n) ->
                        counts
                            .computeIfAbsent(campaign, id -> new EnumMap<>(SendStatus.class))
                            .merge(status, n, Long::sum)));
    return counts;
  }

  /**
   * How many records of the provider's campaigns are in each status. Counted per campaign, through
   * the campaign and status index: a campaign's records go through the provider it was launched
   * with unless it failed over, so the records need no index of their own by provider and status,
   * which every claim and outcome would have to update. Only the records of campaigns that failed
   * over from or to the provider are counted by their provider.
   */
  public Map<SendStatus, Long> countsByProvider(long providerId) {
    List<Long> failedOver = failovers.campaignsThrough(providerId);
    List<Long> campaignIds =
        em
            .createQuery("select c.id from Campaign c where c.providerId = :provider", Long.class)
            .setParameter("provider", providerId)
            .getResultList()
            .stream()
            .filter(id -> !failedOver.contains(id))
            .toList();
    Map<SendStatus, Long> counts = new EnumMap<>(SendStatus.class);
    counts(campaignIds)
        .values()
        .forEach(
            perCampaign -> perCampaign.forEach((status, n) -> counts.merge(status, n, Long::sum)));
    for (Long campaignId : failedOver) {
      countsByProvider(campaignId, List.of(SendStatus.values()))
          .getOrDefault(providerId, Map.of())
          .forEach((status, n) -> counts.merge(status, n, Long::sum));
    }
    return counts;
  }

  /** How many of the campaign's records in these statuses each provider has, by provider. */
  public Map<Long, Map<SendStatus, Long>> countsByProvider(
      long campaignId, Collection<SendStatus> statuses) {
    Map<Long, Map<SendStatus, Long>> counts = new java.util.TreeMap<>();
    em.createQuery(
            "select r.providerId, r.status, count(r) from SendRecord r"
                + " where r.campaignId = :campaign and r.status in :statuses"
                + " group by r.providerId, r.status",
            Object[].class)
        .setParameter("campaign", campaignId)
        .setParameter("statuses", statuses)
        .getResultList()
        .forEach(row -> put(counts, row));
    return counts;
  }

  /** A row of (key, status, count) into counts by key and status. */
  private static void put(Map<Long, Map<SendStatus, Long>> counts, Object[] row) {
    counts
        .computeIfAbsent((Long) row[0], id -> new EnumMap<>(SendStatus.class))
        .put((SendStatus) row[1], (Long) row[2]);
  }

  /**
   * The campaign's records with ids above {@code afterId}, in id order: pages of a long export
   * without the cost of ever larger offsets.
   */
  public List<SendRecord> after(long campaignId, long afterId, int size) {
    return em.createQuery(
            "select r from SendRecord r where r.campaignId = :campaign and r.id > :after"
                + " order by r.id",
            SendRecord.class)
        .setParameter("campaign", campaignId)
        .setParameter("after", afterId)
        .setMaxResults(size)
        .getResultList();
  }

  /** How many send records the campaign has (with this status, when given). */
  public long countRecords(long campaignId, SendStatus status) {
    var query =
        em.createQuery(
            "select count(r) from SendRecord r where r.campaignId = :campaign"
                + (status == null ? "" : " and r.status = :status"),
            Long.class);
    query.setParameter("campaign", campaignId);
    if (status != null) {
      query.setParameter("status", status);
    }
    return query.getSingleResult();
  }

  public List<SendRecord> page(long campaignId, SendStatus status, int page, int size) {
    var query =
        em.createQuery(
                "select r from SendRecord r where r.campaignId = :campaign"
                    + (status == null ? "" : " and r.status = :status")
                    + " order by r.id",
                SendRecord.class)
            .setParameter("campaign", campaignId)
            .setFirstResult(org.mailhub.infrastructure.Paging.offset(page, size))
            .setMaxResults(size);
    if (status != null) {
      query.setParameter("status", status);
    }
    return query.getResultList();
  }
}
