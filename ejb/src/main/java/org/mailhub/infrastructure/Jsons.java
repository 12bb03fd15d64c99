package org.mailhub.infrastructure;

import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON-P provider, looked up once. Each static {@code jakarta.json.Json} call looks the
 * provider up again through the ServiceLoader; on the dispatch and callback paths that lookup was a
 * quarter of the CPU time (Java Flight Recorder, benchmark of 2026-11-23).
 */
public final class Jsons {

  public static final JsonProvider JSON = JsonProvider.provider();

  private Jsons() {}

  /**
   * A JSON object's values as text, the way templates use profile properties and campaign values:
   * strings as they are, anything else as its JSON.
   */
  public static Map<String, String> texts(String object) {
    Map<String, String> values = new HashMap<>();
    try (var reader = JSON.createReader(new StringReader(object))) {
      reader
          .readObject()
          .forEach(
              (name, value) ->
                  values.put(
                      name, value instanceof JsonString s ? s.getString() : value.toString()));
    }
    return values;
  }
}
