package org.mailhub.rest;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The container's answer when a signed-in user's role does not allow a call (web.xml's security
 * constraints: viewers read), as the API's JSON error.
 */
@WebServlet("/errors/forbidden")
public class Forbidden extends HttpServlet {

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    new ApiError(
            "FORBIDDEN",
            "Your role does not allow this: viewers may only read; changes need the admin role.")
        .send(response, 403);
  }
}
