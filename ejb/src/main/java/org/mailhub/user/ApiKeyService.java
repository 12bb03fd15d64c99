package org.mailhub.user;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mailhub.infrastructure.Page;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.infrastructure.RequestRejected.FieldError;

/**
 * API keys: programs' credentials for the REST API, issued by admins with a role, shown once,
 * revoked for good.
 */
@Stateless
public class ApiKeyService {

  /** A program signed in with a key: the key's name and role. */
  public record Caller(String name, Role role) {}

  @Inject ApiKeyRepository keys;

  /**
   * Issues a key; the answer's {@code key} is the secret, which is nowhere else afterwards. {@code
   * role} is a {@link Role}'s name (without case), as a client typed it.
   */
  public ApiKeyResponse create(String name, String role, String createdBy) {
    List<FieldError> errors = new ArrayList<>();
    String nameProblem = ApiKey.nameProblem(name);
    if (nameProblem != null) {
      errors.add(new FieldError("name", nameProblem));
    }
    Optional<Role> parsed = role(role);
    if (parsed.isEmpty()) {
      errors.add(new FieldError("role", role == null ? "is required" : "must be ADMIN or VIEWER"));
    }
    if (!errors.isEmpty()) {
      throw RequestRejected.invalid(errors);
    }
    if (keys.nameTaken(name)) {
      throw taken(name);
    }
    ApiKey.Issued issued = ApiKey.issue(name, parsed.get(), createdBy, Instant.now());
    try {
      keys.add(issued.key());
    } catch (PersistenceException e) {
      // another key of this name was added meanwhile (the secret's hash cannot collide)
      throw taken(name);
    }
    return ApiKeyResponse.of(issued.key(), issued.secret());
  }

  private static RequestRejected taken(String name) {
    return RequestRejected.conflict(
        "API_KEY_NAME_TAKEN", "There is already an API key called " + name.strip());
  }

  private static Optional<Role> role(String role) {
    if (role == null) {
      return Optional.empty();
    }
    for (Role known : Role.values()) {
      if (known.name().equals(role.strip().toUpperCase(Locale.ROOT))) {
        return Optional.of(known);
      }
    }
    return Optional.empty();
  }

  /** Newest first, revoked keys too. */
  public Page<ApiKeyResponse> page(int page, int size) {
    return new Page<>(
        keys.page(page, size).stream().map(ApiKeyResponse::of).toList(), page, size, keys.count());
  }

  public ApiKeyResponse get(long id) {
    return ApiKeyResponse.of(find(id));
  }

  /** Revokes a key for good; a revoked key stays revoked, and in the list. */
  public void revoke(long id) {
    Instant now = Instant.now();
    ApiKey key = find(id);
    key.revoke(now);
    keys.revoke(key, now);
  }

  private ApiKey find(long id) {
    return keys.find(id).orElseThrow(() -> RequestRejected.notFound("There is no API key " + id));
  }

  /**
   * The program a presented secret belongs to, unless the key is unknown or revoked; notes the use
   * (at most once a minute per key, see {@link ApiKey#recordUse}).
   */
  public Optional<Caller> authenticate(String secret) {
    if (!ApiKey.looksLikeSecret(secret)) {
      return Optional.empty();
    }
    Optional<ApiKey> key = keys.findBySecretHash(ApiKey.hash(secret)).filter(k -> !k.isRevoked());
    key.ifPresent(
        k -> {
          Instant now = Instant.now();
          if (k.recordUse(now)) {
            keys.recordUse(k, now);
          }
        });
    return key.map(k -> new Caller(k.name(), k.role()));
  }
}
