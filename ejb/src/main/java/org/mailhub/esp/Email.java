package org.mailhub.esp;

import java.util.Map;

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

  /** An email without unsubscribe links (the provider's preference center is NONE). */
  public Email(String to, String subject, String html, Map<String, ?> profile, String meta) {
    this(to, subject, html, profile, meta, null);
  }
}
