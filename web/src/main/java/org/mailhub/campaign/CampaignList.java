package org.mailhub.campaign;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.provider.ProviderResponse;
import org.mailhub.provider.ProviderService;
import org.mailhub.stats.StatsService;
import org.mailhub.ui.Pages;

/** The campaigns page: newest first, with live progress while any is sending. */
@Named
@ViewScoped
public class CampaignList implements Serializable {

  private static final long serialVersionUID = 1L;
  static final int PAGE_SIZE = 25;

  @Inject CampaignService campaigns;
  @Inject ProviderService providers;
  @Inject StatsService stats;

  private int page;

  /** What the table shows, kept until the next refresh so that row actions find their row. */
  private transient List<CampaignResponse> rows;

  private transient Map<Long, String> nicknames;

  /** The failures the providers reported about the rows' emails, by campaign. */
  private transient Map<Long, Long> reported;

  public List<CampaignResponse> getRows() {
    if (rows == null) {
      rows = campaigns.list(page, PAGE_SIZE);
    }
    return rows;
  }

  /** Refused at send time or reported by the provider: the campaign's {@code failedTotal}. */
  public long failed(CampaignResponse campaign) {
    return campaign.counts().failed() + reportedFailures(campaign);
  }

  public long reportedFailures(CampaignResponse campaign) {
    if (reported == null) {
      reported = stats.reportedFailures(getRows().stream().map(CampaignResponse::id).toList());
    }
    return reported.getOrDefault(campaign.id(), 0L);
  }

  public boolean isAnySending() {
    return getRows().stream().anyMatch(c -> c.status() == CampaignStatus.SENDING);
  }

  public String provider(CampaignResponse campaign) {
    if (campaign.providerId() == null) {
      return "Default provider";
    }
    if (nicknames == null) {
      nicknames =
          providers.list().stream()
              .collect(Collectors.toMap(ProviderResponse::id, ProviderResponse::nickname));
    }
    return nicknames.getOrDefault(campaign.providerId(), "deleted provider");
  }

  /** Recipients done with, one way or another. */
  public long finished(CampaignResponse campaign) {
    CampaignResponse.Counts c = campaign.counts();
    return c.sent() + c.failed() + c.suppressed() + c.cancelled() + c.inDoubt();
  }

  public long percent(CampaignResponse campaign) {
    long targeted = campaign.counts().targeted();
    return targeted == 0 ? 0 : finished(campaign) * 100 / targeted;
  }

  public void refresh() {
    rows = null;
    reported = null;
  }

  public void launch(CampaignResponse campaign) {
    try {
      campaigns.launch(campaign.id());
      Pages.info("Campaign " + campaign.name() + " launched");
    } catch (RequestRejected e) {
      Pages.error("Campaign " + campaign.name() + " was not launched: " + reason(e));
    }
    refresh();
  }

  public void cancel(CampaignResponse campaign) {
    try {
      campaigns.cancel(campaign.id());
      Pages.info("Campaign " + campaign.name() + " cancelled");
    } catch (RequestRejected e) {
      Pages.error("Campaign " + campaign.name() + " was not cancelled: " + reason(e));
    }
    refresh();
  }

  public boolean isFirstPage() {
    return page == 0;
  }

  public boolean isLastPage() {
    return getRows().size() < PAGE_SIZE;
  }

  public void newer() {
    page = Math.max(0, page - 1);
    refresh();
  }

  public void older() {
    page++;
    refresh();
  }

  /** The service's reason in one sentence, field errors included. */
  static String reason(RequestRejected e) {
    if (e.fieldErrors().isEmpty()) {
      return e.getMessage();
    }
    return e.fieldErrors().stream()
        .map(f -> f.field() + " " + f.message())
        .collect(Collectors.joining("; "));
  }
}
