package org.mailhub.provider;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Reading and writing the settings JSON the way every {@link SettingsForm} does. */
public final class SettingsJson {

  private SettingsJson() {}

  /** The text under {@code name}, or null when it is absent or not text. */
  public static String text(JsonObject object, String name) {
    return object.get(name) instanceof JsonString string ? string.getString() : null;
  }

  /** The object under {@code name}, or an empty one when it is absent or not an object. */
  public static JsonObject object(JsonObject object, String name) {
    return object.get(name) instanceof JsonObject found ? found : JsonValue.EMPTY_JSON_OBJECT;
  }

  /** The whole number under {@code name}, or null when it is absent or not a number. */
  public static Integer number(JsonObject object, String name) {
    return object.get(name) instanceof JsonNumber number ? number.intValue() : null;
  }

  /** Adds the value unless it is empty: an empty secret keeps the stored one. */
  public static void put(JsonObjectBuilder builder, String name, String value) {
    if (given(value)) {
      builder.add(name, value);
    }
  }

  public static void put(JsonObjectBuilder builder, String name, Integer value) {
    if (value != null) {
      builder.add(name, value);
    }
  }

  public static boolean given(String value) {
    return value != null && !value.isBlank();
  }
}
