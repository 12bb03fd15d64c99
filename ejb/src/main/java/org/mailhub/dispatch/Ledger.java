package org.mailhub.dispatch;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.mailhub.campaign.Campaign;
import org.mailhub.campaign.CampaignRepository;
import org.mailhub.campaign.CampaignStatus;
import org.mailhub.provider.Provider;
import org.mailhub.provider.ProviderRepository;

/**
 * The transactions of sending: the claim of a message's recipients before the provider calls and
 * the record of their outcomes commit on their own, so that a recipient handed to a provider is
 * never handed again, whatever happens to the JMS message that carried it.
 */
@Stateless
public class Ledger {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A campaign and its provider as they were when a chunk was picked up. */
  public record Job(Campaign campaign, Provider provider) {}

  @Inject SendRepository sends;
  @Inject CampaignRepository campaigns;
  @Inject ProviderRepository providers;
  @Inject Messages messages;

  public Job job(long campaignId) {
    Campaign campaign = campaigns.find(campaignId).orElse(null);
    if (campaign == null || campaign.providerId() == null) {
      return null;
    }
    return new Job(campaign, providers.find(campaign.providerId()).orElse(null));
  }

  /** The campaign's status now: it may have been cancelled or failed while a message was sent. */
  public CampaignStatus status(long campaignId) {
    return campaigns.find(campaignId).map(Campaign::status).orElse(CampaignStatus.CANCELLED);
  }

  /**
   * Claims the still-queued recipients among these, committed before any provider call, and returns
   * them with what personalisation needs.
   */
  public List<SendRepository.Queued> claim(Collection<Long> ids) {
    return sends.claim(ids, RANDOM.nextLong());
  }

  /**
   * Records what a message's provider calls did, in one transaction: sent and failed recipients
   * become final; those a call may heal for go back to the queue while they have attempts left,
   * with a message delayed by {@code backoff} of their attempt; those the breaker held back go back
   * as they were. The dispatch messages are sent in this transaction too, so that a recipient back
   * in the queue always has a message that will carry it.
   */
  public void settle(
      long campaignId, Settlement settlement, int maxAttempts, IntFunction<Duration> backoff) {
    settlement.sent.forEach(
        (messageId, ids) -> sends.settle(ids, SendStatus.SENT, messageId, null));
    settlement.failed.forEach(
        (error, ids) -> sends.settle(ids, SendStatus.FAILED, null, abbreviate(error)));
    settlement.retries.forEach(
        (error, retry) -> {
          List<Long> again = retryOrFail(retry.ids(), error, maxAttempts);
          if (!again.isEmpty()) {
            messages.dispatch(campaignId, again, backoff.apply(retry.attempt()));
          }
        });
    if (!settlement.cancelled.isEmpty()) {
      sends.settle(settlement.cancelled, SendStatus.CANCELLED, null, null);
    }
    if (!settlement.released.isEmpty()) {
      sends.release(settlement.released);
      messages.dispatch(campaignId, settlement.released, settlement.releasedFor);
    }
  }

  /** Puts claimed recipients that were never handed to the provider back in the queue. */
  public void release(Collection<Long> ids) {
    sends.release(ids);
  }

  /**
   * Ends the campaign when every recipient is prepared and final. Runs in a transaction of its own
   * after the outcomes it depends on are committed, so that the last one to commit always sees all
   * the others.
   */
  public void finishIfDone(long campaignId) {
    if (!sends.pending(campaignId)) {
      campaigns
          .lock(campaignId)
          .ifPresent(
              campaign -> {
                var counts = sends.counts(List.of(campaignId)).getOrDefault(campaignId, Map.of());
                campaign.finish(
                    counts.getOrDefault(SendStatus.SENT, 0L) > 0,
                    counts.getOrDefault(SendStatus.FAILED, 0L) > 0);
              });
    }
  }

  /**
   * Puts the recipients back in the queue when they have attempts left, fails the others.
   *
   * @return the recipients to try again
   */
  private List<Long> retryOrFail(Collection<Long> ids, String error, int maxAttempts) {
    List<Long> again = sends.withAttemptsBelow(ids, maxAttempts);
    if (!again.isEmpty()) {
      sends.settle(again, SendStatus.QUEUED, null, abbreviate(error));
    }
    Set<Long> retried = new HashSet<>(again);
    List<Long> exhausted = ids.stream().filter(id -> !retried.contains(id)).toList();
    if (!exhausted.isEmpty()) {
      sends.settle(exhausted, SendStatus.FAILED, null, abbreviate(error));
    }
    return again;
  }

  /** Ends a campaign whose provider cannot be used at all. */
  public void failCampaign(long campaignId, String reason) {
    campaigns
        .lock(campaignId)
        .ifPresent(
            campaign -> {
              sends.endQueued(campaignId, SendStatus.FAILED, abbreviate(reason));
              campaign.fail(reason);
            });
  }

  private static String abbreviate(String error) {
    return error == null || error.length() <= 1000 ? error : error.substring(0, 999) + "…";
  }
}
