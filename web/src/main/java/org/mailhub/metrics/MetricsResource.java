package org.mailhub.metrics;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * This node's meters for Prometheus, in its text format or OpenMetrics, whichever the scraper
 * accepts. Any user or API key may read them (web.xml); they name providers by id and type, never
 * an address. Not part of the client API's document: it is Prometheus's protocol, not JSON.
 */
@RequestScoped
@Path("metrics")
public class MetricsResource {

  @Inject Metrics metrics;

  @GET
  public Response scrape(@HeaderParam(HttpHeaders.ACCEPT) String accept) {
    Metrics.Scrape scrape = metrics.scrape(accept);
    return Response.ok(scrape.text(), scrape.contentType())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }
}
