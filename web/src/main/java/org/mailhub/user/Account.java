package org.mailhub.user;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/**
 * The signed-in user as the pages see it. Actions that change something are rendered for admins
 * only ({@code rendered="#{account.admin}"}); Faces ignores a submitted action of a component that
 * is not rendered, so a viewer cannot invoke them either.
 */
@Named
@RequestScoped
public class Account {

  @Inject SecurityContext security;

  public String getName() {
    Principal caller = security.getCallerPrincipal();
    return caller == null ? null : caller.getName();
  }

  public boolean isAdmin() {
    return security.isCallerInRole(Role.ADMIN.roleName());
  }

  public String getRole() {
    return isAdmin() ? Role.ADMIN.roleName() : Role.VIEWER.roleName();
  }

  public String signOut() throws ServletException {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    ((HttpServletRequest) external.getRequest()).logout();
    external.invalidateSession();
    return "/login?faces-redirect=true&signedOut=true";
  }
}
