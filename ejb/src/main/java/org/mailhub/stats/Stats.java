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
 * is present). {@code failedTotal} is every failure, the documents' "Notification Failed": the
 * refusals and the reported failures.
 */
@JsonbPropertyOrder({
  "sent",
  "delivered",
  "failed",
  "failedTotal",
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
    long failedTotal,
    long clicked,
    long opened,
    long unsubscribed,
    long suppressed,
    long errors,
    Map<String, Long> suppressions) {

  /** What the statistics calls answer, for their OpenAPI documents. */
  public static final String SUMMARY =
      "Statistics: sent, delivered, failed by type and in total, clicked, unsubscribed, suppressed,"
          + " errors";

  public static final String DESCRIPTION =
      "Counted from the send records and the events the ESP reported; unsubscribed counts the"
          + " reports of a kind that unsubscribes an address (hard bounces, drops, invalid"
          + " addresses, spam complaints, unsubscribes), errors the emails the provider"
          + " refused at send time, failedTotal every failure (\"Notification Failed\"): errors"
          + " plus the failures reported. GET /api/campaigns/{id}/errors lists a campaign's, each"
          + " with its description. suppressions: the addresses its reports and sends suppressed,"
          + " by reason (every reason present).";

  public Stats {
    if (failedTotal != failed.sum() + errors) {
      throw new IllegalArgumentException(
          "failedTotal must be the reported failures and the errors: " + failedTotal);
    }
  }

  /** The counts, with {@code failedTotal} added up from the failures and the errors. */
  public Stats(
      long sent,
      long delivered,
      Failed failed,
      long clicked,
      long opened,
      long unsubscribed,
      long suppressed,
      long errors,
      Map<String, Long> suppressions) {
    this(
        sent,
        delivered,
        failed,
        failed.sum() + errors,
        clicked,
        opened,
        unsubscribed,
        suppressed,
        errors,
        suppressions);
  }

  @JsonbPropertyOrder({"hardBounce", "softBounce", "dropped", "invalid", "spam", "unsubscribed"})
  public record Failed(
      @JsonbProperty("hard_bounce") long hardBounce,
      @JsonbProperty("soft_bounce") long softBounce,
      long dropped,
      long invalid,
      long spam,
      long unsubscribed) {

    /** Every reported failure, whatever its type. */
    long sum() {
      return hardBounce + softBounce + dropped + invalid + spam + unsubscribed;
    }
  }
}
