package org.mailhub.esp;

/**
 * What a provider answered to one call: accepted with its message id, or refused with its status
 * code (HTTP status or SMTP reply code), error code and the first part of its answer.
 */
public record SendOutcome(
    boolean accepted, String messageId, Integer status, String errorCode, String detail) {

  public static SendOutcome accepted(String messageId) {
    return new SendOutcome(true, messageId, null, null, null);
  }

  public static SendOutcome rejected(Integer status, String errorCode, String detail) {
    return new SendOutcome(false, null, status, errorCode, detail);
  }
}
