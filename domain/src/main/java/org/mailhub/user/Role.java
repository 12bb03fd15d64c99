package org.mailhub.user;

import java.util.Locale;

/** What a signed-in person or program may do: an admin everything, a viewer read. */
public enum Role {
  ADMIN,
  VIEWER;

  /** The role's name in the web application's security constraints. */
  public String roleName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Stored by name. */
  @jakarta.persistence.Converter(autoApply = true)
  public static class Column extends org.mailhub.infrastructure.EnumColumn<Role> {
    public Column() {
      super(Role.class);
    }
  }
}
