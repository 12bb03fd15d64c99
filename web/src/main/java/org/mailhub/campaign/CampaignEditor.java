package org.mailhub.campaign;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.provider.ProviderResponse;
import org.mailhub.provider.ProviderService;
import org.mailhub.ui.Pages;
import org.primefaces.PrimeFaces;

/** The new-campaign page: a draft, saved and possibly launched at once. */
@Named
@ViewScoped
public class CampaignEditor implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Which input shows a refused field's message. */
  private static final Map<String, String> INPUTS =
      Map.of(
          "name", "campaign:name",
          "providerId", "campaign:provider",
          "subject", "campaign:subject",
          "fromName", "campaign:fromName",
          "html", "campaign:html",
          "placeholders", "campaign:placeholders",
          "audience", "campaign:audienceType",
          "audience.emails", "campaign:emails",
          "audience.property", "campaign:property",
          "audience.value", "campaign:value");

  @Inject CampaignService campaigns;
  @Inject ProviderService providerService;
  @Inject TestSendService tests;

  /** Id by nickname, in the service's order (by nickname). */
  private final LinkedHashMap<String, Long> providers = new LinkedHashMap<>();

  private String defaultProvider;

  private String name;
  private Long providerId;
  private String subject;
  private String fromName;
  private String html;
  private final HashMap<String, String> placeholders = new HashMap<>();
  private ArrayList<String> placeholderNames = new ArrayList<>();
  private Audience.Type audienceType = Audience.Type.ALL;
  private String emails;
  private String property;
  private String value;
  private String testTo;
  private String testProfile;
  private ArrayList<TestSendResult> testResults = new ArrayList<>();

  @PostConstruct
  void init() {
    for (ProviderResponse p : providerService.list()) {
      providers.put(p.nickname(), p.id());
      if (p.defaultProvider()) {
        defaultProvider = p.nickname();
      }
    }
    placeholderNames = neededPlaceholders();
  }

  /**
   * The provider or the content changed: asks for the values they need now. The inputs are drawn
   * again only when the names changed, so that the input someone just clicked keeps its focus.
   */
  public void updatePlaceholders() {
    ArrayList<String> needed = neededPlaceholders();
    if (!needed.equals(placeholderNames)) {
      placeholderNames = needed;
      PrimeFaces.current().ajax().update("campaign:placeholders");
    }
  }

  /**
   * Whether a save button sent the form: the values are required then, but not while the provider
   * or the content changes and the inputs are drawn again.
   */
  public boolean isSaving() {
    Map<String, String> sent =
        FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
    return sent.containsKey("campaign:save") || sent.containsKey("campaign:saveAndLaunch");
  }

  private ArrayList<String> neededPlaceholders() {
    return new ArrayList<>(campaigns.placeholderNames(providerId, subject, html));
  }

  public String save() {
    return save(false);
  }

  public String saveAndLaunch() {
    return save(true);
  }

  private String save(boolean launch) {
    CampaignResponse created;
    try {
      created = campaigns.create(request());
    } catch (RequestRejected e) {
      Pages.show(e, INPUTS);
      return null;
    }
    if (!launch) {
      Pages.info("Campaign " + created.name() + " created");
    } else {
      try {
        campaigns.launch(created.id());
        Pages.info("Campaign " + created.name() + " launched");
      } catch (RequestRejected e) {
        Pages.error(
            "Campaign "
                + created.name()
                + " was saved as a draft but not launched: "
                + CampaignList.reason(e));
      }
    }
    return "/campaigns?faces-redirect=true";
  }

  /**
   * Sends the form's subject and HTML, as they are now, to the test addresses, personalised with
   * the test profile; the outcomes are listed under the button. Nothing is saved.
   */
  public void sendTest() {
    testResults = new ArrayList<>();
    try {
      testResults.addAll(
          tests.send(
              new TestSendService.Content(
                  providerId, subject, fromName, html, request().placeholders()),
              new TestSendRequest(
                  addresses(testTo),
                  testProfile == null || testProfile.isBlank() ? null : testProfile.strip(),
                  null)));
    } catch (RequestRejected e) {
      // the outcome area shows every problem, named: the inputs above are not drawn again
      Pages.show(e, Map.of());
    }
  }

  CampaignRequest request() {
    Map<String, String> values = new HashMap<>();
    for (String placeholder : placeholderNames) {
      String given = placeholders.get(placeholder);
      if (given != null) {
        values.put(placeholder, given);
      }
    }
    return new CampaignRequest(
        name,
        providerId,
        subject,
        fromName,
        html,
        values,
        new CampaignRequest.AudienceRequest(
            audienceType,
            audienceType == Audience.Type.EMAILS ? addresses(emails) : null,
            audienceType == Audience.Type.PROPERTY ? property : null,
            audienceType == Audience.Type.PROPERTY ? value : null));
  }

  /** One address per line; commas, semicolons and blanks separate them too. */
  static List<String> addresses(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.strip().split("[\\s,;]+")).toList();
  }

  public String getTestTo() {
    return testTo;
  }

  public void setTestTo(String testTo) {
    this.testTo = testTo;
  }

  public String getTestProfile() {
    return testProfile;
  }

  public void setTestProfile(String testProfile) {
    this.testProfile = testProfile;
  }

  public List<TestSendResult> getTestResults() {
    return testResults;
  }

  public Map<String, Long> getProviders() {
    return providers;
  }

  public String getDefaultProviderLabel() {
    return defaultProvider == null
        ? "Default provider (none yet)"
        : "Default provider (" + defaultProvider + ")";
  }

  public List<String> getPlaceholderNames() {
    return placeholderNames;
  }

  public Map<String, String> getPlaceholders() {
    return placeholders;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Long getProviderId() {
    return providerId;
  }

  public void setProviderId(Long providerId) {
    this.providerId = providerId;
  }

  public String getSubject() {
    return subject;
  }

  public void setSubject(String subject) {
    this.subject = subject;
  }

  public String getFromName() {
    return fromName;
  }

  public void setFromName(String fromName) {
    this.fromName = fromName;
  }

  public String getHtml() {
    return html;
  }

  public void setHtml(String html) {
    this.html = html;
  }

  public Audience.Type getAudienceType() {
    return audienceType;
  }

  public void setAudienceType(Audience.Type audienceType) {
    this.audienceType = audienceType;
  }

  public String getEmails() {
    return emails;
  }

  public void setEmails(String emails) {
    this.emails = emails;
  }

  public String getProperty() {
    return property;
  }

  public void setProperty(String property) {
    this.property = property;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }
}
