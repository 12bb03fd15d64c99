package org.mailhub.campaign;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.function.LongFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.mailhub.campaign.CampaignService.SendResponse;

/** A campaign's send records as CSV, one row per recipient, read a page at a time. */
public final class SendsCsv {

  static final String[] HEADER = {
    "email", "status", "outcome", "messageId", "error", "attempts", "updatedAt"
  };

  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader(HEADER).get();

  private SendsCsv() {}

  /**
   * Writes every record that {@code pageAfter} gives, asking it for the records after the last
   * written id until it answers an empty page.
   */
  public static void write(Writer out, LongFunction<List<SendResponse>> pageAfter)
      throws IOException {
    CSVPrinter csv = new CSVPrinter(out, FORMAT);
    long after = 0;
    for (List<SendResponse> page = pageAfter.apply(after);
        !page.isEmpty();
        page = pageAfter.apply(after)) {
      for (SendResponse r : page) {
        csv.printRecord(
            r.email(),
            r.status(),
            r.outcome(),
            r.messageId(),
            r.error(),
            r.attempts(),
            r.updatedAt());
      }
      after = page.get(page.size() - 1).id();
    }
    csv.flush();
  }
}
