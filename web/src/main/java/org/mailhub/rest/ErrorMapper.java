package org.mailhub.rest;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every other failure becomes an {@link ApiError}: HTTP errors keep their status, unreadable JSON
 * is a 400, and anything unexpected a 500 whose details go to the log, not to the client.
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

  @Override
  public Response toResponse(Throwable exception) {
    var query = unreadableQueryParameter(exception);
    if (query.isPresent()) {
      return new ApiError(
              "VALIDATION_FAILED",
              "A query parameter cannot be read.",
              List.of(
                  new ApiError.Violation(
                      query.get(), "cannot be read as this parameter's type (see the document)")))
          .toResponse(400);
    }
    if (exception instanceof WebApplicationException web) {
      Response.StatusType status = web.getResponse().getStatusInfo();
      return new ApiError(code(status), status.getReasonPhrase())
          .toResponse(status.getStatusCode());
    }
    if (causedBy(exception, io.undertow.server.RequestTooBigException.class)) {
      return new ApiError(
              "BODY_TOO_LARGE", "The body is larger than this request may send (see BodyLimits).")
          .toResponse(413);
    }
    if (causedBy(exception, JsonbException.class)
        || causedBy(exception, jakarta.json.JsonException.class)
        || exception instanceof ProcessingException
        || tooDeeplyNested(exception)) {
      return new ApiError(
              "MALFORMED_JSON", "The request body is not valid JSON of the expected shape.")
          .toResponse(400);
    }
    LOG.log(Level.SEVERE, "Unexpected error while serving a REST request", exception);
    return new ApiError(
            "INTERNAL_ERROR", "mailhub could not complete the request; see the server log.")
        .toResponse(500);
  }

  private static final java.util.regex.Pattern QUERY_PARAMETER =
      java.util.regex.Pattern.compile("QueryParam\\(\"([^\"]{1,100})\"\\)");

  /**
   * The name of a query parameter whose value could not be converted (page=abc, status=BOGUS):
   * JAX-RS makes that a 404, as if the resource did not exist, where the client made a mistake.
   * RESTEasy names the parameter in its message.
   */
  static java.util.Optional<String> unreadableQueryParameter(Throwable exception) {
    if (!(exception instanceof jakarta.ws.rs.NotFoundException) || exception.getMessage() == null) {
      return java.util.Optional.empty();
    }
    var matcher = QUERY_PARAMETER.matcher(exception.getMessage());
    return matcher.find() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
  }

  /** Parsson refuses JSON nested deeper than 1000 levels with a bare RuntimeException. */
  private static boolean tooDeeplyNested(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().startsWith("Input is too deeply nested")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  static String code(Response.StatusType status) {
    return status.getReasonPhrase().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
  }

  private static String rootMessage(Throwable exception) {
    Throwable root = exception;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
