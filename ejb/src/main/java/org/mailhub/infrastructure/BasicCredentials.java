package org.mailhub.infrastructure;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code user:password} text of an HTTP basic {@code Authorization} header (RFC 7617), for the
 * webhooks' credentials and the API's sign-in.
 */
public final class BasicCredentials {

  private BasicCredentials() {}

  /** The decoded {@code user:password}, or nothing when the header is not valid basic auth. */
  public static Optional<String> decode(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new String(
              Base64.getDecoder().decode(authorization.substring(6).strip()),
              StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
