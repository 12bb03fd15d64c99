package org.mailhub.callback;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.mailhub.infrastructure.RequestRejected;

/** Lenient reading of webhook JSON, where ESPs send numbers as strings and strings as numbers. */
public final class WebhookJson {

  /** Digits a number may have when written out in full. */
  private static final int MAX_PLAIN_DIGITS = 100;

  private WebhookJson() {}

  public static JsonValue parse(String body) {
    try (var reader = JSON.createReader(new StringReader(body == null ? "" : body))) {
      return reader.readValue();
    } catch (JsonException e) {
      throw RequestRejected.invalid("body", "is not valid JSON: " + e.getMessage());
    } catch (RuntimeException e) {
      // Parsson refuses nesting deeper than 1000 with a bare RuntimeException
      throw RequestRejected.invalid("body", "cannot be read as JSON: " + e.getMessage());
    }
  }

  /** The events of a webhook that posts either an array of them or a single one. */
  public static java.util.List<JsonValue> events(String body, String expected) {
    JsonValue root = parse(body);
    return switch (root.getValueType()) {
      case ARRAY -> root.asJsonArray();
      case OBJECT -> java.util.List.of(root);
      default -> throw RequestRejected.invalid("body", "must be " + expected);
    };
  }

  /**
   * The value as text, exactly as sent: a number keeps all its digits (never a double). A number
   * whose plain form would be huge ({@code 1e900000000}) stays in its short scientific form:
   * writing out its digits would take gigabytes.
   */
  public static String text(JsonObject object, String name) {
    JsonValue value = object.get(name);
    if (value instanceof JsonString s) {
      // NUL is valid JSON but no database text (PostgreSQL refuses it even in a query)
      String text =
          s.getString().indexOf('\0') < 0 ? s.getString() : s.getString().replace("\0", "");
      return text.isBlank() ? null : text.strip();
    }
    if (value instanceof JsonNumber n) {
      BigDecimal number = n.bigDecimalValue();
      return Math.abs((long) number.scale()) + number.precision() > MAX_PLAIN_DIGITS
          ? number.toString()
          : number.toPlainString();
    }
    return null;
  }

  /**
   * Unix seconds, as a number or a string; null when absent, unreadable or not a plausible time.
   */
  public static Instant epochSeconds(JsonObject object, String name) {
    String text = text(object, name);
    try {
      return text == null ? null : plausible(Instant.ofEpochSecond(Long.parseLong(text)));
    } catch (NumberFormatException | DateTimeException e) {
      return null;
    }
  }

  /** An ISO-8601 instant; null when absent, unreadable or not a plausible time. */
  public static Instant iso(JsonObject object, String name) {
    String text = text(object, name);
    try {
      return text == null ? null : plausible(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * An event's time as a database stores it: from 1970 to a day ahead of now (a provider's clock
   * may run a little fast); anything else is not a time the event happened at.
   */
  static Instant plausible(Instant at) {
    return at.isBefore(Instant.EPOCH) || at.isAfter(Instant.now().plus(Duration.ofDays(1)))
        ? null
        : at;
  }
}
