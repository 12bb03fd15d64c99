package org.mailhub.template;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of provider templates and campaign content: {@code $$Name} for values known per
 * email or per campaign, and {@code {{profile.property}}} (optionally {@code {{profile.name |
 * "friend"}}}) for the recipient's profile.
 *
 * <p>Rendering is a single pass over the template: a substituted value is never scanned again, so
 * values may contain {@code $$} or braces.
 */
public final class Template {

  public static final String TO = "To";
  public static final String HTML = "HTML";
  public static final String SUBJECT = "Subject";
  public static final String FROM_NAME = "FromName";
  public static final String FROM_ADDRESS = "FromAddress";
  public static final String META = "Meta";

  /** The provider's reply-to address (its from address when it has none). */
  public static final String REPLY_TO = "ReplyTo";

  /** The recipient's unsubscribe link; {@code {{unsubscribe_url}}} in HTML is the same value. */
  public static final String UNSUBSCRIBE_URL = "UnsubscribeURL";

  /** What every Generic HTTP request template must contain somewhere. */
  public static final List<String> REQUIRED = List.of(TO, HTML, SUBJECT, FROM_NAME, FROM_ADDRESS);

  /** Filled by mailhub for each email; every other {@code $$name} is a campaign-level value. */
  public static final Set<String> BUILT_IN =
      Set.of(TO, HTML, SUBJECT, FROM_NAME, FROM_ADDRESS, META, REPLY_TO, UNSUBSCRIBE_URL);

  private static final Pattern TOKEN =
      Pattern.compile(
          "\\$\\$([A-Za-z][A-Za-z0-9_]*)"
              + "|\\{\\{\\s*profile\\.([A-Za-z0-9_.-]+)\\s*(?:\\|\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*)?}}"
              + "|\\{\\{\\s*(unsubscribe_url)\\s*}}");

  private Template() {}

  /** The values a template is rendered with. */
  public interface Values {
    /** The value of {@code $$name}, or null when there is none. */
    String placeholder(String name);

    /** The recipient's profile property, or null when the profile has none. */
    String profile(String property);

    static Values of(Map<String, String> placeholders, Map<String, ?> profile) {
      return new Values() {
        @Override
        public String placeholder(String name) {
          return placeholders.get(name);
        }

        @Override
        public String profile(String property) {
          Object value = profile.get(property);
          return value == null ? null : value.toString();
        }
      };
    }
  }

  /** The {@code $$} placeholder names used in the text, in order of first appearance. */
  public static Set<String> placeholders(String text) {
    Set<String> names = new LinkedHashSet<>();
    if (text != null) {
      Matcher m = TOKEN.matcher(text);
      while (m.find()) {
        if (m.group(1) != null) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  /**
   * Whether the text places the recipient's unsubscribe link: {@code {{unsubscribe_url}}} or {@code
   * $$UnsubscribeURL}.
   */
  public static boolean usesUnsubscribeUrl(String text) {
    if (text == null) {
      return false;
    }
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      if (m.group(4) != null || UNSUBSCRIBE_URL.equals(m.group(1))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the text uses {@code {{profile.…}}} personalisation. */
  public static boolean usesProfile(String text) {
    if (text == null) {
      return false;
    }
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      if (m.group(2) != null) {
        return true;
      }
    }
    return false;
  }

  public static String render(String text, Values values) {
    return render(text, values, UnaryOperator.identity());
  }

  /**
   * Replaces every placeholder. {@code $$name} without a value stays as written, so that a missing
   * campaign value is visible rather than silently empty; a missing profile property becomes its
   * fallback, or nothing. {@code escape} is applied to profile values only (e.g. HTML escaping),
   * since {@code $$} values are already in the form their destination needs.
   */
  public static String render(String text, Values values, UnaryOperator<String> escape) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Matcher m = TOKEN.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 64);
    int last = 0;
    while (m.find()) {
      out.append(text, last, m.start());
      if (m.group(1) != null) {
        String value = values.placeholder(m.group(1));
        out.append(value == null ? m.group() : value);
      } else if (m.group(4) != null) {
        String value = values.placeholder(UNSUBSCRIBE_URL);
        out.append(value == null ? "" : escape.apply(value));
      } else {
        String value = values.profile(m.group(2));
        if (value == null || value.isEmpty()) {
          value = m.group(3) == null ? "" : unescapeFallback(m.group(3));
        }
        out.append(escape.apply(value));
      }
      last = m.end();
    }
    return out.append(text, last, text.length()).toString();
  }

  private static String unescapeFallback(String fallback) {
    return fallback.replaceAll("\\\\(.)", "$1");
  }
}
