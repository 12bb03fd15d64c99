package org.mailhub.provider;

import org.mailhub.esp.SendOutcome;

/**
 * What happened to a test email: sent with the provider's message id, or refused with the
 * provider's own status (HTTP status or SMTP reply code), error code and answer.
 */
public record TestEmailResult(
    boolean sent, String messageId, Integer providerStatus, String errorCode, String message) {

  public static TestEmailResult of(String nickname, SendOutcome outcome) {
    if (outcome.accepted()) {
      return new TestEmailResult(
          true, outcome.messageId(), null, null, "Test email sent through " + nickname);
    }
    String status = outcome.status() == null ? "" : " " + outcome.status();
    String code = outcome.errorCode() == null ? "" : " (" + outcome.errorCode() + ")";
    return new TestEmailResult(
        false,
        null,
        outcome.status(),
        outcome.errorCode(),
        "The test email through " + nickname + " failed" + status + code + ": " + outcome.detail());
  }
}
