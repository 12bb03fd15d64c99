package org.mailhub.provider;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.Serializable;

/**
 * A secret's input: empty unless something is typed. What is stored comes back masked ({@code
 * ••••}) and is only shown in the placeholder; an input left empty sends nothing, which keeps it.
 */
public class Secret implements Serializable {

  private static final long serialVersionUID = 1L;

  private String value;
  private String stored;

  /** Takes the masked secret stored under {@code name}, if any. */
  public void read(JsonObject maskedSettings, String name) {
    keep(SettingsJson.text(maskedSettings, name));
  }

  /** Empties the input, keeping {@code masked} (null: nothing stored). */
  public void keep(String masked) {
    value = null;
    stored = masked;
  }

  /** Adds the typed secret, if any. */
  public void put(JsonObjectBuilder settings, String name) {
    SettingsJson.put(settings, name, value);
  }

  /** The typed secret, or null. */
  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  /** The stored secret, masked, or null. */
  public String getStored() {
    return stored;
  }

  /** What the empty input says: that the stored secret is kept, or {@code otherwise}. */
  public String placeholder(String otherwise) {
    return stored == null ? otherwise : "stored " + stored + " (leave empty to keep)";
  }

  public String getPlaceholder() {
    return placeholder("");
  }
}
