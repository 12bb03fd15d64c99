package org.mailhub.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A program's credential for the REST API, sent as {@code Authorization: Bearer mh_...}: named,
 * with a role, revocable. Only a hash of the secret is kept; the secret itself is shown once, when
 * the key is issued.
 */
@Entity
@Table(
    name = "api_key",
    indexes = {
      @Index(name = "api_key_secret_hash", columnList = "secret_hash", unique = true),
      @Index(name = "api_key_name", columnList = "name_key", unique = true)
    })
public class ApiKey {

  public static final int MAX_NAME_LENGTH = 100;

  /** What every secret starts with, so that people and secret scanners recognise one. */
  public static final String MARK = "mh_";

  /** 256 bits from SecureRandom. */
  static final int SECRET_BYTES = 32;

  /**
   * How many characters after the mark the lists show: 48 of the 256 bits, the rest stays secret.
   */
  static final int PREFIX_CHARACTERS = 8;

  /** A busy program's use is written down at most this often, not once per request. */
  static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);

  /** {@code mh_} and 32 bytes as base64url without padding (43 characters). */
  private static final Pattern SECRET = Pattern.compile("mh_[A-Za-z0-9_-]{43}");

  private static final SecureRandom RANDOM = new SecureRandom();

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = MAX_NAME_LENGTH)
  private String name;

  /** The name without case, which no two keys share. */
  @Column(name = "name_key", nullable = false, length = MAX_NAME_LENGTH)
  private String nameKey;

  @Column(nullable = false, length = 20)
  private Role role;

  @Column(name = "secret_hash", nullable = false, length = 64)
  private String secretHash;

  @Column(nullable = false, length = 20)
  private String prefix;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "created_by", nullable = false, length = 120)
  private String createdBy;

  // written by ApiKeyRepository's targeted updates only, never with the rest of the row: a sign-in
  // writing the whole row could otherwise undo a revocation committed meanwhile
  @Column(name = "last_used_at", updatable = false)
  private Instant lastUsedAt;

  @Column(name = "revoked_at", updatable = false)
  private Instant revokedAt;

  /** A key just issued, with its secret, which exists only here and in the one answer. */
  public record Issued(ApiKey key, String secret) {}

  protected ApiKey() {}

  private ApiKey(String name, Role role, String secret, String createdBy, Instant now) {
    String problem = nameProblem(name);
    if (problem != null) {
      throw new IllegalArgumentException("name " + problem);
    }
    this.name = name.strip();
    this.nameKey = nameKey(name);
    this.role = Objects.requireNonNull(role, "role");
    this.secretHash = hash(secret);
    this.prefix = secret.substring(0, MARK.length() + PREFIX_CHARACTERS);
    this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
    this.createdAt = now;
  }

  /** A new key with a fresh random secret. */
  public static Issued issue(String name, Role role, String createdBy, Instant now) {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    String secret = MARK + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return new Issued(new ApiKey(name, role, secret, createdBy, now), secret);
  }

  /** Why a key name is not acceptable, or null. */
  public static String nameProblem(String name) {
    String stripped = name == null ? "" : name.strip();
    if (stripped.isEmpty()) {
      return "is required";
    }
    // the lower-cased form is what the unique index holds, and it can be longer (İ becomes i̇)
    if (nameKey(stripped).length() > MAX_NAME_LENGTH
        || stripped.chars().anyMatch(Character::isISOControl)) {
      return "must be 1 to " + MAX_NAME_LENGTH + " characters, without control characters";
    }
    return null;
  }

  /** Names are compared without case or surrounding space. */
  public static String nameKey(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether a presented value can be a key at all; anything else (a password, garbage, a megabyte)
   * is refused without looking it up.
   */
  public static boolean looksLikeSecret(String presented) {
    return presented != null && SECRET.matcher(presented).matches();
  }

  /**
   * The stored form of a secret: SHA-256, hex. A fast hash without salt is right here, unlike for
   * passwords: the secret is 256 random bits, so there is nothing to guess from a dictionary and no
   * brute force that a slow hash would make any harder, and the hash of a presented key must be
   * cheap enough to compute on every request, then found by the unique index.
   */
  public static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Records that the key was used now; only when the last record is at least a minute old, so that
   * a program's every request does not write a row. Says whether it changed anything.
   */
  public boolean recordUse(Instant now) {
    if (lastUsedAt != null && lastUsedAt.plus(USE_RECORDED_EVERY).isAfter(now)) {
      return false;
    }
    lastUsedAt = now;
    return true;
  }

  /** Revokes the key for good; revoking it again keeps the first time. */
  public void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
    }
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  /** The principal name a program signed in with this key has; user names cannot contain ':'. */
  public String callerName() {
    return callerName(name);
  }

  public static String callerName(String keyName) {
    return "key:" + keyName;
  }

  /** Whether a signed-in caller is a program with a key rather than a user. */
  public static boolean isKeyCaller(String callerName) {
    return callerName != null && callerName.startsWith("key:");
  }

  public Long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public Role role() {
    return role;
  }

  public String secretHash() {
    return secretHash;
  }

  public String prefix() {
    return prefix;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String createdBy() {
    return createdBy;
  }

  public Instant lastUsedAt() {
    return lastUsedAt;
  }

  public Instant revokedAt() {
    return revokedAt;
  }
}
