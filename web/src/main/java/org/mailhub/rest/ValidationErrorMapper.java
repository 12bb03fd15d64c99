package org.mailhub.rest;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

/** Bean Validation failures on request bodies and parameters: 400 naming each field. */
@Provider
public class ValidationErrorMapper implements ExceptionMapper<ConstraintViolationException> {

  @Override
  public Response toResponse(ConstraintViolationException exception) {
    List<ApiError.Violation> violations =
        exception.getConstraintViolations().stream()
            .map(v -> new ApiError.Violation(field(v), v.getMessage()))
            .sorted(Comparator.comparing(ApiError.Violation::field))
            .toList();
    return new ApiError("VALIDATION_FAILED", "The request has invalid fields.", violations)
        .toResponse(400);
  }

  /**
   * The JSON path of the offending value. Bean Validation reports {@code create.arg0.settings.port}
   * for a method parameter; clients know only {@code settings.port}.
   */
  static String field(ConstraintViolation<?> violation) {
    List<String> names =
        StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
            .filter(
                node ->
                    node.getKind() != jakarta.validation.ElementKind.METHOD
                        && node.getKind() != jakarta.validation.ElementKind.PARAMETER)
            .map(ValidationErrorMapper::name)
            .filter(name -> !name.isEmpty())
            .toList();
    return names.isEmpty() ? "request" : String.join(".", names);
  }

  private static String name(Path.Node node) {
    String name = node.getName() == null ? "" : node.getName();
    if (node.getIndex() != null) {
      return name + "[" + node.getIndex() + "]";
    }
    if (node.getKey() != null) {
      return name + "[" + node.getKey() + "]";
    }
    return name;
  }
}
