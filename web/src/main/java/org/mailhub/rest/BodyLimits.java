package org.mailhub.rest;

import io.undertow.servlet.handlers.ServletRequestContext;
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
 * Every request body is bounded before a byte of it is read: by {@code mailhub.http.max-body-bytes}
 * (10 MB), or {@code mailhub.http.max-import-bytes} (1 GB) for profile imports (POST /api/profiles,
 * POST /api/profiles/import and the Profiles page's upload, signed-in users only, streamed row by
 * row). A declared length over the limit is a 413 at once; a body without one (chunked) is cut by
 * WildFly's web server when it passes the limit, which the readers report as a 413 too ({@link
 * ErrorMapper}).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class BodyLimits extends HttpFilter {

  @Inject
  @ConfigProperty(name = "mailhub.http.max-body-bytes", defaultValue = "10485760")
  long maxBody;

  @Inject
  @ConfigProperty(name = "mailhub.http.max-import-bytes", defaultValue = "1073741824")
  long maxImport;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long limit = isProfileImport(request) ? maxImport : maxBody;
    if (request.getContentLengthLong() > limit) {
      new ApiError(
              "BODY_TOO_LARGE",
              "The body is larger than "
                  + limit
                  + " bytes"
                  + (limit == maxBody ? "; only profile imports may be larger." : "."))
          .send(response, 413);
      return;
    }
    // Undertow's own limit of this request, which also cuts bodies of unknown length (chunked): the
    // listener allows an import's size, and the Faces servlet's multipart limit is not this
    // request's
    ServletRequestContext context = ServletRequestContext.current();
    if (context != null && context.getExchange().isRequestChannelAvailable()) {
      context.getExchange().setMaxEntitySize(limit);
    }
    chain.doFilter(request, response);
  }

  private static boolean isProfileImport(HttpServletRequest request) {
    if (!"POST".equals(request.getMethod()) || request.getUserPrincipal() == null) {
      return false;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals("/api/profiles")
        || path.equals("/api/profiles/import")
        || path.equals("/admin/profiles.xhtml");
  }
}
