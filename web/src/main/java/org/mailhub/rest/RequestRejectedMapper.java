package org.mailhub.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.mailhub.infrastructure.RequestRejected;

/**
 * Requests the services refuse: invalid input 400, what the caller may not do 403, unknown ids 404,
 * conflicts 409, a body type that the call does not take 415.
 */
@Provider
public class RequestRejectedMapper implements ExceptionMapper<RequestRejected> {

  @Override
  public Response toResponse(RequestRejected rejected) {
    int status =
        switch (rejected.reason()) {
          case INVALID -> 400;
          case NOT_FOUND -> 404;
          case CONFLICT -> 409;
          case FORBIDDEN -> 403;
          case UNSUPPORTED_MEDIA_TYPE -> 415;
        };
    return new ApiError(
            rejected.code(),
            rejected.getMessage(),
            rejected.fieldErrors().stream()
                .map(e -> new ApiError.Violation(e.field(), e.message()))
                .toList())
        .toResponse(status);
  }
}
