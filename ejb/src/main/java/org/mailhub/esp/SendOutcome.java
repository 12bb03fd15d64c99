package org.mailhub.esp;

/**
 * What a provider answered to one call: accepted with its message id, or refused with its status
 * code (HTTP status or SMTP reply code), error code and the first part of its answer; {@code
 * addressRejected} when the refusal was of the recipient's address itself, for good (set only for
 * calls that carry one recipient).
 */
public record SendOutcome(
    boolean accepted,
    String messageId,
    Integer status,
    String errorCode,
    String detail,
    boolean addressRejected) {

  public static SendOutcome accepted(String messageId) {
    return new SendOutcome(true, messageId, null, null, null, false);
  }

  public static SendOutcome rejected(Integer status, String errorCode, String detail) {
    return new SendOutcome(false, null, status, errorCode, detail, false);
  }

  /** The recipient's address does not exist, or will never take mail (SMTP 5.1.x). */
  public static SendOutcome addressRejected(Integer status, String detail) {
    return new SendOutcome(false, null, status, null, detail, true);
  }
}
