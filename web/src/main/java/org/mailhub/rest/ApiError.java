package org.mailhub.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The body of every error answer: a stable machine-readable {@code code}, a sentence for people,
 * and for invalid input one entry per offending field.
 */
public record ApiError(String code, String message, List<Violation> violations) {

  public record Violation(String field, String message) {}

  public ApiError(String code, String message) {
    this(code, message, List.of());
  }

  public Response toResponse(int status) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(this).build();
  }
}
