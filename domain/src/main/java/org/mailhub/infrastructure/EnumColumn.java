package org.mailhub.infrastructure;

import jakarta.persistence.AttributeConverter;

/**
 * Stores an enum as its name in a plain text column. Hibernate would otherwise use native enum
 * column types on H2, whose parameter binding we have seen go wrong (a status bound as its
 * ordinal), and which no portable schema update can extend with a new constant.
 */
public abstract class EnumColumn<E extends Enum<E>> implements AttributeConverter<E, String> {

  private final Class<E> type;

  protected EnumColumn(Class<E> type) {
    this.type = type;
  }

  @Override
  public String convertToDatabaseColumn(E value) {
    return value == null ? null : value.name();
  }

  @Override
  public E convertToEntityAttribute(String name) {
    return name == null ? null : Enum.valueOf(type, name);
  }
}
