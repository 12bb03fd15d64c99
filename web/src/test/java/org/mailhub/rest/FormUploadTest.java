package org.mailhub.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormUploadTest {

  private static final String BOUNDARY = "----mailhub7MA4YWxkTrZu0gW";

  /** A form as browsers and curl -F send it. */
  private static String form(String... parts) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < parts.length; i += 2) {
      body.append("--")
          .append(BOUNDARY)
          .append("\r\nContent-Disposition: form-data; name=\"")
          .append(parts[i])
          .append("\"; filename=\"")
          .append(parts[i])
          .append(".csv\"\r\nContent-Type: text/csv\r\n\r\n")
          .append(parts[i + 1])
          .append("\r\n");
    }
    return body.append("--").append(BOUNDARY).append("--\r\n").toString();
  }

  private static String read(String body, String name) throws IOException {
    return read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), name);
  }

  private static String read(InputStream body, String name) throws IOException {
    try (InputStream part = FormUpload.part(body, BOUNDARY, name)) {
      return new String(part.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsTheNamedPartAndSkipsTheOthers() throws IOException {
    String csv = "email,city\r\nana@example.com,Lisboa\r\n--not-the-boundary\r\n";

    assertEquals(csv, read(form("note", "hello", "file", csv, "file", "later"), "file"));
    assertEquals("hello", read(form("note", "hello", "file", csv), "note"));
    assertEquals("", read(form("file", ""), "file"));
  }

  @Test
  void streamsAPartOfAnySizeAFewBytesAtATime() throws IOException {
    String csv = "email\n" + "someone@example.com\n".repeat(100_000);
    byte[] body = form("file", csv).getBytes(StandardCharsets.UTF_8);
    // as a network would: reads of any length, boundaries cut between them
    InputStream trickle =
        new ByteArrayInputStream(body) {
          private int turn;

          @Override
          public synchronized int read(byte[] buffer, int offset, int length) {
            return super.read(buffer, offset, Math.min(length, 1 + (turn++ * 7) % 97));
          }
        };

    assertEquals(csv, read(trickle, "file"));
  }

  @Test
  void aFormWithoutThePartOrWithoutABoundaryIsUnreadable() {
    assertEquals(
        "the form has no part named file",
        assertThrows(FormUpload.Unreadable.class, () -> read(form("csv", "email\n"), "file"))
            .getMessage());
    assertEquals(
        "the form has no part named file",
        assertThrows(FormUpload.Unreadable.class, () -> read("email,name\na@b.c,A\n", "file"))
            .getMessage());
    assertThrows(
        FormUpload.Unreadable.class,
        () -> FormUpload.part(new ByteArrayInputStream(new byte[0]), null, "file"));
  }

  @Test
  void aFormCutInThePartIsUnreadableWhenTheCutIsReached() throws IOException {
    String whole = form("file", "email\nana@example.com\n");
    InputStream part =
        FormUpload.part(
            new ByteArrayInputStream(
                whole.substring(0, whole.indexOf("ana")).getBytes(StandardCharsets.UTF_8)),
            BOUNDARY,
            "file");

    assertTrue(
        assertThrows(FormUpload.Unreadable.class, part::readAllBytes)
            .getMessage()
            .contains("ends in the middle of its part file"));
  }

  @Test
  void endlessHeadersAreUnreadable() {
    String endless =
        "--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"file\"; x=\""
            + "x".repeat(FormUpload.MAX_HEADERS + FormUpload.READ);

    assertTrue(
        assertThrows(FormUpload.Unreadable.class, () -> read(endless, "file"))
            .getMessage()
            .startsWith("the form is malformed"));
  }

  @Test
  void aPartThatCannotBeDecodedIsUnreadableBeforeOrInTheFile() {
    String base64 =
        "--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"%s\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n!!!*\r\n--"
            + BOUNDARY
            + "--\r\n";

    assertThrows(FormUpload.Unreadable.class, () -> read(base64.formatted("other"), "file"));
    assertThrows(FormUpload.Unreadable.class, () -> read(base64.formatted("file"), "file"));
  }
}
