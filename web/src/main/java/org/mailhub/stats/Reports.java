package org.mailhub.stats;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailhub.campaign.CampaignResponse;
import org.mailhub.campaign.CampaignService;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.provider.ProviderResponse;
import org.mailhub.provider.ProviderService;
import org.mailhub.ui.Pages;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The reports page: the statistics of one campaign ({@code ?campaign=id}) or one provider ({@code
 * ?provider=id}), with a campaign's errors: the emails refused at send time and the failures the
 * provider reported.
 */
@Named
@ViewScoped
public class Reports implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int CAMPAIGN_CHOICES = 200;

  @Inject StatsService stats;
  @Inject CampaignService campaigns;
  @Inject ProviderService providers;

  private Long campaign;
  private Long provider;
  private final LinkedHashMap<String, Long> campaignChoices = new LinkedHashMap<>();
  private final LinkedHashMap<String, Long> providerChoices = new LinkedHashMap<>();
  private String title;
  private List<StatsReport.Card> cards = List.of();
  private String chart;
  private long errorCount;
  private transient Errors errors;
  private CampaignResponse shownCampaign;

  /** Reads the query parameters' campaign or provider (f:viewAction). */
  public void load() {
    for (CampaignResponse c : campaigns.list(0, CAMPAIGN_CHOICES)) {
      campaignChoices.put(label(c), c.id());
    }
    for (ProviderResponse p : providers.list()) {
      providerChoices.put(p.nickname(), p.id());
    }
    try {
      if (campaign != null) {
        CampaignResponse c = campaigns.get(campaign);
        campaignChoices.putIfAbsent(label(c), c.id());
        title = "Campaign " + c.name();
        shownCampaign = c;
        show(stats.campaign(campaign));
      } else if (provider != null) {
        title = "Provider " + providers.get(provider).nickname();
        show(stats.provider(provider));
      }
    } catch (RequestRejected e) {
      Pages.error(e.getMessage());
      campaign = null;
      provider = null;
      title = null;
    }
  }

  private void show(Stats s) {
    cards = StatsReport.cards(s);
    chart = StatsReport.barChart(s).toString();
    errorCount = s.failedTotal();
  }

  private static String label(CampaignResponse c) {
    return c.name() + " (#" + c.id() + ")";
  }

  /** Shows the chosen campaign's report (the select's change). */
  public void showCampaign() {
    go(campaign == null ? "" : "&campaign=" + campaign);
  }

  /** Shows the chosen provider's report (the select's change). */
  public void showProvider() {
    go(provider == null ? "" : "&provider=" + provider);
  }

  private static void go(String parameter) {
    FacesContext context = FacesContext.getCurrentInstance();
    context
        .getApplication()
        .getNavigationHandler()
        .handleNavigation(context, null, "/reports?faces-redirect=true" + parameter);
  }

  public String getCsvUrl() {
    String base = FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath();
    if (campaign != null) {
      return base + "/api/campaigns/" + campaign + "/report.csv";
    }
    return provider == null ? null : base + "/api/providers/" + provider + "/stats.csv";
  }

  /** The campaign shown, with where its mail went; null when a provider is shown. */
  public CampaignResponse getShownCampaign() {
    return shownCampaign;
  }

  public boolean isShown() {
    return title != null;
  }

  /** A campaign's errors, a page at a time. */
  private class Errors extends LazyDataModel<ErrorResponse> {

    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filters) {
      return (int) Math.min(errorCount, Integer.MAX_VALUE);
    }

    @Override
    public List<ErrorResponse> load(
        int first, int size, Map<String, SortMeta> sort, Map<String, FilterMeta> filters) {
      return campaign == null ? List.of() : stats.errors(campaign, first / size, size).items();
    }
  }

  public Long getCampaign() {
    return campaign;
  }

  public void setCampaign(Long campaign) {
    this.campaign = campaign;
  }

  public Long getProvider() {
    return provider;
  }

  public void setProvider(Long provider) {
    this.provider = provider;
  }

  public Map<String, Long> getCampaignChoices() {
    return campaignChoices;
  }

  public Map<String, Long> getProviderChoices() {
    return providerChoices;
  }

  public String getTitle() {
    return title;
  }

  public List<StatsReport.Card> getCards() {
    return cards;
  }

  public String getChart() {
    return chart;
  }

  public long getErrorCount() {
    return errorCount;
  }

  public LazyDataModel<ErrorResponse> getErrors() {
    if (errors == null) {
      errors = new Errors();
    }
    return errors;
  }
}
