package org.mailhub.provider;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.mailhub.infrastructure.Jsons;
import org.mailhub.infrastructure.RequestRejected.FieldError;

/**
 * The JSON a settings record takes, read from its components: the keys, the JSON type of each
 * value, and the keys of nested records. Requests are checked against it before JSON-B reads them,
 * because JSON-B skips keys it does not know (a typo such as {@code "prot": 2525} was saved as the
 * default port) and converts or refuses values of another type without naming the field ({@code
 * "port": 25.5} became 25, {@code "port": "abc"} a message about {@code java.lang.Integer}).
 * Free-form values (maps such as Generic HTTP {@code headers}, JSON such as its {@code parameters})
 * take any key.
 */
final class SettingsShape {

  /** Who takes the keys, for the message: "SMTP providers take", "dkim takes". */
  private final String taker;

  private final Map<String, Value> keys = new LinkedHashMap<>();

  private SettingsShape(Class<?> record, String taker) {
    if (!record.isRecord()) {
      throw new IllegalArgumentException(record + " is not a record");
    }
    this.taker = taker;
    for (RecordComponent component : record.getRecordComponents()) {
      keys.put(
          component.getName(), value(component.getGenericType(), component.getName() + " takes"));
    }
  }

  /** The shape of a provider type's settings record. */
  static SettingsShape of(ProviderType type, Class<?> settings) {
    return new SettingsShape(settings, type + " providers take");
  }

  /** The keys the settings take, in the record's order. */
  Set<String> keys() {
    return keys.keySet();
  }

  /**
   * Each key the record does not know and each value of the wrong JSON type, named as {@code
   * settings.<key>} ({@code settings.dkim.selector} when nested).
   */
  List<FieldError> problems(JsonObject settings) {
    List<FieldError> problems = new java.util.ArrayList<>();
    check(settings, "settings", problems);
    return problems;
  }

  /**
   * The settings without the keys the record does not know (stored by an older version): answers
   * show what a request may send back.
   */
  JsonObject known(JsonObject settings) {
    JsonObjectBuilder known = Jsons.JSON.createObjectBuilder();
    settings.forEach(
        (key, value) -> {
          if (keys.containsKey(key)) {
            known.add(key, keys.get(key).known(value));
          }
        });
    return known.build();
  }

  private void check(JsonObject settings, String path, List<FieldError> problems) {
    settings.forEach(
        (key, value) -> {
          String field = path + "." + key;
          Value expected = keys.get(key);
          if (expected == null) {
            problems.add(
                new FieldError(
                    field, "is not a setting: " + taker + " " + String.join(", ", keys.keySet())));
          } else {
            expected.check(value, field, problems);
          }
        });
  }

  /** What a setting's JSON value must be. */
  private interface Value {

    void check(JsonValue value, String field, List<FieldError> problems);

    /** The value with the keys its records do not know left out. */
    default JsonValue known(JsonValue value) {
      return value;
    }
  }

  /**
   * A value of one JSON type, or null where the Java type allows it (JSON-B reads null as left out,
   * and Bean Validation names a missing value).
   */
  private record Scalar(Predicate<JsonValue> accepts, boolean nullable, String expected)
      implements Value {
    @Override
    public void check(JsonValue value, String field, List<FieldError> problems) {
      if (!(value == JsonValue.NULL ? nullable : accepts.test(value))) {
        problems.add(new FieldError(field, expected));
      }
    }
  }

  private record Nested(SettingsShape shape) implements Value {
    @Override
    public void check(JsonValue value, String field, List<FieldError> problems) {
      if (value instanceof JsonObject object) {
        shape.check(object, field, problems);
      } else if (value != JsonValue.NULL) {
        problems.add(
            new FieldError(
                field, "must be an object with " + String.join(", ", shape.keys.keySet())));
      }
    }

    @Override
    public JsonValue known(JsonValue value) {
      return value instanceof JsonObject object ? shape.known(object) : value;
    }
  }

  /** A JSON object of any keys, each value of one shape. */
  private record MapOf(Value values) implements Value {
    @Override
    public void check(JsonValue value, String field, List<FieldError> problems) {
      if (value instanceof JsonObject object) {
        object.forEach((key, each) -> values.check(each, field + "." + key, problems));
      } else if (value != JsonValue.NULL) {
        problems.add(new FieldError(field, "must be an object"));
      }
    }
  }

  private record ListOf(Value elements) implements Value {
    @Override
    public void check(JsonValue value, String field, List<FieldError> problems) {
      if (value instanceof JsonArray array) {
        for (int i = 0; i < array.size(); i++) {
          elements.check(array.get(i), field + "[" + i + "]", problems);
        }
      } else if (value != JsonValue.NULL) {
        problems.add(new FieldError(field, "must be an array"));
      }
    }
  }

  private static Value value(Type type, String taker) {
    if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
      Type[] arguments = generic.getActualTypeArguments();
      if (Map.class.isAssignableFrom(raw) && arguments[0] == String.class) {
        return new MapOf(value(arguments[1], taker));
      }
      if (Collection.class.isAssignableFrom(raw)) {
        return new ListOf(value(arguments[0], taker));
      }
    }
    if (type instanceof Class<?> c) {
      if (c == String.class) {
        return new Scalar(JsonString.class::isInstance, true, "must be text");
      }
      if (c == Integer.class || c == int.class) {
        return new Scalar(
            SettingsShape::isInt,
            !c.isPrimitive(),
            "must be a whole number (a JSON number, not text)");
      }
      if (c == Boolean.class || c == boolean.class) {
        return new Scalar(
            v -> v == JsonValue.TRUE || v == JsonValue.FALSE,
            !c.isPrimitive(),
            "must be true or false");
      }
      if (c.isEnum()) {
        Set<String> names =
            Arrays.stream(c.getEnumConstants())
                .map(e -> ((Enum<?>) e).name())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        return new Scalar(
            v -> v instanceof JsonString s && names.contains(s.getString()),
            true,
            "must be one of " + String.join(", ", names));
      }
      if (c.isRecord()) {
        return new Nested(new SettingsShape(c, taker));
      }
      if (c == JsonObject.class) {
        return new Scalar(JsonObject.class::isInstance, true, "must be a JSON object");
      }
      if (c == JsonValue.class) {
        return new Scalar(v -> true, true, "");
      }
    }
    throw new IllegalArgumentException(
        "Settings of type " + type + " have no JSON shape: teach SettingsShape to check it");
  }

  private static boolean isInt(JsonValue value) {
    if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
      return false;
    }
    try {
      number.intValueExact();
      return true;
    } catch (ArithmeticException tooLarge) {
      return false;
    }
  }
}
