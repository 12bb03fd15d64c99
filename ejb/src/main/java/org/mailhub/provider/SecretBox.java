package org.mailhub.provider;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encrypts provider settings at rest with AES-256-GCM. The key is derived from {@code
 * MAILHUB_SECRET_KEY}; without it, mailhub generates one in its data directory on first start.
 */
@ApplicationScoped
public class SecretBox {

  private static final Logger LOG = Logger.getLogger(SecretBox.class.getName());
  private static final String VERSION = "v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject
  @ConfigProperty(name = "mailhub.secret-key")
  Optional<String> configuredKey;

  @Inject
  @ConfigProperty(name = "jboss.server.data.dir")
  Optional<String> dataDir;

  @Inject
  @ConfigProperty(name = "mailhub.cluster", defaultValue = "false")
  boolean cluster;

  private SecretKey key;

  /** Random characters a configured key must have at least. */
  static final int MIN_KEY_LENGTH = 32;

  @PostConstruct
  void init() {
    String material =
        configuredKey
            .filter(k -> !k.isBlank())
            .map(SecretBox::checkConfigured)
            .orElseGet(
                () -> {
                  String environment = System.getenv("MAILHUB_SECRET_KEY");
                  if (environment != null && environment.isBlank()) {
                    throw new IllegalStateException(
                        "MAILHUB_SECRET_KEY is set but empty. Give it at least "
                            + MIN_KEY_LENGTH
                            + " random characters (e.g. openssl rand -base64 48), or unset it to"
                            + " let mailhub keep a generated key in its data directory.");
                  }
                  if (cluster) {
                    throw new IllegalStateException(
                        "MAILHUB_SECRET_KEY is not set, but this is a cluster node: every node"
                            + " must read the provider secrets the others saved, so give them all"
                            + " the same key of at least "
                            + MIN_KEY_LENGTH
                            + " random characters (e.g. openssl rand -base64 48)");
                  }
                  return generatedKey();
                });
    key = new SecretKeySpec(sha256(material), "AES");
  }

  /** Checked at deployment, so that a server with an unusable key refuses to start. */
  void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // creating the bean ran init()
  }

  static String checkConfigured(String configured) {
    if (configured.strip().length() < MIN_KEY_LENGTH) {
      throw new IllegalStateException(
          "MAILHUB_SECRET_KEY has "
              + configured.strip().length()
              + " characters; mailhub needs at least "
              + MIN_KEY_LENGTH
              + " random ones (e.g. openssl rand -base64 48). Provider secrets saved under the"
              + " old key must then be entered again.");
    }
    return configured;
  }

  static String checkFile(Path file, String content) {
    if (content.isBlank()) {
      throw new IllegalStateException(
          file
              + " is empty. Restore it from the backup you keep with the database (provider"
              + " secrets cannot be read without it), or delete it to have a new key generated"
              + " and enter the providers' secrets again.");
    }
    return content;
  }

  /** A key for another purpose (e.g. signing links), derived from the same secret. */
  public byte[] derivedKey(String purpose) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(key.getEncoded());
      return digest.digest(purpose.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String seal(String plain) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return VERSION
          + Base64.getEncoder()
              .encodeToString(
                  ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  public String open(String sealed) {
    if (sealed == null || !sealed.startsWith(VERSION)) {
      throw new IllegalStateException("Stored provider settings are not in a known format");
    }
    byte[] bytes = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
      return new String(
          cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "Cannot decrypt stored provider settings: MAILHUB_SECRET_KEY is not the key they were"
              + " saved with",
          e);
    }
  }

  private String generatedKey() {
    Path file =
        Path.of(dataDir.orElse(System.getProperty("java.io.tmpdir")), "mailhub", "secret.key");
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        try {
          Files.writeString(
              Files.createFile(
                  file,
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------"))),
              Base64.getEncoder().encodeToString(random));
          LOG.warning(
              "MAILHUB_SECRET_KEY is not set: generated a key in "
                  + file
                  + "; provider secrets cannot be read without it, so back it up with the database");
        } catch (FileAlreadyExistsException raced) {
          // another start created it first; use theirs
        }
      }
      return checkFile(file, Files.readString(file)).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the secret key " + file, e);
    }
  }

  private static byte[] sha256(String material) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
