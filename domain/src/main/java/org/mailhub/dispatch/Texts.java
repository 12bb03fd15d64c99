package org.mailhub.dispatch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Bounds for what providers return before it is stored: a provider may answer anything, and a value
 * too long for its column must never make an outcome unrecordable.
 */
public final class Texts {

  /** Message ids up to this length are stored as they are. */
  public static final int MAX_MESSAGE_ID = 255;

  public static final int MAX_ERROR = 1000;

  private Texts() {}

  /**
   * The message id as stored: itself when it fits, else {@code sha256:} and its digest, so that a
   * callback naming the same long id still finds its send (callbacks bound their ids the same way).
   */
  public static String messageId(String messageId) {
    if (messageId == null
        || (messageId.length() <= MAX_MESSAGE_ID && messageId.indexOf('\0') < 0)) {
      return messageId;
    }
    try {
      return "sha256:"
          + HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(messageId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The text cut to {@code max} characters, with an ellipsis when cut, and without NUL characters
   * (PostgreSQL refuses them in text).
   */
  public static String abbreviate(String text, int max) {
    if (text == null) {
      return null;
    }
    String clean = text.indexOf('\0') < 0 ? text : text.replace("\0", "");
    return clean.length() <= max ? clean : clean.substring(0, max - 1) + "…";
  }
}
