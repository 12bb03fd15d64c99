package org.mailhub.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.infrastructure.RequestRejected.FieldError;

class ApiKeyServiceTest {

  /** The keys in memory, looked up as the database would. */
  static class Keys extends ApiKeyRepository {
    final List<ApiKey> added = new ArrayList<>();
    int lookups;

    @Override
    public Optional<ApiKey> findBySecretHash(String secretHash) {
      lookups++;
      return added.stream().filter(k -> k.secretHash().equals(secretHash)).findFirst();
    }

    @Override
    public boolean nameTaken(String name) {
      return added.stream().anyMatch(k -> ApiKey.nameKey(k.name()).equals(ApiKey.nameKey(name)));
    }

    @Override
    public void add(ApiKey key) {
      added.add(key);
    }

    final List<String> writes = new ArrayList<>();

    @Override
    public void recordUse(ApiKey key, java.time.Instant at) {
      writes.add("use");
    }

    @Override
    public void revoke(ApiKey key, java.time.Instant at) {
      writes.add("revoke");
    }
  }

  private final Keys keys = new Keys();
  private final ApiKeyService service = new ApiKeyService();

  ApiKeyServiceTest() {
    service.keys = keys;
  }

  @Test
  void everyInvalidFieldIsNamedAtOnce() {
    RequestRejected rejected =
        assertThrows(RequestRejected.class, () -> service.create(" ", "OWNER", "it-admin"));
    assertEquals("VALIDATION_FAILED", rejected.code());
    assertEquals(
        List.of(
            new FieldError("name", "is required"),
            new FieldError("role", "must be ADMIN or VIEWER")),
        rejected.fieldErrors());
    assertEquals(
        List.of(new FieldError("role", "is required")),
        assertThrows(RequestRejected.class, () -> service.create("ci", null, "it-admin"))
            .fieldErrors());
  }

  @Test
  void namesAreTakenWithoutCase() {
    service.create("Nightly", "viewer", "it-admin");
    RequestRejected taken =
        assertThrows(RequestRejected.class, () -> service.create(" nightly ", "ADMIN", "x"));
    assertEquals(RequestRejected.Reason.CONFLICT, taken.reason());
    assertEquals("API_KEY_NAME_TAKEN", taken.code());
  }

  @Test
  void theSecretIsAnsweredOnceAndThenSignsTheProgramIn() {
    ApiKeyResponse created = service.create("ci", "ADMIN", "it-admin");
    assertNotNull(created.key());
    assertTrue(created.key().startsWith(created.prefix()));
    assertNull(ApiKeyResponse.of(keys.added.get(0)).key(), "never again");

    assertEquals(
        Optional.of(new ApiKeyService.Caller("ci", Role.ADMIN)),
        service.authenticate(created.key()));
    assertNotNull(keys.added.get(0).lastUsedAt());
    service.authenticate(created.key());
    // one targeted write of the use (not the whole row, which could undo a revocation), a minute
    // apart at most
    assertEquals(List.of("use"), keys.writes);
  }

  @Test
  void revokedUnknownAndMalformedKeysSignNobodyIn() {
    ApiKeyResponse created = service.create("old", "VIEWER", "it-admin");
    keys.added.get(0).revoke(java.time.Instant.now());
    assertEquals(Optional.empty(), service.authenticate(created.key()));

    String unknown = "mh_" + "A".repeat(43);
    assertEquals(Optional.empty(), service.authenticate(unknown));
    int lookups = keys.lookups;
    for (String garbage : new String[] {null, "", "garbage", "mh_", "x".repeat(100_000)}) {
      assertEquals(Optional.empty(), service.authenticate(garbage));
    }
    assertEquals(lookups, keys.lookups, "what cannot be a key is not looked up");
  }
}
