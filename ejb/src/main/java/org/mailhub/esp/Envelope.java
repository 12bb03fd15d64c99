package org.mailhub.esp;

import java.util.Map;

/**
 * What all emails of one send share: the sender, the campaign-level placeholder values (such as
 * {@code $$hid}) and what the emails belong to.
 */
public record Envelope(
    String fromName,
    String fromAddress,
    String replyTo,
    Map<String, String> placeholders,
    Source source) {

  public Envelope {
    placeholders = Map.copyOf(placeholders);
    java.util.Objects.requireNonNull(source, "source");
  }

  /**
   * A campaign, or a provider's test email: names the mailing list the emails belong to (SMTP's
   * {@code List-Id}) and tells bulk mail from a single one (Postmark's message stream).
   */
  public record Source(Kind kind, long id) {

    public enum Kind {
      CAMPAIGN,
      TEST_EMAIL
    }

    public static Source campaign(long campaignId) {
      return new Source(Kind.CAMPAIGN, campaignId);
    }

    public static Source testEmail(long providerId) {
      return new Source(Kind.TEST_EMAIL, providerId);
    }

    public boolean testEmail() {
      return kind == Kind.TEST_EMAIL;
    }

    /** {@code campaign-42}, or {@code provider-7-test} for a provider's test emails. */
    public String label() {
      return kind == Kind.CAMPAIGN ? "campaign-" + id : "provider-" + id + "-test";
    }
  }
}
