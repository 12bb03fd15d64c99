package org.mailhub.esp;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import org.mailhub.provider.ProviderType;

/** The gateway of each provider type, found among the CDI beans of the vendor packages. */
@ApplicationScoped
public class Gateways {

  @Inject @Any Instance<EmailGateway<?>> discovered;

  private final Map<ProviderType, EmailGateway<?>> byType = new EnumMap<>(ProviderType.class);

  @PostConstruct
  void index() {
    discovered.forEach(gateway -> byType.put(gateway.type(), gateway));
    for (ProviderType type : ProviderType.values()) {
      if (!byType.containsKey(type)) {
        throw new IllegalStateException("No email gateway for provider type " + type);
      }
    }
  }

  public EmailGateway<?> of(ProviderType type) {
    return byType.get(type);
  }
}
