package org.mailhub.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailhub.campaign.CampaignStatus;

/** Dispatch chunks: the recipients still waiting to be sent. */
@ApplicationScoped
public class ChunkRepository {

  /** A campaign's waiting recipients by where they stand. */
  public record Waiting(long queued, long sending) {}

  @PersistenceContext EntityManager em;

  public void add(DispatchChunk chunk) {
    em.persist(chunk);
  }

  /** The chunk, locked until the transaction ends: one claim at a time. */
  public Optional<DispatchChunk> lock(long id) {
    return Optional.ofNullable(em.find(DispatchChunk.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  /**
   * The claims that hold these chunks, by chunk, locked until the transaction ends so that no
   * recovery (of another node too) settles them meanwhile.
   */
  public Map<Long, Integer> heldClaims(Collection<Long> chunkIds) {
    Map<Long, Integer> held = new HashMap<>();
    // plain SQL, so that the row lock is certainly taken (and the recipients are not read)
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, claims from dispatch_chunk where id in (:ids) and state = 'CLAIMED'"
                    + " for update")
            .setParameter("ids", chunkIds)
            .getResultList();
    rows.forEach(row -> held.put(((Number) row[0]).longValue(), ((Number) row[1]).intValue()));
    return held;
  }

  /** The chunks claimed by this node, by any of its starts. */
  public List<DispatchChunk> claimedBy(String node) {
    return em.createQuery(
            "select c from DispatchChunk c where c.state = :claimed and c.claimNode = :node",
            DispatchChunk.class)
        .setParameter("claimed", DispatchChunk.State.CLAIMED)
        .setParameter("node", node)
        .getResultList();
  }

  /** Queued chunks of sending campaigns that nothing touched since {@code before}. */
  public List<Long> queuedBefore(Instant before, int max) {
    return em.createQuery(
            "select c.id from DispatchChunk c, Campaign camp where camp.id = c.campaignId"
                + " and camp.status = :sending and c.state = :queued and c.updatedAt < :before",
            Long.class)
        .setParameter("sending", CampaignStatus.SENDING)
        .setParameter("queued", DispatchChunk.State.QUEUED)
        .setParameter("before", before)
        .setMaxResults(max)
        .getResultList();
  }

  /** Whether any recipient of the campaign still waits in a chunk. */
  public boolean pending(long campaignId) {
    return !em.createQuery(
            "select c.id from DispatchChunk c where c.campaignId = :campaign and c.state <> :done",
            Long.class)
        .setParameter("campaign", campaignId)
        .setParameter("done", DispatchChunk.State.DONE)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /**
   * The recipients of these campaigns that have no send record yet, by status as users see them:
   * those of queued chunks are QUEUED (or, once their campaign was cancelled or failed, CANCELLED
   * or FAILED: their records are written when their message comes up), those of claimed chunks
   * without a record yet SENDING.
   */
  public Map<Long, Map<SendStatus, Long>> waiting(Collection<Long> campaignIds) {
    Map<Long, Map<SendStatus, Long>> counts = new HashMap<>();
    if (campaignIds.isEmpty()) {
      return counts;
    }
    em.createQuery(
            "select c.campaignId, camp.status, sum(c.size) from DispatchChunk c, Campaign camp"
                + " where camp.id = c.campaignId and c.campaignId in :campaigns"
                + " and c.state = :queued group by c.campaignId, camp.status",
            Object[].class)
        .setParameter("campaigns", campaignIds)
        .setParameter("queued", DispatchChunk.State.QUEUED)
        .getResultList()
        .forEach(
            row -> add(counts, (Long) row[0], unsentAs((CampaignStatus) row[1]), (Long) row[2]));
    List<Object[]> claimed =
        em.createQuery(
                "select c.campaignId, c.id, c.size - c.moved from DispatchChunk c"
                    + " where c.campaignId in :campaigns and c.state = :claimed",
                Object[].class)
            .setParameter("campaigns", campaignIds)
            .setParameter("claimed", DispatchChunk.State.CLAIMED)
            .getResultList();
    if (!claimed.isEmpty()) {
      Map<Long, Long> recorded = new HashMap<>();
      // records of an earlier claim of a released chunk are no longer among its recipients
      em.createQuery(
              "select r.chunkId, count(r) from SendRecord r, DispatchChunk c"
                  + " where c.id = r.chunkId and r.chunkId in :chunks"
                  + " and r.createdAt >= c.claimedAt group by r.chunkId",
              Object[].class)
          .setParameter("chunks", claimed.stream().map(row -> (Long) row[1]).toList())
          .getResultList()
          .forEach(row -> recorded.put((Long) row[0], (Long) row[1]));
      for (Object[] row : claimed) {
        long left = ((Number) row[2]).longValue() - recorded.getOrDefault((Long) row[1], 0L);
        add(counts, (Long) row[0], SendStatus.SENDING, Math.max(0, left));
      }
    }
    return counts;
  }

  /** A recipient without a send record yet, as listings show it. */
  public record WaitingRecipient(
      Recipient recipient, SendStatus status, int attempts, String error, Instant updatedAt) {}

  /**
   * The campaign's recipients that have no send record yet, in chunk order, from {@code offset} on:
   * those of claimed chunks as SENDING, the others as {@link #unsentAs} their campaign.
   *
   * @param only when not null, only recipients shown with this status
   */
  public List<WaitingRecipient> waitingRecipients(
      long campaignId, CampaignStatus campaign, SendStatus only, long offset, int limit) {
    SendStatus unsent = unsentAs(campaign);
    List<WaitingRecipient> found = new ArrayList<>();
    long skip = offset;
    List<Object[]> open =
        em.createQuery(
                "select c.id, c.state, c.size from DispatchChunk c where c.campaignId = :campaign"
                    + " and c.state <> :done order by c.id",
                Object[].class)
            .setParameter("campaign", campaignId)
            .setParameter("done", DispatchChunk.State.DONE)
            .getResultList();
    for (Object[] row : open) {
      SendStatus shown = row[1] == DispatchChunk.State.CLAIMED ? SendStatus.SENDING : unsent;
      int size = (Integer) row[2];
      if ((only != null && only != shown) || found.size() >= limit) {
        continue;
      }
      if (shown != SendStatus.SENDING && skip >= size) {
        skip -= size; // a queued chunk's recipients are all waiting: no need to read them
        continue;
      }
      DispatchChunk chunk = em.find(DispatchChunk.class, (Long) row[0]);
      if (chunk == null || chunk.state() == DispatchChunk.State.DONE) {
        continue;
      }
      // of a claimed chunk, those whose call ended are listed by their record or retry chunk
      List<Recipient> recipients =
          chunk.state() == DispatchChunk.State.CLAIMED
              ? chunk.unsent(
                  new HashSet<>(
                      em.createQuery(
                              "select r.profileId from SendRecord r where r.chunkId = :chunk",
                              Long.class)
                          .setParameter("chunk", chunk.id())
                          .getResultList()))
              : chunk.recipients();
      for (Recipient r : recipients) {
        if (skip > 0) {
          skip--;
        } else if (found.size() < limit) {
          found.add(
              new WaitingRecipient(
                  r, shown, chunk.attempt() - 1, chunk.error(), chunk.updatedAt()));
        }
      }
    }
    return found;
  }

  /** What the recipients of a queued chunk become when their campaign is no longer sending. */
  static SendStatus unsentAs(CampaignStatus campaign) {
    return switch (campaign) {
      case CANCELLED -> SendStatus.CANCELLED;
      case SENDING, DRAFT -> SendStatus.QUEUED;
      default -> SendStatus.FAILED;
    };
  }

  private static void add(
      Map<Long, Map<SendStatus, Long>> counts, long campaign, SendStatus status, long n) {
    counts
        .computeIfAbsent(campaign, id -> new java.util.EnumMap<>(SendStatus.class))
        .merge(status, n, Long::sum);
  }
}
