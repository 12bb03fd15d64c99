package org.mailhub.rest;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The container's own refusals (web.xml's error pages) as the API's JSON errors: 401 when the
 * credentials are missing or wrong, 403 when the signed-in user's role does not allow the call; and
 * a page posted with a view that cannot be restored is shown again.
 */
@WebServlet({"/errors/401", "/errors/403", "/errors/429", "/errors/503", "/errors/expired"})
public class ErrorPage extends HttpServlet {

  /** The request attribute in which sign-in says why it refused. */
  public static final String REASON = "mailhub.unauthorized";

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getServletPath().equals("/errors/expired")) {
      // a page posted with a view that cannot be restored (an expired session, a forged or stale
      // view state): the page again, which sends whoever is no longer signed in to sign in
      Object page = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
      response.setStatus(303);
      response.setHeader("Location", page instanceof String uri ? uri : "/admin/");
      return;
    }
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    if (Integer.valueOf(401).equals(status)) {
      Object reason = request.getAttribute(REASON);
      new ApiError(
              "UNAUTHORIZED",
              reason != null
                  ? reason.toString()
                  : "Sign in: an API key (Bearer) or HTTP basic authentication as a mailhub user.")
          .send(response, 401);
    } else if (Integer.valueOf(429).equals(status)) {
      new ApiError("TOO_MANY_ATTEMPTS", String.valueOf(request.getAttribute(REASON)))
          .send(response, 429);
    } else if (Integer.valueOf(503).equals(status)) {
      new ApiError("BUSY", String.valueOf(request.getAttribute(REASON))).send(response, 503);
    } else {
      new ApiError(
              "FORBIDDEN",
              "Your role does not allow this: viewers may only read; changes need the admin role.")
          .send(response, 403);
    }
  }
}
