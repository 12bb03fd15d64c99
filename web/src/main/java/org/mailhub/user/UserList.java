package org.mailhub.user;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.ui.Pages;

/** The users page: who may sign in, adding and removing them, and one's own password. */
@Named
@ViewScoped
public class UserList implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject UserService users;
  @Inject Account account;

  private List<UserResponse> all;
  private String username;
  private String password;
  private Role role = Role.VIEWER;
  private String currentPassword;
  private String newPassword;

  /** The signed-in user's own password, whatever their role. */
  public void changePassword() {
    try {
      users.changePassword(account.getName(), currentPassword, newPassword);
      Pages.info("Your password is changed");
      currentPassword = null;
      newPassword = null;
    } catch (RequestRejected e) {
      Pages.show(e, Map.of("currentPassword", "own:current", "newPassword", "own:newPassword"));
    }
  }

  public String getCurrentPassword() {
    return currentPassword;
  }

  public void setCurrentPassword(String currentPassword) {
    this.currentPassword = currentPassword;
  }

  public String getNewPassword() {
    return newPassword;
  }

  public void setNewPassword(String newPassword) {
    this.newPassword = newPassword;
  }

  public List<UserResponse> getAll() {
    if (all == null) {
      all = users.list();
    }
    return all;
  }

  public void add() {
    try {
      UserResponse added = users.create(new UserRequest(username, password, role));
      Pages.info("User " + added.username() + " added as " + added.role().roleName());
      username = null;
      password = null;
      role = Role.VIEWER;
      all = null;
    } catch (RequestRejected e) {
      Pages.show(
          e, Map.of("username", "add:username", "password", "add:password", "role", "add:role"));
    }
  }

  public void remove(String name) {
    try {
      users.delete(name, account.getName());
      Pages.info("User " + name + " removed");
      all = null;
    } catch (RequestRejected e) {
      Pages.error(e.getMessage());
    }
  }

  public Role[] getRoles() {
    return Role.values();
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

  public Role getRole() {
    return role;
  }

  public void setRole(Role role) {
    this.role = role;
  }
}
