package org.mailhub.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Someone who may sign in to mailhub: a person in the admin UI or a program calling the REST API.
 * Only a hash of the password is kept.
 */
@Entity
@Table(name = "mailhub_user")
public class User {

  public static final int MIN_PASSWORD_LENGTH = 10;
  public static final int MAX_PASSWORD_LENGTH = 200;
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,99}");

  @Id
  @Column(length = 100)
  private String username;

  @Column(name = "password_hash", nullable = false, length = 500)
  private String passwordHash;

  @Column(nullable = false, length = 20)
  private Role role;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected User() {}

  public User(String username, String passwordHash, Role role) {
    String problem = usernameProblem(username);
    if (problem != null) {
      throw new IllegalArgumentException("user name " + problem);
    }
    this.username = normalize(username);
    this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
    this.role = Objects.requireNonNull(role, "role");
    this.createdAt = Instant.now();
  }

  /** User names are compared without case. */
  public static String normalize(String username) {
    return username == null ? null : username.strip().toLowerCase(Locale.ROOT);
  }

  /** Why a user name is not acceptable, or null. */
  public static String usernameProblem(String username) {
    String name = normalize(username);
    if (name == null || name.isEmpty()) {
      return "is required";
    }
    if (!NAME.matcher(name).matches()) {
      return "must be 1 to 100 letters, digits or . _ @ -, starting with a letter or digit";
    }
    return null;
  }

  /** Why a password is not acceptable, or null. */
  public static String passwordProblem(String password) {
    if (password == null || password.isBlank()) {
      return "is required";
    }
    if (password.length() < MIN_PASSWORD_LENGTH) {
      return "must have at least " + MIN_PASSWORD_LENGTH + " characters";
    }
    if (password.length() > MAX_PASSWORD_LENGTH) {
      return "must have at most " + MAX_PASSWORD_LENGTH + " characters";
    }
    return null;
  }

  public void changePassword(String passwordHash) {
    this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  public String username() {
    return username;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public Role role() {
    return role;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
