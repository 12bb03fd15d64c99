package org.mailhub.it;

import jakarta.json.JsonObject;

/** What the hostile-input stories share: events and requests with one field made hostile. */
final class Hostile {

  private Hostile() {}

  /** The object as JSON text with {@code field} holding {@code value} (raw JSON) instead. */
  static String replaceField(JsonObject object, String field, String value) {
    StringBuilder json = new StringBuilder("{");
    for (String name : object.keySet()) {
      if (json.length() > 1) {
        json.append(", ");
      }
      json.append('"').append(name).append("\": ");
      json.append(name.equals(field) ? value : object.get(name).toString());
    }
    return json.append('}').toString();
  }

  /** Enough of an answer to tell which request failed. */
  static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
