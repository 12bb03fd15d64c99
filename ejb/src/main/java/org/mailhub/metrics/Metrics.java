package org.mailhub.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * This node's meters, in the application's own Prometheus registry (WildFly's Micrometer module,
 * not its micrometer subsystem); the components register and update their own meters in it and
 * {@code GET /metrics} scrapes it.
 */
@ApplicationScoped
public class Metrics {

  /** The Prometheus text format, for scrapers that ask for nothing better. */
  static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** OpenMetrics, what Prometheus asks for first. */
  static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  /** One scrape: its content type and text. */
  public record Scrape(String contentType, String text) {}

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** The registry the components' meters go into (the same one, a dependent reference to it). */
  @Produces
  public MeterRegistry registry() {
    return registry;
  }

  /** The meters as the {@code Accept} header asks: OpenMetrics when named, else the text format. */
  public Scrape scrape(String accept) {
    String type = contentType(accept);
    return new Scrape(type, registry.scrape(type));
  }

  /**
   * OpenMetrics when the client accepts it (Prometheus does), the classic text format otherwise;
   * never the protobuf format, which mailhub's registry does not write.
   */
  static String contentType(String accept) {
    return accept != null && accept.contains("application/openmetrics-text") ? OPEN_METRICS : TEXT;
  }

  @PreDestroy
  void close() {
    registry.close();
  }
}
