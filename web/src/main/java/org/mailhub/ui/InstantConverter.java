package org.mailhub.ui;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.ConverterException;
import jakarta.faces.convert.FacesConverter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Shows a moment to the minute in UTC, which the page says: the server cannot know the reader's
 * time zone, and Faces 4.0's {@code f:convertDateTime} has no type for {@link Instant}.
 */
@FacesConverter("mailhub.instant")
public class InstantConverter implements Converter<Instant> {

  static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  @Override
  public String getAsString(FacesContext context, UIComponent component, Instant value) {
    return value == null ? "" : FORMAT.format(value);
  }

  @Override
  public Instant getAsObject(FacesContext context, UIComponent component, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return FORMAT.parse(value.strip(), Instant::from);
    } catch (DateTimeParseException e) {
      throw new ConverterException("not a moment like 2026-11-23 14:05 UTC", e);
    }
  }
}
