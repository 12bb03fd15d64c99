package org.mailhub.dispatch;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailhub.campaign.Campaign;
import org.mailhub.campaign.CampaignRepository;
import org.mailhub.provider.Provider;
import org.mailhub.provider.ProviderRepository;

/**
 * The transactions of sending: each claim of recipients before a provider call and each record of
 * its outcome commits on its own, so that a recipient handed to a provider is never handed again,
 * whatever happens to the JMS message that carried it.
 */
@Stateless
public class Ledger {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A campaign and its provider as they were when a chunk was picked up. */
  public record Job(Campaign campaign, Provider provider) {}

  @Inject SendRepository sends;
  @Inject CampaignRepository campaigns;
  @Inject ProviderRepository providers;

  public Job job(long campaignId) {
    Campaign campaign = campaigns.find(campaignId).orElse(null);
    if (campaign == null || campaign.providerId() == null) {
      return null;
    }
    return new Job(campaign, providers.find(campaign.providerId()).orElse(null));
  }

  public List<SendRepository.Queued> queued(Collection<Long> ids) {
    return sends.queued(ids);
  }

  public List<Long> claim(Collection<Long> ids) {
    return sends.claim(ids, RANDOM.nextLong());
  }

  public void sent(Collection<Long> ids, String messageId) {
    sends.settle(ids, SendStatus.SENT, messageId, null);
  }

  public void failed(Collection<Long> ids, String error) {
    sends.settle(ids, SendStatus.FAILED, null, abbreviate(error));
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
  public List<Long> retryOrFail(Collection<Long> ids, String error, int maxAttempts) {
    List<Long> again = sends.withAttemptsBelow(ids, maxAttempts);
    if (!again.isEmpty()) {
      sends.settle(again, SendStatus.QUEUED, null, abbreviate(error));
    }
    Set<Long> retried = new HashSet<>(again);
    List<Long> exhausted = ids.stream().filter(id -> !retried.contains(id)).toList();
    if (!exhausted.isEmpty()) {
      failed(exhausted, error);
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
