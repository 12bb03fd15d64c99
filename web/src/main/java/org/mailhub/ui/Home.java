package org.mailhub.ui;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The site's root and /admin/ lead to the admin UI's first page. */
@WebServlet(urlPatterns = {"", "/admin", "/admin/"})
public class Home extends HttpServlet {

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.sendRedirect(request.getContextPath() + "/admin/campaigns.xhtml");
  }
}
