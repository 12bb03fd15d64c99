package org.mailhub.callback;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.mailhub.infrastructure.RequestRejected;

/** Lenient reading of webhook JSON, where ESPs send numbers as strings and strings as numbers. */
public final class WebhookJson {

  private WebhookJson() {}

  public static JsonValue parse(String body) {
    try (var reader = JSON.createReader(new StringReader(body == null ? "" : body))) {
      return reader.readValue();
    } catch (JsonException e) {
      throw RequestRejected.invalid("body", "is not valid JSON: " + e.getMessage());
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

  /** The value as text, exactly as sent: a number keeps all its digits (never a double). */
  public static String text(JsonObject object, String name) {
    JsonValue value = object.get(name);
    if (value instanceof JsonString s) {
      return s.getString().isBlank() ? null : s.getString().strip();
    }
    if (value instanceof JsonNumber n) {
      return n.bigDecimalValue().toPlainString();
    }
    return null;
  }

  /** Unix seconds, as a number or a string; null when absent or unreadable. */
  public static Instant epochSeconds(JsonObject object, String name) {
    String text = text(object, name);
    try {
      return text == null ? null : Instant.ofEpochSecond(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** An ISO-8601 instant; null when absent or unreadable. */
  public static Instant iso(JsonObject object, String name) {
    String text = text(object, name);
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
