package org.mailhub.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UserTest {

  @Test
  void userNamesAreComparedWithoutCaseOrSurroundingSpace() {
    User user = new User("  Ana.Silva@Example.com ", "hash", Role.VIEWER);
    assertEquals("ana.silva@example.com", user.username());
    assertEquals("viewer", user.role().roleName());
  }

  @Test
  void userNamesAreShortPlainWords() {
    assertNull(User.usernameProblem("ops-team_2"));
    assertNotNull(User.usernameProblem(""));
    assertNotNull(User.usernameProblem(null));
    assertNotNull(User.usernameProblem("ana silva"));
    assertNotNull(User.usernameProblem("-ana"));
    assertNotNull(User.usernameProblem("a".repeat(101)));
    assertTrue(User.usernameProblem("<script>").contains("letters"));
    assertThrows(IllegalArgumentException.class, () -> new User("a b", "hash", Role.ADMIN));
  }

  @Test
  void passwordsHaveAtLeastTenCharacters() {
    assertNull(User.passwordProblem("correct horse"));
    assertEquals("must have at least 10 characters", User.passwordProblem("short"));
    assertEquals("is required", User.passwordProblem("   "));
    assertNotNull(User.passwordProblem("x".repeat(201)));
  }
}
