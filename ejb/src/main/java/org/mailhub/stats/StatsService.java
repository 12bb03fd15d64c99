package org.mailhub.stats;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailhub.callback.DeliveryEventRepository;
import org.mailhub.callback.DeliveryEventType;
import org.mailhub.campaign.CampaignRepository;
import org.mailhub.dispatch.SendRepository;
import org.mailhub.dispatch.SendStatus;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.provider.ProviderRepository;
import org.mailhub.suppression.SuppressionReason;
import org.mailhub.suppression.SuppressionRepository;

/** Statistics, counted from the send records and the event log rather than kept in counters. */
@Stateless
public class StatsService {

  @Inject SendRepository sends;
  @Inject DeliveryEventRepository events;
  @Inject CampaignRepository campaigns;
  @Inject ProviderRepository providers;
  @Inject SuppressionRepository suppressions;

  public Stats campaign(long id) {
    campaigns.find(id).orElseThrow(() -> RequestRejected.notFound("There is no campaign " + id));
    return stats(
        sends.counts(List.of(id)).getOrDefault(id, Map.of()),
        events.countsByType("campaignId", id),
        suppressions.countsByReason("campaignId", id));
  }

  public Stats provider(long id) {
    providers.find(id).orElseThrow(() -> RequestRejected.notFound("There is no provider " + id));
    return stats(
        sends.countsByProvider(id),
        events.countsByType("providerId", id),
        suppressions.countsByReason("providerId", id));
  }

  static Stats stats(
      Map<SendStatus, Long> sent,
      Map<DeliveryEventType, Long> reported,
      Map<SuppressionReason, Long> suppressed) {
    Map<String, Long> byReason = new LinkedHashMap<>();
    for (SuppressionReason reason : SuppressionReason.values()) {
      byReason.put(reason.name(), suppressed.getOrDefault(reason, 0L));
    }
    return new Stats(
        sent.getOrDefault(SendStatus.SENT, 0L),
        reported.getOrDefault(DeliveryEventType.DELIVERED, 0L),
        new Stats.Failed(
            reported.getOrDefault(DeliveryEventType.HARD_BOUNCE, 0L),
            reported.getOrDefault(DeliveryEventType.SOFT_BOUNCE, 0L),
            reported.getOrDefault(DeliveryEventType.DROPPED, 0L),
            reported.getOrDefault(DeliveryEventType.INVALID, 0L),
            reported.getOrDefault(DeliveryEventType.SPAM, 0L),
            reported.getOrDefault(DeliveryEventType.UNSUBSCRIBED, 0L)),
        reported.getOrDefault(DeliveryEventType.CLICKED, 0L),
        reported.getOrDefault(DeliveryEventType.OPENED, 0L),
        reported.entrySet().stream()
            .filter(e -> e.getKey().suppression().isPresent())
            .mapToLong(Map.Entry::getValue)
            .sum(),
        sent.getOrDefault(SendStatus.SUPPRESSED, 0L),
        sent.getOrDefault(SendStatus.FAILED, 0L),
        byReason);
  }
}
