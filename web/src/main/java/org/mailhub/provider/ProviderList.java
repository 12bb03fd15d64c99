package org.mailhub.provider;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.ui.Pages;

/** Settings > Email providers: the list, its row actions and the test email dialog. */
@Named
@ViewScoped
public class ProviderList implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject ProviderService providers;
  @Inject SettingsForms settingsForms;

  private List<ProviderResponse> all;
  private ProviderResponse testing;
  private String testTo;
  private final Map<String, String> testPlaceholders = new LinkedHashMap<>();
  private TestEmailResult testResult;

  public List<ProviderResponse> getAll() {
    if (all == null) {
      all = providers.list();
    }
    return all;
  }

  public void markDefault(ProviderResponse provider) {
    act(() -> providers.markDefault(provider.id()), provider.nickname() + " is now the default");
  }

  public void delete(ProviderResponse provider) {
    act(() -> providers.delete(provider.id()), provider.nickname() + " deleted");
  }

  /** Opens the test email dialog, asking for the provider's campaign values too. */
  public void startTest(ProviderResponse provider) {
    testing = provider;
    testResult = null;
    testPlaceholders.clear();
    try {
      providers.campaignPlaceholders(provider.id()).forEach(name -> testPlaceholders.put(name, ""));
    } catch (RequestRejected e) {
      Pages.error(e.getMessage());
    }
  }

  public void sendTest() {
    testResult = providers.sendTestEmail(testing.id(), testTo, testPlaceholders);
    if (testResult.sent()) {
      Pages.info(testResult.message());
    } else {
      Pages.error(testResult.message());
    }
  }

  private void act(Runnable action, String done) {
    try {
      action.run();
      Pages.info(done);
    } catch (RequestRejected e) {
      Pages.error(e.getMessage());
    }
    all = null;
  }

  /** The type as the provider page's menu names it. */
  public String label(ProviderType type) {
    return settingsForms.label(type);
  }

  public ProviderResponse getTesting() {
    return testing;
  }

  public String getTestTo() {
    return testTo;
  }

  public void setTestTo(String testTo) {
    this.testTo = testTo;
  }

  public Map<String, String> getTestPlaceholders() {
    return testPlaceholders;
  }

  public List<String> getTestPlaceholderNames() {
    return List.copyOf(testPlaceholders.keySet());
  }

  public TestEmailResult getTestResult() {
    return testResult;
  }
}
