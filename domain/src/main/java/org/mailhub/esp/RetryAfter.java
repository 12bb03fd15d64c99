package org.mailhub.esp;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A provider's {@code Retry-After} (RFC 9110, 10.2.3): seconds, or an HTTP date. What is not one of
 * them, or lies in the past, says nothing; a pause longer than {@link #MAX} is cut to it, so that a
 * provider's typo cannot stop a campaign for a year.
 */
public final class RetryAfter {

  public static final Duration MAX = Duration.ofHours(1);

  private RetryAfter() {}

  public static Optional<Duration> parse(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.strip();
    Duration pause;
    if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // more digits than a long holds are still "very long"
      pause = text.length() > 9 ? MAX : Duration.ofSeconds(Long.parseLong(text));
    } else {
      try {
        pause =
            Duration.between(
                now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    if (pause.isNegative() || pause.isZero()) {
      return Optional.empty();
    }
    return Optional.of(pause.compareTo(MAX) > 0 ? MAX : pause);
  }
}
