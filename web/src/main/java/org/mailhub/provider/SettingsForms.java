package org.mailhub.provider;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The settings form of each provider type, found among the CDI beans of the vendor packages; the
 * deployment fails when a type has none, as it does without a gateway.
 */
@ApplicationScoped
public class SettingsForms {

  @Inject @Any Instance<SettingsForm> discovered;

  private final Map<ProviderType, Class<? extends SettingsForm>> classes =
      new EnumMap<>(ProviderType.class);
  private final Map<ProviderType, String> labels = new EnumMap<>(ProviderType.class);

  @PostConstruct
  void index() {
    for (Instance.Handle<SettingsForm> handle : discovered.handles()) {
      SettingsForm form = handle.get();
      classes.put(form.type(), form.getClass());
      labels.put(form.type(), form.label());
      handle.destroy();
    }
    for (ProviderType type : ProviderType.values()) {
      if (!classes.containsKey(type)) {
        throw new IllegalStateException("No settings form for provider type " + type);
      }
    }
  }

  /** Checks the forms when the application starts, not when the first page asks. */
  void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {}

  /** The types in the order the type menu offers them. */
  public List<ProviderType> types() {
    return List.copyOf(classes.keySet());
  }

  public String label(ProviderType type) {
    return labels.get(type);
  }

  /** A new form of the type, as {@code forms} (the caller's, so the caller's scope) makes it. */
  public SettingsForm create(ProviderType type, Instance<SettingsForm> forms) {
    return forms.select(classes.get(type)).get();
  }
}
