package org.mailhub.stats;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Map;

/**
 * What happened to a campaign's or a provider's emails: sent (accepted by the provider), then what
 * the provider reported; {@code unsubscribed} counts the reports that made an address
 * channel-unsubscribed, {@code suppressed} the recipients skipped because they already were, {@code
 * errors} the emails the provider refused at send time, and {@code suppressions} the addresses its
 * reports and sends suppressed, by reason (each address once, under its first reason; every reason
 * is present).
 */
@JsonbPropertyOrder({
  "sent",
  "delivered",
  "failed",
  "clicked",
  "opened",
  "unsubscribed",
  "suppressed",
  "errors",
  "suppressions"
})
public record Stats(
    long sent,
    long delivered,
    Failed failed,
    long clicked,
    long opened,
    long unsubscribed,
    long suppressed,
    long errors,
    Map<String, Long> suppressions) {

  /** Without suppressions by reason. */
  public Stats(
      long sent,
      long delivered,
      Failed failed,
      long clicked,
      long opened,
      long unsubscribed,
      long suppressed,
      long errors) {
    this(sent, delivered, failed, clicked, opened, unsubscribed, suppressed, errors, Map.of());
  }

  @JsonbPropertyOrder({"hardBounce", "softBounce", "dropped", "invalid", "spam", "unsubscribed"})
  public record Failed(
      @JsonbProperty("hard_bounce") long hardBounce,
      @JsonbProperty("soft_bounce") long softBounce,
      long dropped,
      long invalid,
      long spam,
      long unsubscribed) {}
}
