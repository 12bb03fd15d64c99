package org.mailhub.user;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Password hashes: PBKDF2-HMAC-SHA256 with 210,000 iterations (OWASP's advice), through Jakarta
 * Security's {@link Pbkdf2PasswordHash}. That costs ~100 ms a check, too much for a program that
 * sends its credentials with every REST call, so a successful check is remembered as a digest of
 * the stored hash and the password: changing the password or removing the user forgets it.
 */
@ApplicationScoped
public class Passwords {

  private static final int REMEMBERED = 10_000;

  /**
   * Password checks at once: each takes ~100 ms of a core, so more in parallel only slow every
   * request of the server down; the others wait their turn, briefly.
   */
  private static final Semaphore CHECKS = new Semaphore(2, true);

  private static final long WAIT_SECONDS = 10;

  /** Too many password checks are waiting already. */
  @jakarta.ejb.ApplicationException
  public static class Busy extends RuntimeException {
    Busy() {
      super("mailhub is busy checking passwords; try again in a moment");
    }
  }

  @Inject Pbkdf2PasswordHash pbkdf2;

  private final Set<String> verified = ConcurrentHashMap.newKeySet();
  private String decoy;

  @PostConstruct
  void configure() {
    pbkdf2.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    decoy = hash("no user has this password");
  }

  public String hash(String password) {
    return pbkdf2.generate(password.toCharArray());
  }

  public boolean matches(String password, String storedHash) {
    String remembered = digest(storedHash, password);
    if (verified.contains(remembered)) {
      return true;
    }
    if (!checked(() -> pbkdf2.verify(password.toCharArray(), storedHash))) {
      return false;
    }
    if (verified.size() >= REMEMBERED) {
      verified.clear();
    }
    verified.add(remembered);
    return true;
  }

  /** Takes as long as a real check, so that answers do not tell which user names exist. */
  public void waste(String password) {
    checked(() -> pbkdf2.verify(password.toCharArray(), decoy));
  }

  private static boolean checked(java.util.function.BooleanSupplier check) {
    try {
      if (!CHECKS.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new Busy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Busy();
    }
    try {
      return check.getAsBoolean();
    } finally {
      CHECKS.release();
    }
  }

  private static String digest(String storedHash, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(storedHash.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      return Base64.getEncoder()
          .encodeToString(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
