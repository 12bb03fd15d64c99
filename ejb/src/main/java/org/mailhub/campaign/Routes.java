package org.mailhub.campaign;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailhub.dispatch.CampaignFailover;
import org.mailhub.dispatch.FailoverRepository;
import org.mailhub.dispatch.SendRepository;
import org.mailhub.dispatch.SendStatus;
import org.mailhub.provider.Provider;
import org.mailhub.provider.ProviderRepository;

/**
 * Where campaigns' mail went: the failovers to backup providers, and what each provider did with
 * the emails. Only campaigns that failed over need their records counted by provider; the others'
 * counts are all their own provider's.
 */
@ApplicationScoped
public class Routes {

  @Inject FailoverRepository failovers;
  @Inject SendRepository sends;
  @Inject ProviderRepository providers;

  /** The failovers of these campaigns, by campaign. */
  Map<Long, List<CampaignFailover>> failovers(Collection<Long> campaignIds) {
    return failovers.of(campaignIds);
  }

  List<CampaignResponse.FailoverView> views(List<CampaignFailover> failovers) {
    Map<Long, String> names = new HashMap<>();
    return failovers.stream()
        .map(
            f -> {
              String from = nickname(f.fromProviderId(), names);
              String to = nickname(f.toProviderId(), names);
              return new CampaignResponse.FailoverView(
                  f.fromProviderId(),
                  f.toProviderId(),
                  "failed over from "
                      + from
                      + " to "
                      + to
                      + (f.authentication()
                          ? ": authentication failed"
                          : ": " + from + " was unavailable"),
                  f.reason(),
                  f.authentication(),
                  f.createdAt());
            })
        .toList();
  }

  /**
   * What each provider did with the campaign's emails.
   *
   * @param counts the campaign's counts by status
   */
  List<CampaignResponse.ProviderCounts> providers(
      Campaign campaign, Map<SendStatus, Long> counts, boolean failedOver) {
    List<CampaignResponse.ProviderCounts> found = new ArrayList<>();
    Map<Long, String> names = new HashMap<>();
    if (!failedOver) {
      if (campaign.providerId() != null) {
        found.add(row(campaign.providerId(), counts, names));
      }
      return found;
    }
    sends
        .countsByProvider(
            campaign.id(), List.of(SendStatus.SENT, SendStatus.FAILED, SendStatus.IN_DOUBT))
        .forEach((provider, byStatus) -> found.add(row(provider, byStatus, names)));
    return found;
  }

  private CampaignResponse.ProviderCounts row(
      long providerId, Map<SendStatus, Long> counts, Map<Long, String> names) {
    return new CampaignResponse.ProviderCounts(
        providerId,
        nickname(providerId, names),
        counts.getOrDefault(SendStatus.SENT, 0L),
        counts.getOrDefault(SendStatus.FAILED, 0L),
        counts.getOrDefault(SendStatus.IN_DOUBT, 0L));
  }

  private String nickname(long providerId, Map<Long, String> names) {
    return names.computeIfAbsent(
        providerId,
        id -> providers.find(id).map(Provider::nickname).orElse("deleted provider " + id));
  }
}
