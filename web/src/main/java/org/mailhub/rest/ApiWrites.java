package org.mailhub.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import org.mailhub.infrastructure.RequestRejected;

/**
 * An API call that changes something comes from a program, never from another site's form: a POST
 * to {@code /api/} carries a body type that HTML forms cannot send (JSON, CSV) or the header {@code
 * X-Requested-By}, either of which makes a browser ask mailhub first (CORS), which it refuses.
 * Other methods than POST cannot come from a form at all, and a call with an API key (a bearer
 * token, checked before this filter runs) cannot either: browsers never add one by themselves, so
 * generated clients, which send no Content-Type with calls that have no body (launch, cancel), work
 * as they are. Webhooks and the one-click unsubscribe (a form POST by RFC 8058) are not under
 * {@code /api/}.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 1)
public class ApiWrites implements ContainerRequestFilter {

  /** What an HTML form can post. */
  private static final Set<String> FORM_TYPES =
      Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

  @Override
  public void filter(ContainerRequestContext request) {
    if (!"POST".equals(request.getMethod())
        || request.getUriInfo().getPathSegments().isEmpty()
        || !"api".equals(request.getUriInfo().getPathSegments().get(0).getPath())
        || request.getHeaderString("X-Requested-By") != null
        || withApiKey(request)) {
      return;
    }
    MediaType type = request.getMediaType();
    if (type == null || FORM_TYPES.contains(type.getType() + "/" + type.getSubtype())) {
      throw RequestRejected.unsupportedMediaType(
          "JSON_OR_HEADER_REQUIRED",
          "Send this call with Content-Type: application/json (an empty body is fine where none is"
              + " needed) or with the header X-Requested-By; other sites' forms can send neither.");
    }
  }

  private static boolean withApiKey(ContainerRequestContext request) {
    String authorization = request.getHeaderString("Authorization");
    return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
  }
}
