package org.mailhub.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvTest {

  @Test
  void cellsThatWouldStartAFormulaAreShownAsText() {
    for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
      assertEquals("'" + formula, Csv.cell(formula));
    }
    assertEquals("a@example.com", Csv.cell("a@example.com"));
    assertEquals(-5L, Csv.cell(-5L), "numbers stay numbers");
    assertEquals("", Csv.cell(""));
    assertEquals(null, Csv.cell(null));
  }

  @Test
  void aHostileAddressStaysOneCellOfOneRow() throws IOException {
    StringWriter out = new StringWriter();
    try (var csv = Csv.printer(out, "email", "reason")) {
      Csv.row(csv, "=cmd|' /C calc'!A0@example.com", "HARD_BOUNCE");
      Csv.row(csv, "a@example.com\r\n=HYPERLINK(\"x\"),b", "SPAM");
    }

    List<CSVRecord> rows =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(out.toString()))
            .getRecords();
    assertEquals(2, rows.size(), out.toString());
    assertEquals("'=cmd|' /C calc'!A0@example.com", rows.get(0).get("email"));
    assertEquals("a@example.com\r\n=HYPERLINK(\"x\"),b", rows.get(1).get("email"));
  }
}
