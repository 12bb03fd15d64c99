package org.mailhub.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing and chunking; the upsert itself is exercised against the database by the ITs. */
class ProfileImportTest {

  private final List<List<ProfileRow>> chunks = new ArrayList<>();
  private final ProfileImport imports = new ProfileImport();

  {
    imports.profiles =
        new ProfileService() {
          @Override
          public Upserted upsert(List<ProfileRow> rows) {
            chunks.add(rows);
            return new Upserted(rows.size(), 0);
          }
        };
  }

  @Test
  void csvColumnsBecomePropertiesAndBadRowsAreNamed() {
    String csv =
        "Email,name,city\nana@example.com,\"Ana, the \"\"first\"\"\",Lisbon\nnot-an-address,Bob,\nzoë@example.com,Zoë,\n";

    ImportReport report = imports.fromCsv(new StringReader(csv));

    assertEquals(2, report.getCreated());
    assertEquals(1, report.getRejected());
    assertEquals(
        new ImportReport.Rejection(2, "not-an-address", "email is not a valid address"),
        report.getRejections().get(0));
    assertEquals("Ana, the \"first\"", chunks.get(0).get(0).properties().getString("name"));
    assertEquals(1, chunks.get(0).get(1).properties().size(), "empty cells are left out");
    assertNull(report.getError());
  }

  @Test
  void csvFromASpreadsheetMayStartWithAByteOrderMark() {
    ImportReport report =
        imports.fromCsv(new StringReader("\uFEFFemail,name\nana@example.com,Ana\n"));

    assertNull(report.getError());
    assertEquals(1, report.getCreated());
    assertEquals("Ana", chunks.get(0).get(0).properties().getString("name"));
  }

  @Test
  void malformedCsvStopsButKeepsWhatCameBefore() {
    ImportReport report =
        imports.fromCsv(
            new StringReader("email,name\nok@example.com,Ok\nbad@example.com,\"open\n"));

    assertEquals(1, report.getCreated());
    assertEquals(
        "the CSV is malformed: (startline 3) EOF reached before encapsulated token finished",
        report.getError());
  }

  @Test
  void csvWithoutEmailColumnIsRefused() {
    ImportReport report = imports.fromCsv(new StringReader("name\nAna\n"));

    assertEquals("the CSV header has no email column", report.getError());
  }

  @Test
  void jsonRowsAreStreamedInChunks() {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 2500; i++) {
      json.append(i == 0 ? "" : ",").append("{\"email\": \"p").append(i).append("@example.com\"}");
    }
    json.append(",42,{\"email\": \"x@example.com\", \"properties\": [1]}]");

    ImportReport report =
        imports.fromJson(
            new ByteArrayInputStream(json.toString().getBytes(StandardCharsets.UTF_8)));

    assertEquals(List.of(1000, 1000, 500), chunks.stream().map(List::size).toList());
    assertEquals(2500, report.getCreated());
    assertEquals(2, report.getRejected());
    assertEquals("not a JSON object", report.getRejections().get(0).reason());
  }

  @Test
  void malformedJsonStopsButKeepsWhatCameBefore() {
    ImportReport report =
        imports.fromJson(
            new ByteArrayInputStream(
                "[{\"email\": \"a@example.com\"}, {\"email\": ".getBytes(StandardCharsets.UTF_8)));

    assertEquals(1, report.getCreated());
    assertTrue(report.getError().startsWith("the JSON is malformed"), report.getError());
  }

  @Test
  void aJsonRowOfAnySizeStopsTheImportAfterOneMegabyteKeepingTheRowsBefore() {
    // two good rows, then one whose name is 200 MB long: never held in memory whole
    InputStream body =
        endless(
            "[{\"email\": \"ana@example.com\"}, {\"email\": \"bo@example.com\"},"
                + " {\"email\": \"cy@example.com\", \"properties\": {\"name\": \"",
            'x',
            200L << 20);

    ImportReport report = imports.fromJson(body);

    assertEquals(2, report.getCreated());
    assertTrue(
        report.getError().startsWith("row 3 is larger than 1048576 bytes"), report.getError());
  }

  @Test
  void aCsvRowOfAnySizeStopsTheImportAfterOneMegabyteKeepingTheRowsBefore() {
    Reader body =
        new InputStreamReader(
            endless("email,name\nana@example.com,Ana\ncy@example.com,\"", 'y', 200L << 20),
            StandardCharsets.UTF_8);

    ImportReport report = imports.fromCsv(body);

    assertEquals(1, report.getCreated());
    assertTrue(
        report.getError().startsWith("row 2 is larger than 1048576 bytes"), report.getError());
  }

  @Test
  void aRejectedAddressIsNamedAbbreviated() {
    String address = "a".repeat(5000) + "@example.com";

    ImportReport report = imports.fromCsv(new StringReader("email\n" + address + "\n"));

    assertEquals(1, report.getRejected());
    assertEquals(320, report.getRejections().get(0).email().length());
  }

  /** The head, then {@code count} times the filler, generated as it is read. */
  private static InputStream endless(String head, char filler, long count) {
    byte[] start = head.getBytes(StandardCharsets.UTF_8);
    return new InputStream() {
      private long position;

      @Override
      public int read() {
        long at = position++;
        if (at < start.length) {
          return start[(int) at] & 0xff;
        }
        return at < start.length + count ? filler : -1;
      }
    };
  }
}
