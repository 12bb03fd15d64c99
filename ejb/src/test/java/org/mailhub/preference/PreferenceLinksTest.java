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

  private static org.mailhub.provider.Provider provider() {
    return new org.mailhub.provider.Provider(
        org.mailhub.provider.ProviderType.SMTP,
        "callback-token",
        new org.mailhub.provider.Provider.Details(
            "Relay",
            null,
            "news@acme.example",
            "help@acme.example",
            org.mailhub.provider.PreferenceCenter.of(
                org.mailhub.provider.PreferenceCenter.Mode.SYSTEM, null)),
        "sealed");
  }

  @Test
  void listUnsubscribeOffersNoMailtoUnlessAProcessedMailboxIsConfigured() {
    links.publicUrl = "https://mailhub.acme.example/";
    String token = links.sign("m-1");

    var unsubscribe = links.forSend(provider(), "ana@example.com", "m-1");

    assertEquals("https://mailhub.acme.example/preferences/" + token, unsubscribe.pageUrl());
    assertEquals(
        "<https://mailhub.acme.example/preferences/" + token + "/one-click>",
        unsubscribe.listUnsubscribe());

    links.mailto = Optional.of("unsubscribe@lists.acme.example");
    assertEquals(
        "<https://mailhub.acme.example/preferences/"
            + token
            + "/one-click>, <mailto:unsubscribe@lists.acme.example?subject=unsubscribe%20"
            + token
            + ">",
        links.forSend(provider(), "ana@example.com", "m-1").listUnsubscribe());
  }
}
