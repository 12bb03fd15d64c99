package org.mailhub.dispatch;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;
import org.mailhub.campaign.Campaign;
import org.mailhub.campaign.CampaignRepository;
import org.mailhub.campaign.CampaignStatus;
import org.mailhub.provider.Backups;
import org.mailhub.provider.Provider;
import org.mailhub.provider.ProviderRepository;

/**
 * The transactions of sending, each committed on its own: the claim of a chunk before any provider
 * call, the records of each call before the next call starts, and the end of the chunk. So a
 * recipient handed to a provider is never handed again, and after a crash exactly the call that was
 * in flight is in doubt.
 */
@Stateless
public class Ledger {

  private static final Logger LOG = Logger.getLogger(Ledger.class.getName());

  /** A campaign and its provider as they were when a chunk was picked up. */
  public record Job(Campaign campaign, Provider provider) {}

  /** A claimed chunk: its recipients in order, with their profiles' properties. */
  public record Claimed(DispatchChunk chunk, List<SendRepository.Queued> recipients) {}

  /** What one provider call did to the recipients it carried. */
  public sealed interface CallResult {
    /** Accepted, with the provider's message id. */
    record Sent(String messageId) implements CallResult {}

    /**
     * Refused for good, or mailhub could not make the call; {@code addressRejected} when the
     * refusal was of the recipient's address (an SMTP 5.1.x), which suppresses it.
     */
    record Failed(String error, boolean addressRejected, boolean authentication)
        implements CallResult {
      public Failed(String error) {
        this(error, false, false);
      }

      public Failed(String error, boolean addressRejected) {
        this(error, addressRejected, false);
      }
    }

    /** The call may have reached the provider, but no answer says what it did. */
    record InDoubt(String error) implements CallResult {}

    /**
     * A failure that may heal: the call is made again later. {@code movable} is false when the
     * answer came from a gateway in front of the provider that gave up waiting for it (502, 504):
     * the provider may have taken the emails, so they may be tried again there but never moved to
     * another provider.
     */
    record Retry(String error, Duration delay, boolean movable) implements CallResult {

      public Retry(String error, Duration delay) {
        this(error, delay, true);
      }
    }

    /**
     * The provider did not take the emails (a refusal that may heal, past its attempts, or of
     * mailhub's credentials): they go to its backup, {@code toProviderId}, and so does the rest of
     * the campaign (see {@link Failover}).
     */
    record FailOver(String error, long toProviderId, boolean authentication)
        implements CallResult {}
  }

  @Inject SendRepository sends;
  @Inject ChunkRepository chunks;
  @Inject CampaignRepository campaigns;
  @Inject ProviderRepository providers;
  @Inject Messages messages;
  @Inject Event<AddressRejected> addressRejected;
  @Inject FailoverRepository failovers;

  /**
   * The campaign with the provider it is sent through now: its own, or the one it failed over to.
   */
  public Job job(long campaignId) {
    Campaign campaign = campaigns.find(campaignId).orElse(null);
    if (campaign == null || campaign.providerId() == null) {
      return null;
    }
    long current = failovers.current(campaignId).orElse(campaign.providerId());
    return new Job(campaign, providers.find(current).orElse(null));
  }

  /** The providers that take over from this one, in order (see {@link Backups#chain}). */
  public List<Provider> backups(long providerId) {
    Map<Long, Provider> all = new java.util.HashMap<>();
    Map<Long, Long> links = new java.util.HashMap<>();
    for (Provider provider : providers.list()) {
      all.put(provider.id(), provider);
      if (provider.backupProviderId() != null) {
        links.put(provider.id(), provider.backupProviderId());
      }
    }
    return Backups.chain(providerId, links).stream()
        .map(all::get)
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  /**
   * Moves the campaign from provider {@code from} to {@code to}, unless it moved on already
   * (another dispatch of it got there first): the campaign's recipients not handed to a provider
   * yet go through {@code to} from now on.
   *
   * @return the provider the campaign goes through now: {@code to}, or the one another dispatch
   *     moved it to
   */
  public long failOver(long campaignId, long from, long to, String reason, boolean authentication) {
    Campaign campaign = campaigns.lock(campaignId).orElse(null);
    if (campaign == null || campaign.providerId() == null) {
      return to;
    }
    long current = failovers.current(campaignId).orElse(campaign.providerId());
    if (current != from) {
      return current; // another dispatch moved the campaign on first
    }
    failovers.add(new CampaignFailover(campaignId, from, to, reason, authentication));
    LOG.warning(
        "Campaign "
            + campaignId
            + " fails over from provider "
            + from
            + " to provider "
            + to
            + ": "
            + reason);
    return to;
  }

  /** The campaign's status now: it may have been cancelled or failed while a chunk was sent. */
  public CampaignStatus status(long campaignId) {
    return campaigns.status(campaignId).orElse(CampaignStatus.CANCELLED);
  }

  /**
   * Claims the chunk for this node's start when it is still queued, with the order of its provider
   * calls that {@code plan} makes from its recipients (positions in the list it is given).
   *
   * @return null when the chunk is gone, claimed or done already (a message delivered twice)
   */
  public Claimed claim(
      long chunkId,
      Node node,
      long providerId,
      Function<List<SendRepository.Queued>, List<List<Integer>>> plan) {
    DispatchChunk chunk = chunks.lock(chunkId).orElse(null);
    if (chunk == null || chunk.state() != DispatchChunk.State.QUEUED) {
      return null;
    }
    List<Recipient> recipients = chunk.recipients();
    Map<Long, String> properties =
        sends.properties(recipients.stream().map(Recipient::profileId).toList());
    List<SendRepository.Queued> queued =
        recipients.stream()
            .map(r -> new SendRepository.Queued(r, properties.getOrDefault(r.profileId(), "{}")))
            .toList();
    chunk.claim(node.name(), node.boot(), providerId, plan.apply(queued), Instant.now());
    return new Claimed(chunk, queued);
  }

  /**
   * Records what the provider call at {@code index} of the chunk did, before the next call starts.
   * Recipients the provider refused in a way that may heal move to a new chunk sent again later,
   * while they have attempts left.
   */
  /** One provider call's outcome, to be recorded. */
  public record Call(
      DispatchChunk chunk,
      long providerId,
      int index,
      List<Recipient> carried,
      CallResult result,
      int maxAttempts) {}

  /**
   * Records the outcomes of several dispatches' calls in one transaction (see {@link Recorder}).
   */
  public void recordAll(List<Call> calls) {
    // a node that lost its lease may find its claims taken over by another node: its outcomes are
    // then not written (the other node recorded the call in doubt), and its dispatch stops
    Map<Long, Integer> held =
        chunks.heldClaims(calls.stream().map(call -> call.chunk().id()).distinct().toList());
    for (Call call : calls) {
      if (!Integer.valueOf(call.chunk().claims()).equals(held.get(call.chunk().id()))) {
        throw new ClaimLost(call.chunk().id(), call.chunk().claims());
      }
    }
    for (Call call : calls) {
      record(
          call.chunk(),
          call.providerId(),
          call.index(),
          call.carried(),
          call.result(),
          call.maxAttempts());
    }
  }

  public void record(
      DispatchChunk chunk,
      long providerId,
      int index,
      List<Recipient> carried,
      CallResult result,
      int maxAttempts) {
    // checked against the chunk by recordAll, with one lock for all the calls it records
    if (result instanceof CallResult.Sent sent) {
      end(chunk, providerId, carried, SendStatus.SENT, sent.messageId(), null);
    } else if (result instanceof CallResult.Failed failed) {
      end(chunk, providerId, carried, SendStatus.FAILED, null, failed.error());
      if (failed.addressRejected()) {
        carried.forEach(
            r ->
                addressRejected.fire(
                    new AddressRejected(
                        providerId, chunk.campaignId(), r.email(), failed.error())));
      }
    } else if (result instanceof CallResult.InDoubt doubt) {
      end(chunk, providerId, carried, SendStatus.IN_DOUBT, null, doubt.error());
    } else if (result instanceof CallResult.Retry retry) {
      if (chunk.attempt() >= maxAttempts) {
        end(chunk, providerId, carried, SendStatus.FAILED, null, retry.error());
      } else {
        DispatchChunk again =
            new DispatchChunk(chunk.campaignId(), carried, chunk.attempt() + 1, retry.error());
        chunks.add(again);
        held(chunk.id(), chunk.claims()).movedToRetry(index, carried.size());
        messages.dispatch(chunk.campaignId(), again.id(), retry.delay());
      }
    } else if (result instanceof CallResult.FailOver over) {
      // a new provider: the recipients' attempts start again there
      DispatchChunk again = new DispatchChunk(chunk.campaignId(), carried, 1, over.error());
      chunks.add(again);
      held(chunk.id(), chunk.claims()).movedToRetry(index, carried.size());
      failOver(
          chunk.campaignId(), providerId, over.toProviderId(), over.error(), over.authentication());
      messages.dispatch(chunk.campaignId(), again.id(), Duration.ZERO);
    }
  }

  private void end(
      DispatchChunk chunk,
      long providerId,
      List<Recipient> recipients,
      SendStatus status,
      String messageId,
      String error) {
    for (Recipient recipient : recipients) {
      sends.add(SendRecord.ended(chunk, providerId, recipient, status, messageId, error));
    }
  }

  /**
   * Queues recipients that no call carried yet in chunks of {@code perChunk}, each with its
   * message, in the caller's transaction.
   */
  public void queue(long campaignId, List<Recipient> recipients, int perChunk) {
    for (int from = 0; from < recipients.size(); from += perChunk) {
      DispatchChunk chunk =
          new DispatchChunk(
              campaignId,
              recipients.subList(from, Math.min(from + perChunk, recipients.size())),
              1,
              null);
      chunks.add(chunk);
      messages.dispatch(campaignId, chunk.id(), Duration.ZERO);
    }
  }

  /**
   * Gives a queued chunk untouched since {@code before} a new message, and notes when: when several
   * nodes look, one sends it.
   */
  public void resend(long chunkId, Instant before) {
    DispatchChunk chunk = chunks.lock(chunkId).orElse(null);
    if (chunk != null
        && chunk.state() == DispatchChunk.State.QUEUED
        && chunk.updatedAt().isBefore(before)) {
      chunk.touch();
      messages.dispatch(chunk.campaignId(), chunkId, Duration.ZERO);
    }
  }

  /**
   * Asks again for the preparation of a sending campaign's audience and for the check whether it is
   * done (after a node that may have held these messages is gone; a second message is harmless).
   */
  public void remind(long campaignId) {
    Campaign campaign = campaigns.find(campaignId).orElse(null);
    if (campaign != null && campaign.status() == CampaignStatus.SENDING) {
      if (!campaign.isPrepared()) {
        messages.prepare(campaignId);
      }
      messages.check(campaignId);
    }
  }

  /** Sends the chunk's message again after {@code delay}, leaving the chunk as it is. */
  public void postpone(long campaignId, long chunkId, Duration delay) {
    messages.dispatch(campaignId, chunkId, delay);
  }

  /**
   * The chunk under this claim, locked.
   *
   * @throws ClaimLost when the claim no longer holds it
   */
  private DispatchChunk held(long chunkId, int claim) {
    DispatchChunk chunk = chunks.lock(chunkId).orElse(null);
    if (chunk == null || !chunk.isHeldBy(claim)) {
      throw new ClaimLost(chunkId, claim);
    }
    return chunk;
  }

  /**
   * A dispatch's claim was settled by someone else (another node took it over): it must write and
   * send nothing more. An application exception, so that it reaches the dispatch as itself.
   */
  @jakarta.ejb.ApplicationException(rollback = true)
  public static class ClaimLost extends RuntimeException {
    ClaimLost(long chunkId, int claim) {
      super("claim " + claim + " of chunk " + chunkId + " no longer holds it");
    }
  }

  /** Every call of the chunk was made and recorded. */
  public void done(DispatchChunk claimed) {
    held(claimed.id(), claimed.claims()).done();
  }

  /**
   * Puts recipients that no call carried back in the queue (a graceful stop, an open breaker), to
   * be sent again after {@code delay}.
   */
  public void release(DispatchChunk claimed, List<Recipient> notStarted, Duration delay) {
    DispatchChunk chunk = held(claimed.id(), claimed.claims());
    chunk.release(notStarted);
    if (chunk.state() == DispatchChunk.State.QUEUED) {
      messages.dispatch(chunk.campaignId(), chunk.id(), delay);
    }
  }

  /**
   * Ends recipients that no call carried because their campaign ended meanwhile: CANCELLED, or
   * FAILED with the reason.
   */
  public void endUnsent(
      DispatchChunk claimed,
      long providerId,
      List<Recipient> unsent,
      SendStatus status,
      String error) {
    DispatchChunk chunk = held(claimed.id(), claimed.claims());
    end(chunk, providerId, unsent, status, null, error);
    chunk.done();
  }

  /**
   * Ends a queued chunk of a campaign that is no longer sending, without calling anyone.
   *
   * @return whether the chunk was still queued
   */
  public boolean endQueued(long chunkId, long providerId, SendStatus status, String error) {
    DispatchChunk chunk = chunks.lock(chunkId).orElse(null);
    if (chunk == null || chunk.state() != DispatchChunk.State.QUEUED) {
      return false;
    }
    end(chunk, providerId, chunk.recipients(), status, null, error);
    chunk.done();
    return true;
  }

  /**
   * Settles a chunk whose claim outlived its dispatch (the server stopped, or its records could not
   * be written): the call that was in flight ends IN_DOUBT, the recipients of the calls that never
   * started go back to the queue.
   *
   * @return how many recipients were found in doubt
   */
  public int recover(long chunkId, int claim, String node, long boot) {
    DispatchChunk chunk = chunks.lock(chunkId).orElse(null);
    if (chunk == null || !chunk.isHeldBy(claim) || !chunk.isClaimedBy(node, boot)) {
      return 0; // settled meanwhile (by another node too), or claimed again
    }
    Long providerId = campaigns.find(chunk.campaignId()).map(Campaign::providerId).orElse(null);
    if (providerId != null && chunk.claimProviderId() != null) {
      providerId = chunk.claimProviderId(); // the call in flight went there (a backup, perhaps)
    }
    if (providerId == null) {
      chunk.done(); // the campaign is gone
      return 0;
    }
    DispatchChunk.Stranded stranded = chunk.stranded(sends.recordedProfiles(chunkId));
    end(
        chunk,
        providerId,
        stranded.inDoubt(),
        SendStatus.IN_DOUBT,
        null,
        "in doubt: mailhub stopped while the provider was being called; not sent again, so that"
            + " nobody receives the email twice");
    chunk.release(stranded.notStarted());
    if (chunk.state() == DispatchChunk.State.QUEUED) {
      messages.dispatch(chunk.campaignId(), chunk.id(), Duration.ZERO);
    } else {
      messages.check(chunk.campaignId());
    }
    return stranded.inDoubt().size();
  }

  /**
   * Moves the queued records of versions before 0.2 into dispatch chunks; those such a version had
   * claimed end IN_DOUBT.
   *
   * @return how many records were moved, at most {@code max}
   */
  public int convertLegacy(int max, int perChunk) {
    List<SendRecord> waiting = sends.legacyWaiting(max);
    Map<Long, List<Recipient>> queuedByCampaign = new java.util.LinkedHashMap<>();
    List<Long> claimed = new ArrayList<>();
    for (SendRecord record : waiting) {
      if (record.legacyClaimed()) {
        claimed.add(record.id()); // kept in place: events may already name it
      } else {
        sends.remove(record);
        queuedByCampaign
            .computeIfAbsent(record.campaignId(), id -> new ArrayList<>())
            .add(new Recipient(record.profileId(), record.email(), record.meta()));
      }
    }
    sends.flush(); // the removed records' meta values are written again in their chunks' records
    sends.legacyInDoubt(
        claimed, "in doubt: mailhub stopped while the provider was being called; not sent again");
    queuedByCampaign.forEach((campaignId, recipients) -> queue(campaignId, recipients, perChunk));
    if (!waiting.isEmpty()) {
      LOG.info(
          "Moved " + waiting.size() + " queued send records of an earlier version into chunks");
    }
    return waiting.size();
  }

  /**
   * Ends the campaign when every recipient is prepared and final. Runs in a transaction of its own
   * after the outcomes it depends on are committed, so that the last one to commit always sees all
   * the others.
   */
  public void finishIfDone(long campaignId) {
    Campaign seen = campaigns.find(campaignId).orElse(null);
    if (seen == null
        || seen.status() != CampaignStatus.SENDING
        || !seen.isPrepared()
        || chunks.pending(campaignId)) {
      return;
    }
    campaigns
        .lock(campaignId)
        .ifPresent(
            campaign -> {
              var counts = sends.counts(List.of(campaignId)).getOrDefault(campaignId, Map.of());
              campaign.finish(
                  counts.getOrDefault(SendStatus.SENT, 0L)
                          + counts.getOrDefault(SendStatus.IN_DOUBT, 0L)
                      > 0,
                  counts.getOrDefault(SendStatus.FAILED, 0L) > 0);
            });
  }

  /**
   * Ends a campaign whose provider cannot be used at all; its waiting chunks end as they come up.
   */
  public void failCampaign(long campaignId, String reason) {
    campaigns.lock(campaignId).ifPresent(campaign -> campaign.fail(reason));
  }
}
