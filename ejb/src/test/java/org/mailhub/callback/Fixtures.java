package org.mailhub.callback;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The documented webhook payloads under src/test/resources/webhooks. */
public final class Fixtures {

  private Fixtures() {}

  public static String webhook(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/webhooks/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
