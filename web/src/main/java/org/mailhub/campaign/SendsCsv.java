package org.mailhub.campaign;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.function.LongFunction;
import org.apache.commons.csv.CSVPrinter;
import org.mailhub.campaign.CampaignService.SendResponse;
import org.mailhub.infrastructure.Csv;

/**
 * A campaign's send records as CSV, one row per recipient, read a page at a time. {@code
 * description} and then {@code providerId} (the provider called, a backup after a failover) come
 * last so that readers of the 0.1 columns by position still find them.
 */
public final class SendsCsv {

  static final String[] HEADER = {
    "email",
    "status",
    "outcome",
    "messageId",
    "error",
    "attempts",
    "updatedAt",
    "description",
    "providerId"
  };

  private SendsCsv() {}

  /**
   * Writes every record that {@code pageAfter} gives, asking it for the records after the last
   * written id until it answers an empty page.
   */
  public static void write(Writer out, LongFunction<List<SendResponse>> pageAfter)
      throws IOException {
    write(out, pageAfter, offset -> List.of());
  }

  /**
   * Writes every record, then every recipient still waiting to be sent that {@code waitingFrom}
   * gives from an offset on, until it answers an empty page.
   */
  public static void write(
      Writer out,
      LongFunction<List<SendResponse>> pageAfter,
      LongFunction<List<SendResponse>> waitingFrom)
      throws IOException {
    CSVPrinter csv = Csv.printer(out, HEADER);
    long after = 0;
    for (List<SendResponse> page = pageAfter.apply(after);
        !page.isEmpty();
        page = pageAfter.apply(after)) {
      for (SendResponse r : page) {
        print(csv, r);
      }
      after = page.get(page.size() - 1).id();
    }
    long offset = 0;
    for (List<SendResponse> page = waitingFrom.apply(offset);
        !page.isEmpty();
        page = waitingFrom.apply(offset)) {
      for (SendResponse r : page) {
        print(csv, r);
      }
      offset += page.size();
    }
    csv.flush();
  }

  private static void print(CSVPrinter csv, SendResponse r) throws IOException {
    Csv.row(
        csv,
        r.email(),
        r.status(),
        r.outcome(),
        r.messageId(),
        r.error(),
        r.attempts(),
        r.updatedAt(),
        r.description(),
        r.providerId());
  }
}
