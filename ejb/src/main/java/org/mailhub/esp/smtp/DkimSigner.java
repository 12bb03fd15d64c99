package org.mailhub.esp.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * DKIM signing (RFC 6376) with rsa-sha256 and relaxed/relaxed canonicalisation, over the message
 * exactly as it will be written to the SMTP server. The headers that say who sent what to whom, and
 * the list headers (RFC 8058 section 4 requires {@code List-Unsubscribe} and {@code
 * List-Unsubscribe-Post} to be signed), are covered.
 */
final class DkimSigner {

  /** The headers signed when the message has them; RFC 6376 5.4.1 recommends these. */
  static final List<String> SIGNED_HEADERS =
      List.of(
          "From",
          "Reply-To",
          "To",
          "Cc",
          "Subject",
          "Date",
          "Message-ID",
          "MIME-Version",
          "Content-Type",
          "Content-Transfer-Encoding",
          "List-Id",
          "List-Unsubscribe",
          "List-Unsubscribe-Post");

  /** RFC 8301: verifiers refuse smaller keys. */
  static final int MIN_KEY_BITS = 1024;

  private static final Pattern WSP_RUN = Pattern.compile("[ \t]+");
  private static final Pattern PEM_ARMOUR = Pattern.compile("-----(BEGIN|END) PRIVATE KEY-----");
  private static final String CRLF = "\r\n";
  private static final String UNREADABLE =
      "cannot be read as an RSA private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)";

  private final SmtpSettings.Dkim dkim;
  private final RSAPrivateKey key;
  private final Clock clock;

  DkimSigner(SmtpSettings.Dkim dkim, Clock clock) {
    this.dkim = dkim;
    this.key = privateKey(dkim.privateKey());
    this.clock = clock;
  }

  /**
   * The RSA private key in the PEM text.
   *
   * @throws IllegalArgumentException saying why the text is not a usable RSA private key
   */
  static RSAPrivateKey privateKey(String pem) {
    if (pem.contains("BEGIN RSA PRIVATE KEY")) {
      throw new IllegalArgumentException(
          "is a PKCS#1 key (BEGIN RSA PRIVATE KEY); give it as PKCS#8 (BEGIN PRIVATE KEY), as"
              + " `openssl pkcs8 -topk8 -nocrypt -in key.pem` prints it");
    }
    if (pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
      throw new IllegalArgumentException(
          "is encrypted; give it unencrypted (`openssl pkcs8 -topk8 -nocrypt -in key.pem`)");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(PEM_ARMOUR.matcher(pem).replaceAll("").strip());
    } catch (IllegalArgumentException notBase64) {
      throw new IllegalArgumentException(UNREADABLE);
    }
    RSAPrivateKey key;
    try {
      key =
          (RSAPrivateKey)
              KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException(UNREADABLE, e);
    }
    if (key.getModulus().bitLength() < MIN_KEY_BITS) {
      throw new IllegalArgumentException(
          "is a "
              + key.getModulus().bitLength()
              + "-bit key; DKIM verifiers refuse keys under "
              + MIN_KEY_BITS
              + " bits (2048 recommended)");
    }
    return key;
  }

  /**
   * The message with a {@code DKIM-Signature} header on top, as a message read back from the bytes
   * that were signed, so that what is sent is exactly what was signed.
   */
  MimeMessage sign(Session session, MimeMessage message) throws MessagingException {
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    try {
      message.writeTo(written);
    } catch (IOException inMemory) {
      throw new MessagingException("cannot write the message to sign it", inMemory);
    }
    // SMTP carries CRLF line ends; bare LFs are turned into CRLF on the way, so sign that
    String text = crlf(written.toString(StandardCharsets.ISO_8859_1));
    int end = text.indexOf(CRLF + CRLF);
    String head = end < 0 ? text : text.substring(0, end + 2);
    String body = end < 0 ? "" : text.substring(end + 4);
    String header = "DKIM-Signature: " + signature(fields(head), body);
    return new MimeMessage(
        session,
        new ByteArrayInputStream((header + CRLF + text).getBytes(StandardCharsets.ISO_8859_1)));
  }

  private String signature(List<String> fields, String body) {
    List<String> signed = new ArrayList<>();
    StringBuilder data = new StringBuilder();
    for (String name : SIGNED_HEADERS) {
      // the last instance of a header is signed first (RFC 6376 5.4.2); ours appear once
      for (int i = fields.size() - 1; i >= 0; i--) {
        if (name(fields.get(i)).equalsIgnoreCase(name)) {
          signed.add(name);
          data.append(relaxedHeader(fields.get(i))).append(CRLF);
          break;
        }
      }
    }
    String tags =
        "v=1; a=rsa-sha256; c=relaxed/relaxed; d="
            + dkim.domain()
            + "; s="
            + dkim.selector()
            + ";"
            + CRLF
            + "\tt="
            + clock.instant().getEpochSecond()
            + "; h="
            + String.join(":", signed)
            + ";"
            + CRLF
            + "\tbh="
            + Base64.getEncoder().encodeToString(sha256(relaxedBody(body)))
            + ";"
            + CRLF
            + "\tb=";
    data.append(relaxedHeader("DKIM-Signature: " + tags));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(data.toString().getBytes(StandardCharsets.ISO_8859_1));
      return tags + fold(Base64.getEncoder().encodeToString(rsa.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime signs SHA256withRSA", e);
    }
  }

  /** The header fields of the header block, each with its folded continuation lines. */
  static List<String> fields(String head) {
    List<String> fields = new ArrayList<>();
    for (String line : head.split(CRLF)) {
      if (line.isEmpty()) {
        continue;
      }
      if ((line.startsWith(" ") || line.startsWith("\t")) && !fields.isEmpty()) {
        fields.set(fields.size() - 1, fields.get(fields.size() - 1) + CRLF + line);
      } else {
        fields.add(line);
      }
    }
    return fields;
  }

  private static String name(String field) {
    int colon = field.indexOf(':');
    return colon < 0 ? field : field.substring(0, colon).strip();
  }

  /** RFC 6376 3.4.2: lower-case name, unfolded value with runs of blanks made one space. */
  static String relaxedHeader(String field) {
    int colon = field.indexOf(':');
    String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    String value = field.substring(colon + 1).replace(CRLF, "");
    return name + ":" + WSP_RUN.matcher(value).replaceAll(" ").strip();
  }

  /**
   * RFC 6376 3.4.4: blanks at line ends removed, runs of blanks made one space, empty lines at the
   * end removed; a body that is not empty ends with CRLF.
   */
  static String relaxedBody(String body) {
    List<String> lines = new ArrayList<>();
    for (String line : body.split(CRLF, -1)) {
      lines.add(WSP_RUN.matcher(line).replaceAll(" ").stripTrailing());
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines.isEmpty() ? "" : String.join(CRLF, lines) + CRLF;
  }

  private static String crlf(String text) {
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", CRLF);
  }

  /** The signature in lines of at most 76 characters; blanks inside b= are ignored (3.5). */
  private static String fold(String base64) {
    StringBuilder folded = new StringBuilder();
    for (int i = 0; i < base64.length(); i += 72) {
      if (i > 0) {
        folded.append(CRLF).append("\t ");
      }
      folded.append(base64, i, Math.min(i + 72, base64.length()));
    }
    return folded.toString();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.ISO_8859_1));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
