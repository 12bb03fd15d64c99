package org.mailhub.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Test;

class MetricsTest {

  private final Metrics metrics = new Metrics();

  {
    Counter.builder("mailhub.emails")
        .tag("outcome", "sent")
        .register(metrics.registry())
        .increment(3);
  }

  @Test
  void prometheusGetsOpenMetricsWhichItAsksForFirst() {
    Metrics.Scrape scrape =
        metrics.scrape(
            "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;"
                + "q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");

    assertEquals(
        "application/openmetrics-text; version=1.0.0; charset=utf-8", scrape.contentType());
    assertTrue(scrape.text().contains("mailhub_emails_total{outcome=\"sent\"} 3.0"), scrape.text());
    assertTrue(scrape.text().endsWith("# EOF\n"), scrape.text());
  }

  @Test
  void anyOtherClientGetsTheTextFormat() {
    for (String accept : new String[] {null, "*/*", "text/plain", "application/json"}) {
      Metrics.Scrape scrape = metrics.scrape(accept);

      assertEquals("text/plain; version=0.0.4; charset=utf-8", scrape.contentType(), accept);
      assertTrue(scrape.text().contains("# TYPE mailhub_emails_total counter"), scrape.text());
      assertFalse(scrape.text().contains("# EOF"), scrape.text());
    }
  }
}
