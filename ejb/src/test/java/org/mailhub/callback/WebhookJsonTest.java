package org.mailhub.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookJsonTest {

  private static JsonObject json(String text) {
    return WebhookJson.parse(text).asJsonObject();
  }

  @Test
  void aHugeExponentStaysShortInsteadOfFillingTheHeap() {
    String text = WebhookJson.text(json("{\"EVENT\": 1e900000000}"), "EVENT");

    assertEquals("1E+900000000", text);
    assertEquals("0.5", WebhookJson.text(json("{\"n\": 5e-1}"), "n"), "ordinary numbers in full");
    assertTrue(WebhookJson.text(json("{\"n\": 1e-900000000}"), "n").length() < 20);
  }

  @Test
  void nulCharactersAreDroppedSinceNoDatabaseStoresThem() {
    assertEquals("ab", WebhookJson.text(json("{\"meta\": \"a\\u0000b\"}"), "meta"));
    assertNull(WebhookJson.text(json("{\"meta\": \"\\u0000\"}"), "meta"));
  }

  @Test
  void longDigitStringsKeepTheirDigits() {
    assertEquals(
        "15379002020014000", WebhookJson.text(json("{\"TRANSID\": 15379002020014000}"), "TRANSID"));
  }

  @Test
  void timesOutsideWhatADatabaseStoresAreUnreadable() {
    assertNull(WebhookJson.epochSeconds(json("{\"T\": \"99999999999999999\"}"), "T"));
    assertNull(WebhookJson.epochSeconds(json("{\"T\": 99999999999}"), "T"), "year 5138");
    assertNull(WebhookJson.epochSeconds(json("{\"T\": -5}"), "T"));
    assertNull(WebhookJson.iso(json("{\"T\": \"+999999999-12-31T23:59:59Z\"}"), "T"));
    assertEquals(
        Instant.ofEpochSecond(1700000000),
        WebhookJson.epochSeconds(json("{\"T\": 1700000000}"), "T"));
  }
}
