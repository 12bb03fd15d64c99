package org.mailhub.campaign;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.mailhub.profile.Profile;

/** Who a campaign is for: every profile, a list of addresses, or profiles with a property value. */
@Embeddable
public class Audience {

  public enum Type {
    ALL,
    EMAILS,
    PROPERTY;

    /** Stored by name. */
    @jakarta.persistence.Converter(autoApply = true)
    public static class Column extends org.mailhub.infrastructure.EnumColumn<Type> {
      public Column() {
        super(Type.class);
      }
    }
  }

  public static final int MAX_EMAILS = 10_000;

  @Column(name = "audience_type", nullable = false, length = 10)
  private Type type;

  /** For EMAILS: the normalised addresses, one per line. */
  @Column(name = "audience_emails", length = 4_000_000)
  private String emails;

  @Column(name = "audience_property", length = 100)
  private String property;

  @Column(name = "audience_value", length = 1000)
  private String value;

  protected Audience() {}

  private Audience(Type type, String emails, String property, String value) {
    this.type = type;
    this.emails = emails;
    this.property = property;
    this.value = value;
  }

  public static Audience all() {
    return new Audience(Type.ALL, null, null, null);
  }

  public static Audience emails(List<String> emails) {
    if (emails == null || emails.isEmpty() || emails.size() > MAX_EMAILS) {
      throw new IllegalArgumentException("needs 1 to " + MAX_EMAILS + " addresses");
    }
    return new Audience(
        Type.EMAILS,
        String.join("\n", emails.stream().map(Profile::normalize).distinct().toList()),
        null,
        null);
  }

  public static Audience property(String property, String value) {
    if (property == null || property.isBlank() || value == null) {
      throw new IllegalArgumentException("needs a property and a value");
    }
    return new Audience(Type.PROPERTY, null, property.strip(), value);
  }

  public Type type() {
    return type;
  }

  public List<String> emailList() {
    return emails == null ? List.of() : Arrays.asList(emails.split("\n"));
  }

  public String property() {
    return property;
  }

  public String value() {
    return value;
  }

  /** Whether a profile's property value (as text) selects it. */
  public boolean matches(String propertyValue) {
    return type != Type.PROPERTY || Objects.equals(value, propertyValue);
  }
}
