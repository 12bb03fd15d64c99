package org.mailhub.dispatch;

import java.util.Map;

/**
 * One recipient's email, personalised: subject and HTML are final, the profile is there for
 * provider templates that use {@code {{profile.…}}}, and {@code meta} is the value the provider's
 * callbacks carry back to link events to this send.
 */
public record Email(String to, String subject, String html, Map<String, ?> profile, String meta) {

  public Email {
    profile = Map.copyOf(profile);
  }
}
