package org.mailhub.template;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /** The line added to HTML that does not place the unsubscribe link itself. */
  static final String FOOTER =
      "<p style=\"font-size:12px;color:#666666;text-align:center\">"
          + "<a href=\"{{unsubscribe_url}}\">Unsubscribe</a></p>";

  private static final Pattern BODY_END = Pattern.compile("(?i)</body\\s*>");

  /**
   * The campaign's HTML with an unsubscribe link: as written when it places {@code
   * {{unsubscribe_url}}} or {@code $$UnsubscribeURL} itself, else with a short footer line before
   * the last {@code </body>} (or at the end when there is none). The footer is template text, so
   * rendering fills it like the author's own link.
   */
  public static String withUnsubscribeLink(String html) {
    if (Template.usesUnsubscribeUrl(html)) {
      return html;
    }
    String given = html == null ? "" : html;
    Matcher end = BODY_END.matcher(given);
    int at = -1;
    while (end.find()) {
      at = end.start();
    }
    return at < 0 ? given + FOOTER : given.substring(0, at) + FOOTER + given.substring(at);
  }
}
