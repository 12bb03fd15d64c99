package org.mailhub.profile;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** What an imported row must satisfy; the answer names the first problem, or null. */
public final class ProfileRules {

  static final int MAX_PROPERTY_NAME = 100;
  static final int MAX_PROPERTY_VALUE = 1000;
  static final int MAX_PROPERTIES = 200;

  private ProfileRules() {}

  static String problem(ProfileRow row) {
    String emailProblem = emailProblem(row.email());
    if (emailProblem != null) {
      return "email " + emailProblem;
    }
    JsonObject properties = row.properties();
    if (properties.size() > MAX_PROPERTIES) {
      return "more than " + MAX_PROPERTIES + " properties";
    }
    for (var property : properties.entrySet()) {
      String name = property.getKey();
      JsonValue value = property.getValue();
      if (name.isBlank() || name.length() > MAX_PROPERTY_NAME) {
        return "property name '"
            + abbreviate(name)
            + "' is empty or longer than "
            + MAX_PROPERTY_NAME;
      }
      if (value instanceof JsonObject || value.getValueType() == JsonValue.ValueType.ARRAY) {
        return "property " + name + " is not a string, number or boolean";
      }
      if (value.toString().length() > MAX_PROPERTY_VALUE) {
        return "property " + name + " is longer than " + MAX_PROPERTY_VALUE + " characters";
      }
    }
    return null;
  }

  /** Why an address cannot be a profile's (or a suppression's), or null. */
  public static String emailProblem(String email) {
    String given = email == null ? "" : email.strip();
    if (given.isEmpty()) {
      return "is missing";
    }
    if (given.length() > Profile.MAX_EMAIL_LENGTH) {
      return "is longer than " + Profile.MAX_EMAIL_LENGTH + " characters";
    }
    if (!isAddress(given)) {
      return "is not a valid address";
    }
    return null;
  }

  public static boolean isAddress(String email) {
    try {
      InternetAddress address = new InternetAddress(email, true);
      return address.getPersonal() == null
          && address.getAddress().equals(email)
          && email.indexOf('@') > 0
          && email.substring(email.indexOf('@')).contains(".");
    } catch (AddressException e) {
      return false;
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 20 ? text : text.substring(0, 20) + "…";
  }

  /**
   * Text no stored address has or contains, which is not worth a query (PostgreSQL refuses NUL even
   * in one).
   */
  public static boolean unstorable(String email) {
    return email != null
        && (email.indexOf('\0') >= 0 || email.strip().length() > Profile.MAX_EMAIL_LENGTH);
  }
}
