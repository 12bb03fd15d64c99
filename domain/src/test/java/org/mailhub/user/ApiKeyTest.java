package org.mailhub.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyTest {

  private static final Instant NOON = Instant.parse("2025-05-01T12:00:00Z");

  @Test
  void anIssuedKeyKeepsOnlyTheHashOfItsSecret() {
    ApiKey.Issued issued = ApiKey.issue("  CI pipeline ", Role.VIEWER, "it-admin", NOON);
    ApiKey key = issued.key();

    assertTrue(issued.secret().startsWith("mh_"), issued.secret());
    assertEquals(3 + 43, issued.secret().length(), "mh_ and 32 bytes of base64url");
    assertTrue(ApiKey.looksLikeSecret(issued.secret()));
    assertEquals(ApiKey.hash(issued.secret()), key.secretHash());
    assertEquals(64, key.secretHash().length());
    assertFalse(key.secretHash().contains(issued.secret().substring(3)));
    assertEquals(issued.secret().substring(0, 11), key.prefix());
    assertEquals("CI pipeline", key.name());
    assertEquals("key:CI pipeline", key.callerName());
    assertEquals(Role.VIEWER, key.role());
    assertEquals("it-admin", key.createdBy());
    assertEquals(NOON, key.createdAt());
    assertNull(key.lastUsedAt());
    assertFalse(key.isRevoked());
  }

  @Test
  void secretsAreNeverIssuedTwice() {
    Set<String> secrets = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertTrue(secrets.add(ApiKey.issue("k", Role.ADMIN, "a", NOON).secret()));
    }
  }

  @Test
  void theHashIsSha256InHex() {
    // echo -n abc | sha256sum
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKey.hash("abc"));
    assertNotEquals(ApiKey.hash("mh_a"), ApiKey.hash("mh_b"));
  }

  @Test
  void onlyValuesOfTheKeysShapeAreLookedUp() {
    assertFalse(ApiKey.looksLikeSecret(null));
    assertFalse(ApiKey.looksLikeSecret(""));
    assertFalse(ApiKey.looksLikeSecret("garbage"));
    assertFalse(ApiKey.looksLikeSecret("mh_" + "a".repeat(42)));
    assertFalse(ApiKey.looksLikeSecret("mh_" + "a".repeat(44)));
    assertFalse(ApiKey.looksLikeSecret("xx_" + "a".repeat(43)));
    assertFalse(ApiKey.looksLikeSecret("mh_" + "a".repeat(42) + "="));
    assertFalse(ApiKey.looksLikeSecret("mh_" + "a".repeat(42) + "\u0000"));
    assertFalse(ApiKey.looksLikeSecret("mh_" + "a".repeat(100_000)));
    assertTrue(ApiKey.looksLikeSecret("mh_" + "aZ09-_".repeat(7) + "x"));
  }

  @Test
  void namesAreShortTextWithoutControlCharacters() {
    assertNull(ApiKey.nameProblem("Nightly export (reporting)"));
    assertNull(ApiKey.nameProblem("x".repeat(100)));
    assertEquals("is required", ApiKey.nameProblem(null));
    assertEquals("is required", ApiKey.nameProblem("   "));
    assertNotNull(ApiKey.nameProblem("x".repeat(101)));
    assertNotNull(ApiKey.nameProblem("\u0130".repeat(100)), "longer than 100 once lower-cased");
    assertNotNull(ApiKey.nameProblem("a\u0000b"));
    assertNotNull(ApiKey.nameProblem("two\nlines"));
    assertEquals("ci pipeline", ApiKey.nameKey(" CI Pipeline "));
    assertThrows(
        IllegalArgumentException.class, () -> ApiKey.issue(" ", Role.ADMIN, "it-admin", NOON));
  }

  @Test
  void useIsRecordedAtMostOnceAMinute() {
    ApiKey key = ApiKey.issue("busy", Role.ADMIN, "it-admin", NOON).key();

    assertTrue(key.recordUse(NOON.plusSeconds(1)));
    assertEquals(NOON.plusSeconds(1), key.lastUsedAt());
    assertFalse(key.recordUse(NOON.plusSeconds(2)));
    assertFalse(key.recordUse(NOON.plusSeconds(60)));
    assertEquals(NOON.plusSeconds(1), key.lastUsedAt());
    assertTrue(key.recordUse(NOON.plusSeconds(61)));
    assertEquals(NOON.plusSeconds(61), key.lastUsedAt());
  }

  @Test
  void revokingTwiceKeepsTheFirstTime() {
    ApiKey key = ApiKey.issue("old", Role.ADMIN, "it-admin", NOON).key();

    key.revoke(NOON.plusSeconds(10));
    key.revoke(NOON.plusSeconds(20));

    assertTrue(key.isRevoked());
    assertEquals(NOON.plusSeconds(10), key.revokedAt());
  }

  @Test
  void keyCallersAreToldFromUsers() {
    assertTrue(ApiKey.isKeyCaller("key:ci"));
    assertFalse(ApiKey.isKeyCaller("it-admin"));
    assertFalse(ApiKey.isKeyCaller(null));
    assertNotNull(User.usernameProblem("key:ci"), "no user can be called like a key");
  }
}
