package org.mailhub.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.mailhub.callback.DeliveryEventType;
import org.mailhub.campaign.CampaignService.SendResponse;
import org.mailhub.dispatch.SendStatus;

class SendsCsvTest {

  private static final Instant AT = Instant.parse("2026-11-24T10:15:30Z");

  @Test
  void writesAHeaderAndOneRowPerRecordWithEmptyCellsForWhatIsUnknown() throws IOException {
    String csv =
        write(
            List.of(
                send(1, "a@example.com", SendStatus.SENT, DeliveryEventType.DELIVERED, null),
                send(2, "b@example.com", SendStatus.QUEUED, null, null)),
            10);

    assertEquals(
        "email,status,outcome,messageId,error,attempts,updatedAt,description,providerId\r\n"
            + "a@example.com,SENT,DELIVERED,msg-1,,1,2026-11-24T10:15:30Z,,4\r\n"
            + "b@example.com,QUEUED,,msg-2,,1,2026-11-24T10:15:30Z,,4\r\n",
        csv);
  }

  @Test
  void quotesValuesWithCommasQuotesOrLineBreaksSoThatTheyReadBackUnchanged() throws IOException {
    String error = "550 5.1.1 \"no such user\", rejected\r\nsecond line";
    String csv = write(List.of(send(1, "a@example.com", SendStatus.FAILED, null, error)), 10);

    assertEquals(
        "a@example.com,FAILED,,msg-1,\"550 5.1.1 \"\"no such user\"\", rejected\r\nsecond line\",1,"
            + "2026-11-24T10:15:30Z,\"550 5.1.1 \"\"no such user\"\", rejected\r\nsecond line\",4\r\n",
        csv.substring(csv.indexOf("\r\n") + 2));
    List<CSVRecord> read = read(csv);
    assertEquals(1, read.size());
    assertEquals(error, read.get(0).get("error"));
    assertEquals(error, read.get(0).get("description"));
  }

  @Test
  void aReportedFailureShowsTheProvidersDescriptionInTheLastColumn() throws IOException {
    SendResponse bounced =
        new SendResponse(
            1L,
            "a@example.com",
            "meta1",
            SendStatus.SENT,
            "msg-1",
            null,
            1,
            AT,
            DeliveryEventType.HARD_BOUNCE,
            "550 5.1.1 user unknown",
            9L);

    String csv = write(List.of(bounced), 10);
    List<CSVRecord> read = read(csv);

    assertEquals("HARD_BOUNCE", read.get(0).get("outcome"));
    assertEquals("", read.get(0).get("error"));
    assertEquals("550 5.1.1 user unknown", read.get(0).get("description"));
    assertEquals("9", read.get(0).get("providerId"));
    assertEquals(
        "email,status,outcome,messageId,error,attempts,updatedAt,description,providerId",
        csv.lines().findFirst().orElseThrow());
  }

  @Test
  void pagesThroughEveryRecordAfterTheLastOneWritten() throws IOException {
    List<SendResponse> all =
        LongStream.rangeClosed(1, 25)
            .mapToObj(id -> send(id * 3, "r" + id + "@example.com", SendStatus.SENT, null, null))
            .toList();
    List<Long> asked = new ArrayList<>();

    StringWriter out = new StringWriter();
    SendsCsv.write(
        out,
        after -> {
          asked.add(after);
          return all.stream().filter(r -> r.id() > after).limit(10).toList();
        });

    List<CSVRecord> read = read(out.toString());
    assertEquals(25, read.size());
    assertEquals("r1@example.com", read.get(0).get("email"));
    assertEquals("r25@example.com", read.get(24).get("email"));
    assertEquals(List.of(0L, 30L, 60L, 75L), asked);
  }

  private static String write(List<SendResponse> records, int pageSize) throws IOException {
    StringWriter out = new StringWriter();
    SendsCsv.write(
        out, after -> records.stream().filter(r -> r.id() > after).limit(pageSize).toList());
    return out.toString();
  }

  private static List<CSVRecord> read(String csv) throws IOException {
    return CSVFormat.RFC4180
        .builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .get()
        .parse(new StringReader(csv))
        .getRecords();
  }

  private static SendResponse send(
      long id, String email, SendStatus status, DeliveryEventType outcome, String error) {
    return new SendResponse(
        id, email, "meta" + id, status, "msg-" + id, error, 1, AT, outcome, error, 4L);
  }
}
