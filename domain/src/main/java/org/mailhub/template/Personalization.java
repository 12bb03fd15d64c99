package org.mailhub.template;

import java.util.Map;

/**
 * A campaign's subject and HTML made personal for one recipient: {@code {{profile.…}}} from the
 * recipient's profile (HTML-escaped inside HTML), {@code $$name} from the campaign's values.
 */
public final class Personalization {

  private Personalization() {}

  public static String subject(
      String subject, Map<String, String> placeholders, Map<String, ?> profile) {
    return Template.render(subject, Template.Values.of(placeholders, profile));
  }

  public static String html(String html, Map<String, String> placeholders, Map<String, ?> profile) {
    return Template.render(html, Template.Values.of(placeholders, profile), Html::escape);
  }
}
