package org.mailhub.provider;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/**
 * How fast a provider may be sent to, as ESP plans state it: emails per second, and optionally per
 * hour and per day. A batch call counts its recipients. Without {@code perSecond} there is no
 * limit; the hourly and daily ones only come with it, since sending a day's allowance in its first
 * second is what a plan's per-second limit is there to prevent.
 */
@Embeddable
public class RateLimit {

  /** The largest limit taken: a higher one is no limit at all for a single mailhub. */
  /** A million a second is more than any ESP plan; more would overflow the pace's arithmetic. */
  public static final int MAX = 1_000_000;

  @Column(name = "rate_per_second")
  private Integer perSecond;

  @Column(name = "rate_per_hour")
  private Integer perHour;

  @Column(name = "rate_per_day")
  private Integer perDay;

  protected RateLimit() {}

  private RateLimit(Integer perSecond, Integer perHour, Integer perDay) {
    this.perSecond = perSecond;
    this.perHour = perHour;
    this.perDay = perDay;
  }

  public static RateLimit none() {
    return new RateLimit(null, null, null);
  }

  /**
   * @throws IllegalArgumentException naming the field ({@code perSecond}, {@code perHour}, {@code
   *     perDay}) when a limit is not between 1 and {@link #MAX}, or an hourly or daily limit comes
   *     without {@code perSecond}
   */
  public static RateLimit of(Integer perSecond, Integer perHour, Integer perDay) {
    check(perSecond, "perSecond");
    check(perHour, "perHour");
    check(perDay, "perDay");
    if (perSecond == null && (perHour != null || perDay != null)) {
      throw new Invalid("perSecond", "is required with perHour and perDay");
    }
    return new RateLimit(perSecond, perHour, perDay);
  }

  private static void check(Integer limit, String field) {
    if (limit != null && (limit < 1 || limit > MAX)) {
      throw new Invalid(field, "must be a whole number from 1 to " + MAX);
    }
  }

  /** A refused limit, with the field it is about. */
  public static final class Invalid extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public Invalid(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  public boolean isLimited() {
    return perSecond != null;
  }

  public Integer perSecond() {
    return perSecond;
  }

  public Integer perHour() {
    return perHour;
  }

  public Integer perDay() {
    return perDay;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RateLimit other
        && Objects.equals(perSecond, other.perSecond)
        && Objects.equals(perHour, other.perHour)
        && Objects.equals(perDay, other.perDay);
  }

  @Override
  public int hashCode() {
    return Objects.hash(perSecond, perHour, perDay);
  }

  @Override
  public String toString() {
    return isLimited()
        ? perSecond
            + "/s"
            + (perHour == null ? "" : ", " + perHour + "/h")
            + (perDay == null ? "" : ", " + perDay + "/day")
        : "no limit";
  }
}
