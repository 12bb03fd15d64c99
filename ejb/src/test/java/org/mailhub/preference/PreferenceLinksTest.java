package org.mailhub.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PreferenceLinksTest {

  private final PreferenceLinks links = new PreferenceLinks();

  {
    links.key =
        new SecretKeySpec(
            "a test key of 32 bytes, not more".getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  @Test
  void aSignedTokenVerifiesToItsMeta() {
    assertEquals(
        Optional.of("Xq3b2JmC1n0kYl2H8vTq3A"), links.verify(links.sign("Xq3b2JmC1n0kYl2H8vTq3A")));
  }

  @Test
  void everyAlterationIsRefused() {
    String token = links.sign("Xq3b2JmC1n0kYl2H8vTq3A");
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < token.length(); i++) {
      for (char c : alphabet.toCharArray()) {
        if (c != token.charAt(i) && token.charAt(i) != '.') {
          String altered = token.substring(0, i) + c + token.substring(i + 1);
          assertTrue(links.verify(altered).isEmpty(), altered);
        }
      }
    }
    assertTrue(links.verify(token + "x").isEmpty());
    assertTrue(links.verify("no-dot").isEmpty());
    assertTrue(links.verify(null).isEmpty());
  }
}
