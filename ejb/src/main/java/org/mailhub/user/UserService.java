package org.mailhub.user;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailhub.infrastructure.Page;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.infrastructure.RequestRejected.FieldError;

/**
 * The people and programs that may sign in. There is always at least one admin: the last one cannot
 * be removed, and nobody removes themselves.
 */
@Stateless
public class UserService {

  @Inject UserRepository users;
  @Inject Passwords passwords;

  public List<UserResponse> list() {
    return users.list().stream().map(UserResponse::of).toList();
  }

  public UserResponse get(String username) {
    return users
        .find(username)
        .map(UserResponse::of)
        .orElseThrow(() -> RequestRejected.notFound("There is no user " + username));
  }

  /** A page of the users, by name. */
  public Page<UserResponse> page(int page, int size) {
    return new Page<>(
        users.page(page, size).stream().map(UserResponse::of).toList(), page, size, users.count());
  }

  /**
   * Creates the first admin when there are no users yet, in a transaction of its own.
   *
   * @return false when there are users already
   * @throws jakarta.ejb.EJBException when another node created a user of that name at the same
   *     moment (the name is the key)
   */
  public boolean createFirstAdmin(String username, String password) {
    if (users.count() > 0) {
      return false;
    }
    users.add(new User(username, passwords.hash(password), Role.ADMIN));
    return true;
  }

  public UserResponse create(UserRequest request) {
    List<FieldError> errors = new ArrayList<>();
    String nameProblem = User.usernameProblem(request.username());
    if (nameProblem != null) {
      errors.add(new FieldError("username", nameProblem));
    }
    String passwordProblem = User.passwordProblem(request.password());
    if (passwordProblem != null) {
      errors.add(new FieldError("password", passwordProblem));
    }
    if (request.role() == null) {
      errors.add(new FieldError("role", "is required"));
    }
    if (!errors.isEmpty()) {
      throw RequestRejected.invalid(errors);
    }
    if (users.find(request.username()).isPresent()) {
      throw RequestRejected.conflict(
          "USERNAME_TAKEN", "There is already a user " + User.normalize(request.username()));
    }
    User user = new User(request.username(), passwords.hash(request.password()), request.role());
    users.add(user);
    return UserResponse.of(user);
  }

  /** Removes a user; {@code by} is the user asking, who cannot remove themselves. */
  public void delete(String username, String by) {
    User user =
        users
            .find(username)
            .orElseThrow(() -> RequestRejected.notFound("There is no user " + username));
    if (user.username().equals(User.normalize(by))) {
      throw RequestRejected.conflict("OWN_USER", "You cannot remove yourself");
    }
    if (user.isAdmin() && users.lockAll().stream().filter(User::isAdmin).count() == 1) {
      throw RequestRejected.conflict(
          "LAST_ADMIN", user.username() + " is the last admin: add another admin first");
    }
    users.remove(user);
  }

  /** The role of the user these credentials belong to, or nothing when they are wrong. */
  public Optional<Role> signIn(String username, String password) {
    Optional<User> user = users.find(username);
    if (user.isEmpty()) {
      passwords.waste(password);
      return Optional.empty();
    }
    return passwords.matches(password, user.get().passwordHash())
        ? Optional.of(user.get().role())
        : Optional.empty();
  }

  /**
   * Changes a user's own password: the current one proves it is them (a session left open is not
   * enough), the new one follows the password rule.
   */
  public void changePassword(String username, String currentPassword, String newPassword) {
    if (ApiKey.isKeyCaller(username)) {
      throw RequestRejected.forbidden(
          "NOT_A_USER", "An API key has no password: sign in as the user whose password this is.");
    }
    User user =
        users.find(username).orElseThrow(() -> RequestRejected.notFound("No user " + username));
    if (currentPassword == null || !passwords.matches(currentPassword, user.passwordHash())) {
      throw RequestRejected.invalid("currentPassword", "is not your current password");
    }
    String problem = User.passwordProblem(newPassword);
    if (problem != null) {
      throw RequestRejected.invalid("newPassword", problem);
    }
    user.changePassword(passwords.hash(newPassword));
  }

  /** The role of a user who signed in earlier, or nothing when the user has been removed. */
  public Optional<Role> roleOf(String username) {
    return users.find(username).map(User::role);
  }
}
