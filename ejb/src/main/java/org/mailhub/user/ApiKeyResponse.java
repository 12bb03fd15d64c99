package org.mailhub.user;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/**
 * An API key as clients see it: never its secret, except in {@code key} of the one answer that
 * created it (absent everywhere else). {@code prefix} is the secret's first characters, to tell
 * keys apart; {@code lastUsedAt} may be up to a minute behind.
 */
@JsonbPropertyOrder({
  "id",
  "name",
  "role",
  "prefix",
  "key",
  "createdAt",
  "createdBy",
  "lastUsedAt",
  "revokedAt"
})
public record ApiKeyResponse(
    Long id,
    String name,
    Role role,
    String prefix,
    String key,
    Instant createdAt,
    String createdBy,
    Instant lastUsedAt,
    Instant revokedAt) {

  static ApiKeyResponse of(ApiKey key) {
    return of(key, null);
  }

  static ApiKeyResponse of(ApiKey key, String secret) {
    return new ApiKeyResponse(
        key.id(),
        key.name(),
        key.role(),
        key.prefix(),
        secret,
        key.createdAt(),
        key.createdBy(),
        key.lastUsedAt(),
        key.revokedAt());
  }
}
