package org.mailhub.user;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.mailhub.ui.Pages;

/** The sign-in page: checks the credentials and returns to the page that asked for them. */
@Named
@RequestScoped
public class SignIn {

  static final String FIRST_PAGE = "/admin/campaigns.xhtml";

  @Inject SecurityContext security;

  private String username;
  private String password;
  private String next;

  public void signIn() throws IOException {
    if (username == null || password == null) {
      // fields that were not sent (or could not be decoded) skip the page's required checks
      Pages.error("Enter your user name and password.");
      return;
    }
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    AuthenticationStatus status =
        security.authenticate(
            (HttpServletRequest) external.getRequest(),
            (HttpServletResponse) external.getResponse(),
            AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(username, password))
                .newAuthentication(true));
    switch (status) {
      case SUCCESS -> external.redirect(external.getRequestContextPath() + destination(next));
      case SEND_CONTINUE -> faces.responseComplete();
      default -> {
        Object refused = external.getRequestMap().get(SignInMechanism.REFUSED);
        Pages.error(refused != null ? refused.toString() : "Wrong user name or password.");
      }
    }
  }

  /** Only back to a page of the admin UI: a sign-in link must not lead anywhere else. */
  static String destination(String next) {
    boolean local =
        next != null
            && next.startsWith("/admin/")
            && !next.contains("//")
            && !next.contains("\\")
            && next.chars().noneMatch(Character::isISOControl);
    return local ? next : FIRST_PAGE;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getNext() {
    return next;
  }

  public void setNext(String next) {
    this.next = next;
  }
}
