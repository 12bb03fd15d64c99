package org.mailhub.rest;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;

/**
 * The body of every error answer: a stable machine-readable {@code code}, a sentence for people,
 * and for invalid input one entry per offending field.
 */
public record ApiError(String code, String message, List<Violation> violations) {

  private static final Jsonb JSONB = JsonbBuilder.create();

  public record Violation(String field, String message) {}

  public ApiError(String code, String message) {
    this(code, message, List.of());
  }

  public Response toResponse(int status) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(this).build();
  }

  /** The same answer from outside JAX-RS (the container's error pages). */
  public void send(HttpServletResponse response, int status) throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON);
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(JSONB.toJson(this));
  }
}
