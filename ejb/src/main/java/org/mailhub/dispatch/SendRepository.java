package org.mailhub.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Send records, moved from state to state by bulk updates guarded by their current state. */
@ApplicationScoped
public class SendRepository {

  /** A claimed recipient with what personalisation needs, and its attempts including this one. */
  public record Queued(long id, String email, String meta, String properties, int attempts) {}

  /**
   * Records looked up for callbacks are only read: Hibernate keeps no snapshot of them to compare
   * at commit.
   */
  private static final String READ_ONLY = "org.hibernate.readOnly";

  private static final String BEING_SENT =
      "((r.status = :queued and r.claim is not null) or r.status = :sending)";

  @PersistenceContext EntityManager em;

  public void add(SendRecord record) {
    em.persist(record);
  }

  /**
   * Claims the still-queued records among these for this claim and returns the ones it got, with
   * what personalisation needs. A claimed record keeps its status column ({@code QUEUED}, shown as
   * {@code SENDING}): the claim changes no indexed column, so it costs one row write.
   */
  public List<Queued> claim(Collection<Long> ids, long claim) {
    em.createQuery(
            "update SendRecord r set r.claim = :claim,"
                + " r.attempts = r.attempts + 1, r.updatedAt = :now"
                + " where r.id in :ids and r.status = :queued and r.claim is null")
        .setParameter("claim", claim)
        .setParameter("now", Instant.now())
        .setParameter("ids", ids)
        .setParameter("queued", SendStatus.QUEUED)
        .executeUpdate();
    return em.createQuery(
            "select new org.mailhub.dispatch.SendRepository$Queued(r.id, r.email, r.meta,"
                + " p.properties, r.attempts) from SendRecord r, Profile p"
                + " where p.id = r.profileId and r.id in :ids and r.claim = :claim order by r.id",
            Queued.class)
        .setParameter("ids", ids)
        .setParameter("claim", claim)
        .getResultList();
  }

  /** Ends records being sent; returns how many changed. */
  public int settle(Collection<Long> ids, SendStatus status, String messageId, String error) {
    return em.createQuery(
            "update SendRecord r set r.status = :status, r.messageId = :messageId,"
                + " r.error = :error, r.claim = null, r.updatedAt = :now"
                + " where r.id in :ids and r.status = :queued and r.claim is not null")
        .setParameter("status", status)
        .setParameter("messageId", messageId)
        .setParameter("error", error)
        .setParameter("now", Instant.now())
        .setParameter("ids", ids)
        .setParameter("queued", SendStatus.QUEUED)
        .executeUpdate();
  }

  /** Puts records claimed but never handed to the provider back in the queue, as they were. */
  public int release(Collection<Long> ids) {
    return em.createQuery(
            "update SendRecord r set r.claim = null,"
                + " r.attempts = r.attempts - 1, r.updatedAt = :now"
                + " where r.id in :ids and r.status = :queued and r.claim is not null")
        .setParameter("now", Instant.now())
        .setParameter("ids", ids)
        .setParameter("queued", SendStatus.QUEUED)
        .executeUpdate();
  }

  public List<Long> withAttemptsBelow(Collection<Long> ids, int attempts) {
    return em.createQuery(
            "select r.id from SendRecord r where r.id in :ids and r.attempts < :attempts",
            Long.class)
        .setParameter("ids", ids)
        .setParameter("attempts", attempts)
        .getResultList();
  }

  /**
   * Ends every still-queued record of the campaign (CANCELLED or FAILED); those being sent right
   * now are left to record their outcome.
   */
  public int endQueued(long campaignId, SendStatus status, String error) {
    return em.createQuery(
            "update SendRecord r set r.status = :status, r.error = :error, r.updatedAt = :now"
                + " where r.campaignId = :campaign and r.status = :queued and r.claim is null")
        .setParameter("status", status)
        .setParameter("error", error)
        .setParameter("now", Instant.now())
        .setParameter("campaign", campaignId)
        .setParameter("queued", SendStatus.QUEUED)
        .executeUpdate();
  }

  /**
   * The campaigns with records left being sent (claimed, or SENDING as versions before 0.1 stored
   * it) by a server that stopped before {@code before}.
   */
  public List<Long> interrupted(Instant before) {
    return em.createQuery(
            "select distinct r.campaignId from SendRecord r where "
                + BEING_SENT
                + " and r.updatedAt < :before",
            Long.class)
        .setParameter("queued", SendStatus.QUEUED)
        .setParameter("sending", SendStatus.SENDING)
        .setParameter("before", before)
        .getResultList();
  }

  public int failInterrupted(long campaignId, Instant before, String error) {
    return em.createQuery(
            "update SendRecord r set r.status = :failed, r.error = :error, r.claim = null,"
                + " r.updatedAt = :now where r.campaignId = :campaign and "
                + BEING_SENT
                + " and r.updatedAt < :before")
        .setParameter("failed", SendStatus.FAILED)
        .setParameter("error", error)
        .setParameter("now", Instant.now())
        .setParameter("campaign", campaignId)
        .setParameter("queued", SendStatus.QUEUED)
        .setParameter("sending", SendStatus.SENDING)
        .setParameter("before", before)
        .executeUpdate();
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
        .setParameter("ids", messageIds)
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
                + " and r.status = :sent order by r.id desc",
            SendRecord.class)
        .setParameter("provider", providerId)
        .setParameter(
            "emails", emails.stream().map(org.mailhub.profile.Profile::normalize).toList())
        .setParameter("sent", SendStatus.SENT)
        .setHint(READ_ONLY, true)
        .getResultList();
  }

  /** Whether any recipient of the campaign is still queued or being sent. */
  public boolean pending(long campaignId) {
    return !em.createQuery(
            "select r.id from SendRecord r where r.campaignId = :campaign and r.status in :pending",
            Long.class)
        .setParameter("campaign", campaignId)
        .setParameter("pending", List.of(SendStatus.QUEUED, SendStatus.SENDING))
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /** How many records of each campaign are in each status. */
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
        .forEach(
            row ->
                counts
                    .computeIfAbsent((Long) row[0], id -> new EnumMap<>(SendStatus.class))
                    .put((SendStatus) row[1], (Long) row[2]));
    return counts;
  }

  /**
   * How many records of the provider's campaigns are in each status. Counted per campaign, through
   * the campaign and status index: a campaign's records all go through the provider it was launched
   * with, so the records need no index of their own by provider and status, which every claim and
   * outcome would have to update.
   */
  public Map<SendStatus, Long> countsByProvider(long providerId) {
    List<Long> campaignIds =
        em.createQuery("select c.id from Campaign c where c.providerId = :provider", Long.class)
            .setParameter("provider", providerId)
            .getResultList();
    Map<SendStatus, Long> counts = new EnumMap<>(SendStatus.class);
    counts(campaignIds)
        .values()
        .forEach(
            perCampaign -> perCampaign.forEach((status, n) -> counts.merge(status, n, Long::sum)));
    return counts;
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

  public List<SendRecord> page(long campaignId, SendStatus status, int page, int size) {
    var query =
        em.createQuery(
                "select r from SendRecord r where r.campaignId = :campaign"
                    + (status == null ? "" : " and r.status = :status")
                    + (status == SendStatus.QUEUED ? " and r.claim is null" : "")
                    + (status == SendStatus.SENDING ? " and r.claim is not null" : "")
                    + " order by r.id",
                SendRecord.class)
            .setParameter("campaign", campaignId)
            .setFirstResult(page * size)
            .setMaxResults(size);
    if (status != null) {
      // a record being sent is stored QUEUED with a claim
      query.setParameter("status", status == SendStatus.SENDING ? SendStatus.QUEUED : status);
    }
    return query.getResultList();
  }
}
