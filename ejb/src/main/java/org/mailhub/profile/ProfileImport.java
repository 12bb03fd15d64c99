package org.mailhub.profile;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams profiles from a JSON array or a CSV file into the database, a chunk (one transaction) at
 * a time, so that an import of a million rows never holds more than one chunk in memory.
 */
@ApplicationScoped
public class ProfileImport {

  static final int CHUNK = 1000;

  @Inject ProfileService profiles;

  /** A JSON array of {@code {"email": ..., "properties": {...}}}. */
  public ImportReport fromJson(InputStream json) {
    ImportReport report = new ImportReport();
    RowBudget budget = new RowBudget();
    long row = 0;
    try (JsonParser parser = JSON.createParser(budget.bytes(json));
        Chunks chunks = new Chunks(report)) {
      if (!parser.hasNext() || parser.next() != JsonParser.Event.START_ARRAY) {
        report.stop("the body must be a JSON array of profiles");
        return report;
      }
      while (parser.hasNext()) {
        budget.startRow();
        row++;
        JsonParser.Event event = parser.next();
        if (event == JsonParser.Event.END_ARRAY) {
          break;
        }
        if (event != JsonParser.Event.START_OBJECT) {
          parser.getValue();
          report.reject(row, null, "not a JSON object");
          continue;
        }
        JsonObject object = parser.getObject();
        JsonValue email = object.get("email");
        JsonValue properties = object.getOrDefault("properties", JsonValue.EMPTY_JSON_OBJECT);
        String address = email instanceof JsonString s ? s.getString() : null;
        if (!(properties instanceof JsonObject)) {
          report.reject(row, address, "properties must be a JSON object");
          continue;
        }
        chunks.add(row, new ProfileRow(address, (JsonObject) properties));
      }
    } catch (JsonException e) {
      report.stop(
          RowBudget.exceeded(e)
              ? tooLarge(Math.max(row, 1))
              : "the JSON is malformed: " + e.getMessage());
    }
    return report;
  }

  /** CSV with a header row naming the columns; the {@code email} column is required. */
  public ImportReport fromCsv(Reader csv) {
    ImportReport report = new ImportReport();
    CSVFormat format =
        CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    RowBudget budget = new RowBudget();
    long row = 0;
    try (CSVParser parser =
            CSVParser.builder().setReader(budget.chars(withoutBom(csv))).setFormat(format).get();
        Chunks chunks = new Chunks(report)) {
      List<String> header = parser.getHeaderNames();
      String emailColumn =
          header.stream()
              .filter(h -> h.toLowerCase(Locale.ROOT).equals("email"))
              .findFirst()
              .orElse(null);
      if (emailColumn == null) {
        report.stop("the CSV header has no email column");
        return report;
      }
      for (CSVRecord record : parser) {
        budget.startRow(); // the parser reads the next record on the next turn
        row = record.getRecordNumber();
        JsonObjectBuilder properties = JSON.createObjectBuilder();
        for (String column : header) {
          if (!column.equals(emailColumn)
              && record.isSet(column)
              && !record.get(column).isEmpty()) {
            properties.add(column, record.get(column));
          }
        }
        chunks.add(
            record.getRecordNumber(),
            new ProfileRow(
                record.isSet(emailColumn) ? record.get(emailColumn) : null, properties.build()));
      }
    } catch (IOException e) {
      report.stop(
          RowBudget.exceeded(e) ? tooLarge(row + 1) : "the CSV cannot be read: " + e.getMessage());
    } catch (UncheckedIOException e) {
      // the parser's own message, without the wrapping exception's class name
      report.stop(
          RowBudget.exceeded(e)
              ? tooLarge(row + 1)
              : "the CSV is malformed: " + e.getCause().getMessage());
    } catch (IllegalStateException | IllegalArgumentException e) {
      report.stop("the CSV is malformed: " + e.getMessage());
    }
    return report;
  }

  private static String tooLarge(long row) {
    return "row "
        + row
        + " is larger than "
        + RowBudget.MAX_ROW
        + " bytes (a profile has at most "
        + ProfileRules.MAX_PROPERTIES
        + " properties of "
        + ProfileRules.MAX_PROPERTY_VALUE
        + " characters); the rows before it are kept";
  }

  /**
   * Spreadsheet programs begin UTF-8 CSV files with a byte order mark, which would otherwise become
   * part of the first column's name (and hide an {@code email} column there).
   */
  private static Reader withoutBom(Reader csv) throws IOException {
    PushbackReader reader = new PushbackReader(csv);
    int first = reader.read();
    if (first != -1 && first != '\uFEFF') {
      reader.unread(first);
    }
    return reader;
  }

  /** Valid rows gathered into chunks and upserted; invalid ones reported. */
  private final class Chunks implements AutoCloseable {
    private final ImportReport report;
    private final List<ProfileRow> rows = new ArrayList<>(CHUNK);

    Chunks(ImportReport report) {
      this.report = report;
    }

    void add(long row, ProfileRow profile) {
      String problem = ProfileRules.problem(profile);
      if (problem != null) {
        report.reject(row, profile.email(), problem);
        return;
      }
      rows.add(profile);
      if (rows.size() == CHUNK) {
        flush();
      }
    }

    private void flush() {
      if (!rows.isEmpty()) {
        report.add(profiles.upsert(List.copyOf(rows)));
        rows.clear();
      }
    }

    @Override
    public void close() {
      flush();
    }
  }
}
