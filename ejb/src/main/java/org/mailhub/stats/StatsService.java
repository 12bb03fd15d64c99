package org.mailhub.stats;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailhub.callback.DeliveryEventRepository;
import org.mailhub.callback.DeliveryEventType;
import org.mailhub.campaign.CampaignRepository;
import org.mailhub.campaign.CampaignService;
import org.mailhub.dispatch.SendRepository;
import org.mailhub.dispatch.SendStatus;
import org.mailhub.infrastructure.Page;
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
  @Inject CampaignService campaignService;

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

  /**
   * One page of the campaign's errors: the emails the provider refused at send time (in the order
   * of their send records), then the failures it reported (in the order they arrived); as many in
   * all as the campaign's {@code failedTotal}.
   */
  public Page<ErrorResponse> errors(long id, int page, int size) {
    // refusals: records and waiting recipients, as the campaign's counts.failed counts them
    Page<CampaignService.SendResponse> refusals =
        campaignService.sends(id, SendStatus.FAILED, page, size);
    long reported = events.failureCounts(List.of(id)).getOrDefault(id, 0L);
    List<ErrorResponse> found = new ArrayList<>();
    refusals.items().stream().map(ErrorResponse::refused).forEach(found::add);
    if (found.size() < size && reported > 0) {
      long offset = Math.max(0, (long) page * size - refusals.total());
      events.failures(id, offset, size - found.size()).stream()
          .map(ErrorResponse::reported)
          .forEach(found::add);
    }
    return new Page<>(found, page, size, refusals.total() + reported);
  }

  /**
   * How many failures the provider reported about each campaign's emails, which with its {@code
   * counts.failed} (refused at send time) make its {@code failedTotal}; campaigns without are
   * absent.
   */
  public Map<Long, Long> reportedFailures(Collection<Long> campaignIds) {
    return events.failureCounts(campaignIds);
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
