package org.mailhub.stats;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Statistics as named counts (for CSV) and as a Chart.js bar chart (for the reports page). */
public final class StatsReport {

  private static final String SENT = "#4e79a7";
  private static final String GOOD = "#59a14f";
  private static final String BAD = "#e15759";
  private static final String CLICKED = "#b07aa1";
  private static final String UNSUBSCRIBED = "#9c9c9c";

  private StatsReport() {}

  /** Every count, named like the fields of the JSON answer ({@code failed.hard_bounce}, ...). */
  public static Map<String, Long> counts(Stats s) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("sent", s.sent());
    counts.put("delivered", s.delivered());
    counts.put("failed.hard_bounce", s.failed().hardBounce());
    counts.put("failed.soft_bounce", s.failed().softBounce());
    counts.put("failed.dropped", s.failed().dropped());
    counts.put("failed.invalid", s.failed().invalid());
    counts.put("failed.spam", s.failed().spam());
    counts.put("failed.unsubscribed", s.failed().unsubscribed());
    counts.put("clicked", s.clicked());
    counts.put("opened", s.opened());
    counts.put("unsubscribed", s.unsubscribed());
    counts.put("suppressed", s.suppressed());
    counts.put("errors", s.errors());
    return counts;
  }

  /** {@code metric,count} rows. */
  public static String csv(Stats s) {
    StringWriter out = new StringWriter();
    try (CSVPrinter csv =
        new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("metric", "count").get())) {
      for (Map.Entry<String, Long> count : counts(s).entrySet()) {
        csv.printRecord(count.getKey(), count.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * The Chart.js configuration (PrimeFaces' {@code p:chart}) of a bar chart: sent, delivered, the
   * failures by type, clicked and unsubscribed.
   */
  public static JsonObject barChart(Stats s) {
    JsonArrayBuilder labels = JSON.createArrayBuilder();
    JsonArrayBuilder data = JSON.createArrayBuilder();
    JsonArrayBuilder colors = JSON.createArrayBuilder();
    for (Bar bar :
        List.of(
            new Bar("Sent", s.sent(), SENT),
            new Bar("Delivered", s.delivered(), GOOD),
            new Bar("Hard bounce", s.failed().hardBounce(), BAD),
            new Bar("Soft bounce", s.failed().softBounce(), BAD),
            new Bar("Dropped", s.failed().dropped(), BAD),
            new Bar("Invalid", s.failed().invalid(), BAD),
            new Bar("Spam", s.failed().spam(), BAD),
            new Bar("Clicked", s.clicked(), CLICKED),
            new Bar("Unsubscribed", s.unsubscribed(), UNSUBSCRIBED))) {
      labels.add(bar.label());
      data.add(bar.count());
      colors.add(bar.color());
    }
    return JSON.createObjectBuilder()
        .add("type", "bar")
        .add(
            "data",
            JSON.createObjectBuilder()
                .add("labels", labels)
                .add(
                    "datasets",
                    JSON.createArrayBuilder()
                        .add(
                            JSON.createObjectBuilder()
                                .add("label", "Emails")
                                .add("data", data)
                                .add("backgroundColor", colors))))
        .add(
            "options",
            JSON.createObjectBuilder()
                .add("maintainAspectRatio", false)
                .add("animation", false)
                .add(
                    "plugins",
                    JSON.createObjectBuilder()
                        .add("legend", JSON.createObjectBuilder().add("display", false)))
                .add(
                    "scales",
                    JSON.createObjectBuilder()
                        .add(
                            "y",
                            JSON.createObjectBuilder()
                                .add("beginAtZero", true)
                                .add("ticks", JSON.createObjectBuilder().add("precision", 0)))))
        .build();
  }

  private record Bar(String label, long count, String color) {}
}
