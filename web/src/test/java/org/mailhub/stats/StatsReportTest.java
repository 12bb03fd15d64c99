package org.mailhub.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsReportTest {

  private static final Stats STATS =
      new Stats(
          10,
          7,
          new Stats.Failed(1, 2, 3, 4, 5, 6),
          8,
          9,
          11,
          12,
          13,
          Map.of("HARD_BOUNCE", 14L, "SOFT_BOUNCES", 15L, "MANUAL", 0L));

  @Test
  void csvNamesEveryCountLikeTheJsonAnswer() {
    assertEquals(
        String.join(
            "\r\n",
            "metric,count",
            "sent,10",
            "delivered,7",
            "failedTotal,34",
            "failed.hard_bounce,1",
            "failed.soft_bounce,2",
            "failed.dropped,3",
            "failed.invalid,4",
            "failed.spam,5",
            "failed.unsubscribed,6",
            "clicked,8",
            "opened,9",
            "unsubscribed,11",
            "suppressed,12",
            "errors,13",
            "suppressions.UNSUBSCRIBED,0",
            "suppressions.SPAM_COMPLAINT,0",
            "suppressions.HARD_BOUNCE,14",
            "suppressions.PREFERENCE_CENTER,0",
            "suppressions.MANUAL,0",
            "suppressions.DROPPED,0",
            "suppressions.INVALID_ADDRESS,0",
            "suppressions.BLOCKED,0",
            "suppressions.DEACTIVATED,0",
            "suppressions.INACTIVE,0",
            "suppressions.ADDRESS_REJECTED,0",
            "suppressions.SOFT_BOUNCES,15",
            ""),
        StatsReport.csv(STATS));
  }

  @Test
  void barChartShowsSentDeliveredEachFailureClickedAndUnsubscribed() {
    JsonObject chart = StatsReport.barChart(STATS);

    assertEquals("bar", chart.getString("type"));
    assertEquals(
        List.of(
            "Sent",
            "Delivered",
            "Hard bounce",
            "Soft bounce",
            "Dropped",
            "Invalid",
            "Spam",
            "Clicked",
            "Unsubscribed"),
        chart
            .getJsonObject("data")
            .getJsonArray("labels")
            .getValuesAs((jakarta.json.JsonString s) -> s.getString()));
    JsonObject dataset = chart.getJsonObject("data").getJsonArray("datasets").getJsonObject(0);
    assertEquals(
        List.of(10L, 7L, 1L, 2L, 3L, 4L, 5L, 8L, 11L),
        dataset.getJsonArray("data").getValuesAs((jakarta.json.JsonNumber n) -> n.longValue()));
    assertEquals(9, dataset.getJsonArray("backgroundColor").size());
  }

  @Test
  void cardsShowEveryCountButTheUnsubscribeReportsAmongTheFailuresAndTheReasonsThatDidNotOccur() {
    assertEquals(
        List.of(
            new StatsReport.Card("sent", "Sent", 10),
            new StatsReport.Card("delivered", "Delivered", 7),
            new StatsReport.Card("failedTotal", "Failed", 34),
            new StatsReport.Card("hard_bounce", "Hard bounces", 1),
            new StatsReport.Card("soft_bounce", "Soft bounces", 2),
            new StatsReport.Card("dropped", "Dropped", 3),
            new StatsReport.Card("invalid", "Invalid", 4),
            new StatsReport.Card("spam", "Spam reports", 5),
            new StatsReport.Card("clicked", "Clicked", 8),
            new StatsReport.Card("opened", "Opened", 9),
            new StatsReport.Card("unsubscribed", "Unsubscribed", 11),
            new StatsReport.Card("suppressed", "Suppressed", 12),
            new StatsReport.Card("errors", "Refused at send time", 13),
            new StatsReport.Card("suppressed_hard_bounce", "Suppressed: hard bounce", 14),
            new StatsReport.Card("suppressed_soft_bounces", "Suppressed: soft bounces", 15)),
        StatsReport.cards(STATS));
  }
}
