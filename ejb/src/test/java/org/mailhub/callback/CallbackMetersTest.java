package org.mailhub.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailhub.metrics.Metrics;
import org.mailhub.provider.ProviderType;

class CallbackMetersTest {

  private final Metrics metrics = new Metrics();
  private final CallbackMeters meters = new CallbackMeters();

  {
    meters.registry = metrics.registry();
  }

  @Test
  void eventsCountByKindAndThoseTheParserCouldNotReadAsUnreadable() {
    meters.received(
        12,
        ProviderType.POSTMARK,
        new Parsed(
            4,
            List.of(
                event(DeliveryEventType.HARD_BOUNCE),
                event(DeliveryEventType.HARD_BOUNCE),
                event(DeliveryEventType.DELIVERED)),
            List.of(new Unprocessed(3, JsonValue.EMPTY_JSON_OBJECT, "no RecordType"))));
    meters.received(
        12,
        ProviderType.POSTMARK,
        new Parsed(1, List.of(event(DeliveryEventType.DELIVERED)), List.of()));

    String text = metrics.scrape(null).text();
    assertEquals(2.0, value(text, "kind=\"hard_bounce\""));
    assertEquals(2.0, value(text, "kind=\"delivered\""));
    assertEquals(1.0, value(text, "kind=\"unreadable\""));
    assertTrue(text.contains("provider_type=\"POSTMARK\""), text);
    assertTrue(!text.contains("@"), "no address in the meters: " + text);
  }

  @Test
  void anEmptyWebhookCountsNothing() {
    meters.received(3, ProviderType.NETCORE, new Parsed(0, List.of(), List.of()));

    assertTrue(!metrics.scrape(null).text().contains("mailhub_callback"));
  }

  private static double value(String text, String kind) {
    List<String> samples =
        text.lines()
            .filter(l -> l.startsWith("mailhub_callback_events_total{") && l.contains(kind))
            .filter(l -> l.contains("provider_id=\"12\""))
            .toList();
    assertEquals(1, samples.size(), text);
    return Double.parseDouble(samples.get(0).substring(samples.get(0).lastIndexOf(' ') + 1));
  }

  private static Incoming event(DeliveryEventType type) {
    return new Incoming(
        0, type, "ana@example.com", "meta", null, null, null, null, JsonValue.EMPTY_JSON_OBJECT);
  }
}
