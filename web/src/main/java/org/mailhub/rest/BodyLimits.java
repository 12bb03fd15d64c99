package org.mailhub.rest;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bodies larger than {@code mailhub.http.max-body-bytes} (10 MB) are refused with a 413 before a
 * byte of them is read, except profile imports (POST /api/profiles, signed-in admins, streamed row
 * by row), which the server's own limit (1 GB) bounds.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class BodyLimits extends HttpFilter {

  @Inject
  @ConfigProperty(name = "mailhub.http.max-body-bytes", defaultValue = "10485760")
  long maxBody;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long length = request.getContentLengthLong();
    boolean profileImport =
        "POST".equals(request.getMethod())
            && (request.getContextPath() + "/api/profiles").equals(request.getRequestURI());
    if (length > maxBody && !profileImport) {
      new ApiError(
              "BODY_TOO_LARGE",
              "The body is larger than " + maxBody + " bytes; only profile imports may be larger.")
          .send(response, 413);
      return;
    }
    chain.doFilter(request, response);
  }
}
