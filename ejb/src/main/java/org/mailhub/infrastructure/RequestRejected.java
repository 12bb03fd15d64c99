package org.mailhub.infrastructure;

import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * A request mailhub refuses, with the reason the boundary turns into an HTTP status or a page
 * message. Rolls the transaction back.
 */
@ApplicationException(rollback = true)
public class RequestRejected extends RuntimeException {

  public enum Reason {
    INVALID,
    NOT_FOUND,
    CONFLICT,
    FORBIDDEN,
    UNSUPPORTED_MEDIA_TYPE
  }

  /** One offending input field, named by its JSON path (e.g. {@code settings.port}). */
  public record FieldError(String field, String message) {}

  private final Reason reason;
  private final String code;
  private final transient List<FieldError> fieldErrors;

  public RequestRejected(Reason reason, String code, String message, List<FieldError> fieldErrors) {
    super(message);
    this.reason = reason;
    this.code = code;
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  public static RequestRejected invalid(List<FieldError> fieldErrors) {
    return new RequestRejected(
        Reason.INVALID, "VALIDATION_FAILED", "The request has invalid fields.", fieldErrors);
  }

  public static RequestRejected invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  public static RequestRejected notFound(String message) {
    return new RequestRejected(Reason.NOT_FOUND, "NOT_FOUND", message, List.of());
  }

  public static RequestRejected conflict(String code, String message) {
    return new RequestRejected(Reason.CONFLICT, code, message, List.of());
  }

  /** What the caller, signed in, may not do whatever the input (e.g. a key changing a password). */
  public static RequestRejected forbidden(String code, String message) {
    return new RequestRejected(Reason.FORBIDDEN, code, message, List.of());
  }

  public static RequestRejected unsupportedMediaType(String code, String message) {
    return new RequestRejected(Reason.UNSUPPORTED_MEDIA_TYPE, code, message, List.of());
  }

  public Reason reason() {
    return reason;
  }

  public String code() {
    return code;
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }
}
