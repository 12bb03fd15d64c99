package org.mailhub.stats;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.commons.csv.CSVPrinter;
import org.mailhub.infrastructure.Csv;
import org.mailhub.suppression.SuppressionList;
import org.mailhub.suppression.SuppressionReason;

/** Statistics as named counts (for CSV) and as a Chart.js bar chart (for the reports page). */
public final class StatsReport {

  private static final String SENT = "#4e79a7";
  private static final String GOOD = "#59a14f";
  private static final String BAD = "#e15759";
  private static final String CLICKED = "#b07aa1";
  private static final String UNSUBSCRIBED = "#9c9c9c";

  /**
   * Every count in the JSON answer's order: its CSV name, the label of its card on the reports page
   * and of its bar in the chart (null: none), and the bar's colour.
   */
  private record Metric(
      String key, ToLongFunction<Stats> count, String card, String bar, String color) {}

  private static List<Metric> metrics() {
    List<Metric> metrics = new ArrayList<>(FIXED);
    for (SuppressionReason reason : SuppressionReason.values()) {
      String name = reason.name();
      metrics.add(
          new Metric(
              SUPPRESSIONS + name,
              s -> s.suppressions().getOrDefault(name, 0L),
              "Suppressed: " + SuppressionList.labelOf(reason).toLowerCase(Locale.ROOT),
              null,
              null));
    }
    return List.copyOf(metrics);
  }

  private static final String SUPPRESSIONS = "suppressions.";

  private static final List<Metric> FIXED =
      List.of(
          new Metric("sent", Stats::sent, "Sent", "Sent", SENT),
          new Metric("delivered", Stats::delivered, "Delivered", "Delivered", GOOD),
          // every failure, refused or reported; its parts have their bars
          new Metric("failedTotal", Stats::failedTotal, "Failed", null, null),
          new Metric(
              "failed.hard_bounce",
              s -> s.failed().hardBounce(),
              "Hard bounces",
              "Hard bounce",
              BAD),
          new Metric(
              "failed.soft_bounce",
              s -> s.failed().softBounce(),
              "Soft bounces",
              "Soft bounce",
              BAD),
          new Metric("failed.dropped", s -> s.failed().dropped(), "Dropped", "Dropped", BAD),
          new Metric("failed.invalid", s -> s.failed().invalid(), "Invalid", "Invalid", BAD),
          new Metric("failed.spam", s -> s.failed().spam(), "Spam reports", "Spam", BAD),
          // the card and the bar "Unsubscribed" show every report that unsubscribed an address
          new Metric("failed.unsubscribed", s -> s.failed().unsubscribed(), null, null, null),
          new Metric("clicked", Stats::clicked, "Clicked", "Clicked", CLICKED),
          new Metric("opened", Stats::opened, "Opened", null, null),
          new Metric(
              "unsubscribed", Stats::unsubscribed, "Unsubscribed", "Unsubscribed", UNSUBSCRIBED),
          new Metric("suppressed", Stats::suppressed, "Suppressed", null, null),
          new Metric("errors", Stats::errors, "Refused at send time", null, null));

  /** The fixed counts, then the suppressions by reason. */
  private static final List<Metric> METRICS = metrics();

  /** A count as the reports page shows it; {@code id} names the element of its value. */
  public record Card(String id, String label, long value) implements Serializable {}

  private StatsReport() {}

  /** Every count, named like the fields of the JSON answer ({@code failed.hard_bounce}, ...). */
  public static Map<String, Long> counts(Stats s) {
    Map<String, Long> counts = new LinkedHashMap<>();
    METRICS.forEach(m -> counts.put(m.key(), m.count().applyAsLong(s)));
    return counts;
  }

  /**
   * The cards of the reports page, with ids like {@code hard_bounce}; suppressions by reason
   * ({@code suppressed_hard_bounce}) only for the reasons that occur.
   */
  public static List<Card> cards(Stats s) {
    return METRICS.stream()
        .filter(m -> m.card() != null)
        .filter(m -> !m.key().startsWith(SUPPRESSIONS) || m.count().applyAsLong(s) > 0)
        .map(m -> new Card(cardId(m.key()), m.card(), m.count().applyAsLong(s)))
        .toList();
  }

  private static String cardId(String key) {
    return key.startsWith(SUPPRESSIONS)
        ? "suppressed_" + key.substring(SUPPRESSIONS.length()).toLowerCase(Locale.ROOT)
        : key.substring(key.indexOf('.') + 1);
  }

  /** {@code metric,count} rows. */
  public static String csv(Stats s) {
    StringWriter out = new StringWriter();
    try (CSVPrinter csv = Csv.printer(out, "metric", "count")) {
      for (Map.Entry<String, Long> count : counts(s).entrySet()) {
        Csv.row(csv, count.getKey(), count.getValue());
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
    for (Metric bar : METRICS) {
      if (bar.bar() != null) {
        labels.add(bar.bar());
        data.add(bar.count().applyAsLong(s));
        colors.add(bar.color());
      }
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
}
