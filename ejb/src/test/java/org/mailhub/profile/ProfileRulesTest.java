package org.mailhub.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class ProfileRulesTest {

  private static String problem(String email, JsonObject properties) {
    return ProfileRules.problem(new ProfileRow(email, properties));
  }

  @Test
  void addressesMustBeValidAndShortEnough() {
    JsonObject none = Json.createObjectBuilder().build();
    assertNull(problem("ana@example.com", none));
    assertEquals("email is missing", problem(" ", none));
    assertEquals("email is not a valid address", problem("ana@", none));
    assertEquals("email is not a valid address", problem("Ana <ana@example.com>", none));
    assertEquals("email is not a valid address", problem("ana@localhost", none));
    assertEquals(
        "email is longer than 320 characters", problem("a".repeat(320) + "@example.com", none));
  }

  @Test
  void propertiesMustBeShortScalars() {
    assertNull(
        problem(
            "a@example.com",
            Json.createObjectBuilder().add("n", 1).add("vip", true).add("s", "x").build()));
    assertEquals(
        "property tags is not a string, number or boolean",
        problem(
            "a@example.com",
            Json.createObjectBuilder().add("tags", Json.createArrayBuilder().add("x")).build()));
    assertEquals(
        "property bio is longer than 1000 characters",
        problem("a@example.com", Json.createObjectBuilder().add("bio", "x".repeat(1001)).build()));
  }

  @Test
  void propertiesMergeAndNullRemoves() {
    JsonObject merged =
        ProfileService.merge(
            Json.createObjectBuilder().add("name", "Ana").add("city", "Porto").build(),
            Json.createObjectBuilder()
                .add("city", "Lisbon")
                .addNull("name")
                .add("vip", true)
                .build());

    assertEquals(Json.createObjectBuilder().add("city", "Lisbon").add("vip", true).build(), merged);
  }
}
