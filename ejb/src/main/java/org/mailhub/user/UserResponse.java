package org.mailhub.user;

import java.time.Instant;

public record UserResponse(String username, Role role, Instant createdAt) {

  static UserResponse of(User user) {
    return new UserResponse(user.username(), user.role(), user.createdAt());
  }
}
