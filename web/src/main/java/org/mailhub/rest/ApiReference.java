package org.mailhub.rest;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The API reference's address, /api-docs/, shows its page. The container's default servlet serves
 * the files under it (web.xml) but, mapped to a path rather than to /, finds no welcome file.
 */
@WebServlet(urlPatterns = {"/api-docs", "/api-docs/"})
public class ApiReference extends HttpServlet {

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    if (request.getServletPath().equals("/api-docs")) {
      response.sendRedirect(request.getContextPath() + "/api-docs/");
      return;
    }
    request.getRequestDispatcher("/api-docs/index.html").forward(request, response);
  }
}
