package org.mailhub.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsReportTest {

  private static final Stats STATS =
      new Stats(10, 7, new Stats.Failed(1, 2, 3, 4, 5, 6), 8, 9, 11, 12, 13);

  @Test
  void csvNamesEveryCountLikeTheJsonAnswer() {
    assertEquals(
        String.join(
            "\r\n",
            "metric,count",
            "sent,10",
            "delivered,7",
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
}
