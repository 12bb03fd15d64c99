package org.mailhub.provider;

/** The kinds of email service provider mailhub can send through; each has one gateway. */
public enum ProviderType {
  /** Netcore Cloud email API (v6 mail send). */
  NETCORE,
  /** Any HTTP API, described by a request template. */
  GENERIC_HTTP,
  /** Postmark over SMTP, authenticated with the server API token. */
  POSTMARK,
  /** Any SMTP server. */
  SMTP,
  /** Twilio SendGrid's v3 mail send API, with its signed Event Webhook. */
  SENDGRID,
  /**
   * Mailgun's messages API (batches with recipient variables), webhooks signed with HMAC-SHA256.
   */
  MAILGUN,
  /** Amazon SES API v2, signed with AWS Signature Version 4; events through SNS. */
  SES;

  /** Stored by name. */
  @jakarta.persistence.Converter(autoApply = true)
  public static class Column extends org.mailhub.infrastructure.EnumColumn<ProviderType> {
    public Column() {
      super(ProviderType.class);
    }
  }
}
