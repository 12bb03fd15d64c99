package org.mailhub.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.faces.convert.ConverterException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InstantConverterTest {

  private final InstantConverter converter = new InstantConverter();

  @Test
  void showsTheMinuteInUtc() {
    assertEquals(
        "2026-11-23 14:05 UTC",
        converter.getAsString(null, null, Instant.parse("2026-11-23T14:05:59.123Z")));
    assertEquals("", converter.getAsString(null, null, null));
  }

  @Test
  void readsWhatItShows() {
    assertEquals(
        Instant.parse("2026-11-23T14:05:00Z"),
        converter.getAsObject(null, null, " 2026-11-23 14:05 UTC "));
    assertNull(converter.getAsObject(null, null, ""));
    assertThrows(ConverterException.class, () -> converter.getAsObject(null, null, "yesterday"));
  }
}
