package org.mailhub.callback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.mailhub.provider.ProviderType;

/**
 * The events ESPs' webhooks brought to this node, by provider and kind ({@code delivered}, {@code
 * hard_bounce}, ... as {@link DeliveryEventType}, and {@code unreadable} for those the provider's
 * parser could not read), as received: repeats of events already recorded and events about test
 * emails count too.
 */
@ApplicationScoped
public class CallbackMeters {

  static final String UNREADABLE = "unreadable";

  @Inject MeterRegistry registry;

  void received(long providerId, ProviderType type, Parsed parsed) {
    Map<String, Long> byKind =
        parsed.events().stream()
            .collect(Collectors.groupingBy(CallbackMeters::kind, Collectors.counting()));
    if (!parsed.unprocessed().isEmpty()) {
      byKind.merge(UNREADABLE, (long) parsed.unprocessed().size(), Long::sum);
    }
    byKind.forEach(
        (kind, count) ->
            Counter.builder("mailhub.callback.events")
                .description("events received in ESP webhooks, by provider and kind")
                .tag("provider.id", String.valueOf(providerId))
                .tag("provider.type", type.name())
                .tag("kind", kind)
                .register(registry)
                .increment(count));
  }

  /**
   * A webhook refused by its signature check: many of them mean a wrong key in the settings, or
   * someone posting forgeries.
   */
  void refused(long providerId, ProviderType type) {
    Counter.builder("mailhub.callback.refused")
        .description("webhooks refused by their signature check (forged, replayed or too old)")
        .tag("provider.id", String.valueOf(providerId))
        .tag("provider.type", type.name())
        .register(registry)
        .increment();
  }

  static String kind(Incoming event) {
    return event.type().name().toLowerCase(Locale.ROOT);
  }
}
