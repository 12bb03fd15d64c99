package org.mailhub.provider;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.ui.Pages;

/**
 * The provider form: what every provider has (nickname, sender, preference center, callback), and
 * the {@link SettingsForm} of the chosen type, whose fragment the page includes. The settings are
 * sent to {@link ProviderService} as the same JSON the REST API takes, so both are checked by the
 * same rules.
 */
@Named
@ViewScoped
public class ProviderEditor implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Where each refused field's message goes; the settings' fields are the form's. */
  private static final Map<String, String> INPUTS =
      Map.ofEntries(
          Map.entry("nickname", "provider:nickname"),
          Map.entry("type", "provider:type"),
          Map.entry("fromName", "provider:fromName"),
          Map.entry("fromAddress", "provider:fromAddress"),
          Map.entry("replyTo", "provider:replyTo"),
          Map.entry("preferenceCenter.mode", "provider:preferenceMode"),
          Map.entry("preferenceCenter.url", "provider:preferenceUrl"),
          Map.entry("callbackAuth.username", "provider:callbackUsername"),
          Map.entry("callbackAuth.password", "provider:callbackPassword"),
          Map.entry("backupProviderId", "provider:backupProvider"),
          Map.entry("rateLimit.perSecond", "provider:ratePerSecond"),
          Map.entry("rateLimit.perHour", "provider:ratePerHour"),
          Map.entry("rateLimit.perDay", "provider:ratePerDay"));

  @Inject ProviderService providers;
  @Inject SettingsForms settingsForms;

  /** Makes the forms of this view, which end with it. */
  @Inject @Any Instance<SettingsForm> forms;

  private Long id;
  private ProviderType type;
  private SettingsForm form;
  private String nickname;
  private String fromName;
  private String fromAddress;
  private String replyTo;
  private PreferenceCenter.Mode preferenceMode = PreferenceCenter.Mode.NONE;
  private String preferenceUrl;
  private String callbackUrl;

  /** The token of the provider being added, made when the form opened. */
  private String callbackToken;

  private String callbackUsername;
  private final Secret callbackPassword = new Secret();

  private Long backupProviderId;

  /** The other providers by nickname, which may back this one up. */
  private Map<String, Long> backupChoices;

  private Integer ratePerSecond;
  private Integer ratePerHour;
  private Integer ratePerDay;

  /** Reads the provider named by the {@code id} parameter, or prepares a new one. */
  public void load() {
    if (id == null) {
      prepareNew();
      return;
    }
    ProviderResponse p;
    try {
      p = providers.get(id);
    } catch (RequestRejected e) {
      Pages.error(e.getMessage());
      id = null;
      prepareNew();
      return;
    }
    type = p.type();
    form = newForm(type);
    backupProviderId = p.backupProviderId();
    nickname = p.nickname();
    fromName = p.fromName();
    fromAddress = p.fromAddress();
    replyTo = p.replyTo();
    preferenceMode = p.preferenceCenter().mode();
    preferenceUrl = p.preferenceCenter().url();
    callbackUrl = p.callbackUrl();
    if (p.callbackAuth() != null) {
      callbackUsername = p.callbackAuth().username();
      callbackPassword.keep(p.callbackAuth().password());
    }
    if (p.rateLimit() != null) {
      ratePerSecond = p.rateLimit().perSecond();
      ratePerHour = p.rateLimit().perHour();
      ratePerDay = p.rateLimit().perDay();
    }
    if (p.settingsError() != null) {
      Pages.error(p.settingsError() + " Enter the settings and their secrets again.");
      form.read(JsonValue.EMPTY_JSON_OBJECT);
      return;
    }
    form.read(p.settings());
  }

  /**
   * A new provider has the first type's form with its defaults. Its callback URL is shown before
   * saving, and saving keeps it.
   */
  private void prepareNew() {
    if (form == null) {
      type = settingsForms.types().get(0);
      form = newForm(type);
    }
    if (callbackToken == null) {
      callbackToken = providers.newCallbackToken();
      callbackUrl = providers.callbackUrl(callbackToken);
    }
  }

  /** Switching the type starts its settings afresh. */
  public void typeChanged() {
    if (form != null) {
      forms.destroy(form);
    }
    form = newForm(type);
  }

  private SettingsForm newForm(ProviderType type) {
    return settingsForms.create(type, forms);
  }

  public String save() {
    ProviderRequest request =
        new ProviderRequest(
            nickname,
            type,
            fromName,
            fromAddress,
            replyTo,
            new ProviderRequest.PreferenceCenterRequest(preferenceMode, preferenceUrl),
            form.settings(),
            callbackUsername == null || callbackUsername.isBlank()
                ? null
                : new ProviderRequest.CallbackAuth(callbackUsername, callbackPassword.getValue()),
            backupProviderId,
            ratePerSecond == null && ratePerHour == null && ratePerDay == null
                ? null
                : ProviderRequest.RateLimitRequest.of(ratePerSecond, ratePerHour, ratePerDay));
    try {
      ProviderResponse saved;
      if (id == null) {
        saved = providers.create(request, callbackToken);
        Pages.info("Provider " + saved.nickname() + " added");
      } else {
        saved = providers.update(id, request);
        Pages.info("Email settings updated successfully");
      }
      saved.warnings().forEach(Pages::warn);
      return "/providers?faces-redirect=true";
    } catch (RequestRejected e) {
      Pages.show(e, inputs());
      return null;
    }
  }

  /** The common fields' inputs and the settings form's, under the page's form. */
  private Map<String, String> inputs() {
    Map<String, String> inputs = new HashMap<>(INPUTS);
    form.inputs().forEach((field, input) -> inputs.put("settings." + field, "provider:" + input));
    return inputs;
  }

  public boolean isEditing() {
    return id != null;
  }

  public List<ProviderType> getTypes() {
    return settingsForms.types();
  }

  public String label(ProviderType type) {
    return settingsForms.label(type);
  }

  /** The providers this one may fail over to: every other one, by nickname. */
  public Map<String, Long> getBackupChoices() {
    if (backupChoices == null) {
      backupChoices = new java.util.LinkedHashMap<>();
      providers.list().stream()
          .filter(p -> !p.id().equals(id))
          .sorted(java.util.Comparator.comparing(ProviderResponse::nickname))
          .forEach(p -> backupChoices.put(p.nickname(), p.id()));
    }
    return backupChoices;
  }

  public Long getBackupProviderId() {
    return backupProviderId;
  }

  public void setBackupProviderId(Long backupProviderId) {
    this.backupProviderId = backupProviderId;
  }

  public PreferenceCenter.Mode[] getPreferenceModes() {
    return PreferenceCenter.Mode.values();
  }

  /** The chosen type's settings, which its fragment shows as {@code form}. */
  public SettingsForm getForm() {
    return form;
  }

  // accessors for the page

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  public ProviderType getType() {
    return type;
  }

  public void setType(ProviderType type) {
    this.type = type;
  }

  public String getNickname() {
    return nickname;
  }

  public void setNickname(String nickname) {
    this.nickname = nickname;
  }

  public String getFromName() {
    return fromName;
  }

  public void setFromName(String fromName) {
    this.fromName = fromName;
  }

  public String getFromAddress() {
    return fromAddress;
  }

  public void setFromAddress(String fromAddress) {
    this.fromAddress = fromAddress;
  }

  public String getReplyTo() {
    return replyTo;
  }

  public void setReplyTo(String replyTo) {
    this.replyTo = replyTo;
  }

  public PreferenceCenter.Mode getPreferenceMode() {
    return preferenceMode;
  }

  public void setPreferenceMode(PreferenceCenter.Mode preferenceMode) {
    this.preferenceMode = preferenceMode;
  }

  public String getPreferenceUrl() {
    return preferenceUrl;
  }

  public void setPreferenceUrl(String preferenceUrl) {
    this.preferenceUrl = preferenceUrl;
  }

  public String getCallbackUrl() {
    return callbackUrl;
  }

  public String getCallbackUsername() {
    return callbackUsername;
  }

  public void setCallbackUsername(String callbackUsername) {
    this.callbackUsername = callbackUsername;
  }

  public Secret getCallbackPassword() {
    return callbackPassword;
  }

  public Integer getRatePerSecond() {
    return ratePerSecond;
  }

  public void setRatePerSecond(Integer ratePerSecond) {
    this.ratePerSecond = ratePerSecond;
  }

  public Integer getRatePerHour() {
    return ratePerHour;
  }

  public void setRatePerHour(Integer ratePerHour) {
    this.ratePerHour = ratePerHour;
  }

  public Integer getRatePerDay() {
    return ratePerDay;
  }

  public void setRatePerDay(Integer ratePerDay) {
    this.ratePerDay = ratePerDay;
  }
}
