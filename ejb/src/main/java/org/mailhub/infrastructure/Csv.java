package org.mailhub.infrastructure;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * mailhub's CSV exports: RFC 4180 through Commons CSV, and cells that a spreadsheet would run as a
 * formula ({@code = + - @}, or a leading tab or carriage return) neutralised with a leading
 * apostrophe, since addresses and errors come from outside (webhooks, imports, providers' answers).
 */
public final class Csv {

  private static final String FORMULA_STARTS = "=+-@\t\r";

  private Csv() {}

  public static CSVPrinter printer(Writer out, String... header) throws IOException {
    return new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header).get());
  }

  /** Prints one row, each text cell {@link #cell neutralised}. */
  public static void row(CSVPrinter csv, Object... values) throws IOException {
    csv.printRecord(Arrays.stream(values).map(Csv::cell).toArray());
  }

  /**
   * The value as a spreadsheet may show it: text that would start a formula starts with {@code '}.
   */
  public static Object cell(Object value) {
    if (value instanceof CharSequence text
        && !text.isEmpty()
        && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return value;
  }
}
