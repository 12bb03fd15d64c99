package org.mailhub.esp;

import java.util.HashMap;
import java.util.Map;
import org.mailhub.template.Personalization;
import org.mailhub.template.Template;

/**
 * One recipient's email, personalised: subject and HTML are final, the profile is there for
 * provider templates that use {@code {{profile.…}}}, and {@code meta} is the value the provider's
 * callbacks carry back to link events to this send.
 */
public record Email(
    String to,
    String subject,
    String html,
    Map<String, ?> profile,
    String meta,
    Unsubscribe unsubscribe) {

  /**
   * How the recipient unsubscribes: the page (or the customer's page) linked from the email, the
   * URL that takes RFC 8058 one-click POSTs, and the mailto address for List-Unsubscribe (null
   * unless a mailbox that someone processes is configured).
   */
  public record Unsubscribe(String pageUrl, String oneClickUrl, String mailto) {

    /** The List-Unsubscribe header's value (RFC 2369), the one-click URL first. */
    public String listUnsubscribe() {
      return "<" + oneClickUrl + ">" + (mailto == null ? "" : ", <mailto:" + mailto + ">");
    }
  }

  public Email {
    profile = Map.copyOf(profile);
  }

  /**
   * A campaign's email to one recipient: subject and HTML personalised with the campaign's values,
   * the recipient's profile and its unsubscribe page ({@code {{unsubscribe_url}}}, empty without).
   */
  public static Email personalised(
      String to,
      String subject,
      String html,
      Map<String, String> placeholders,
      Map<String, String> profile,
      String meta,
      Unsubscribe unsubscribe) {
    Map<String, String> values = new HashMap<>(placeholders);
    values.put(Template.UNSUBSCRIBE_URL, unsubscribe == null ? "" : unsubscribe.pageUrl());
    return new Email(
        to,
        Personalization.subject(subject, values, profile),
        Personalization.html(
            // with a preference center every email carries the link, written or not
            unsubscribe == null ? html : Personalization.withUnsubscribeLink(html),
            values,
            profile),
        profile,
        meta,
        unsubscribe);
  }

  /** An email without unsubscribe links (the provider's preference center is NONE). */
  public Email(String to, String subject, String html, Map<String, ?> profile, String meta) {
    this(to, subject, html, profile, meta, null);
  }
}
