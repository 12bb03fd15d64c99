package org.mailhub.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mailhub.esp.ProviderUnavailable;
import org.mailhub.esp.SendOutcome;
import org.mailhub.metrics.Metrics;
import org.mailhub.provider.ProviderType;

/** What an operator's Prometheus reads about dispatch, from the scrape's own text. */
class DispatchMetersTest {

  private final Metrics metrics = new Metrics();
  private final ProviderBreakers breakers = new ProviderBreakers();
  private final DispatchMeters meters = meters(metrics, breakers);

  {
    breakers.failures = 2;
    breakers.delay = Duration.ofSeconds(30);
  }

  /** Dispatch meters writing into the registry of {@code metrics}. */
  static DispatchMeters meters(Metrics metrics, ProviderBreakers breakers) {
    DispatchMeters meters = new DispatchMeters();
    meters.registry = metrics.registry();
    meters.breakers = breakers;
    meters.watchQueues();
    return meters;
  }

  @Test
  void aProviderUnknownToThisNodeCountsNothing() {
    meters.recorded(call(7, new Ledger.CallResult.Sent("m"), 1, 3));

    assertTrue(!scrape().contains("provider_id=\"7\""), scrape());
  }

  @Test
  void aCallThatFailsIsTimedAndItsFailureGoesOn() {
    var unavailable = new ProviderUnavailable(SendOutcome.rejected(503, null, "down"), null);

    assertThrows(
        ProviderUnavailable.class,
        () ->
            meters.timed(
                7,
                ProviderType.GENERIC_HTTP,
                () -> {
                  throw unavailable;
                }));

    assertEquals(1.0, value("mailhub_provider_calls_seconds_count", "7"));
  }

  @Test
  void committedCallsCountTheirRecipientsByOutcomeAndRetriesUntilTheLastAttempt() {
    meters.timed(7, ProviderType.GENERIC_HTTP, () -> SendOutcome.accepted("m"));
    meters.recorded(call(7, new Ledger.CallResult.Sent("m"), 1, 3));
    meters.recorded(call(7, new Ledger.CallResult.Failed("400"), 1, 2));
    meters.recorded(call(7, new Ledger.CallResult.InDoubt("timeout"), 1, 1));
    meters.recorded(call(7, new Ledger.CallResult.Retry("503", Duration.ZERO), 4, 2));
    meters.recorded(call(7, new Ledger.CallResult.Retry("503", Duration.ZERO), 5, 4));

    assertEquals(3.0, value("mailhub_emails_total", "7", "outcome=\"sent\""));
    assertEquals(
        6.0, value("mailhub_emails_total", "7", "outcome=\"failed\""), "2 + 4 at the last");
    assertEquals(1.0, value("mailhub_emails_total", "7", "outcome=\"in_doubt\""));
    assertEquals(2.0, value("mailhub_emails_total", "7", "outcome=\"retried\""));
    assertEquals(1.0, value("mailhub_provider_calls_seconds_count", "7"));
    assertTrue(
        scrape().contains("provider_type=\"GENERIC_HTTP\""), "tagged with the type: " + scrape());
  }

  @Test
  void theBreakerGaugeFollowsTheProvidersBreaker() {
    meters.timed(7, ProviderType.SMTP, () -> SendOutcome.accepted("m"));
    assertEquals(0.0, value("mailhub_provider_breaker", "7"), "closed");

    breakers.failed(7);
    breakers.failed(7);
    assertEquals(1.0, value("mailhub_provider_breaker", "7"), "open");

    breakers.clock = java.time.Clock.offset(breakers.clock, Duration.ofSeconds(31));
    assertEquals(Duration.ZERO, breakers.closedIn(7), "this caller probes");
    assertEquals(2.0, value("mailhub_provider_breaker", "7"), "probing");

    breakers.succeeded(7);
    assertEquals(0.0, value("mailhub_provider_breaker", "7"), "closed again");
  }

  @Test
  void queueDepthsAreThereBeforeAnyDispatchAndNaNWhereNoMessagingSubsystemAnswers() {
    for (String queue : List.of("MailhubPrepare", "MailhubDispatch", "DLQ")) {
      assertTrue(
          scrape().contains("mailhub_queue_messages{queue=\"" + queue + "\"} NaN"), scrape());
    }
  }

  private String scrape() {
    return metrics.scrape(null).text();
  }

  /** The value of the sample of {@code name} for the provider with all of {@code labels}. */
  private double value(String name, String providerId, String... labels) {
    List<String> samples =
        scrape()
            .lines()
            .filter(line -> line.startsWith(name + "{"))
            .filter(line -> line.contains("provider_id=\"" + providerId + "\""))
            .filter(line -> List.of(labels).stream().allMatch(line::contains))
            .toList();
    assertEquals(1, samples.size(), name + " in " + scrape());
    String sample = samples.get(0);
    return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
  }

  static Ledger.Call call(long providerId, Ledger.CallResult result, int attempt, int emails) {
    List<Recipient> carried =
        IntStream.range(0, emails)
            .mapToObj(i -> new Recipient(i, "r" + i + "@example.com", "meta-" + i))
            .toList();
    return new Ledger.Call(
        new DispatchChunk(1, carried, attempt, null), providerId, 0, carried, result, 5);
  }
}
