package org.mailhub.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProviderTest {

  private static Provider.Details details(String nickname) {
    return new Provider.Details(nickname, "  ", " news@example.com ", "", null);
  }

  @Test
  void normalisesBlankOptionalFields() {
    Provider provider = new Provider(ProviderType.SMTP, "token", details(" Main "), "sealed");

    assertEquals("Main", provider.nickname());
    assertNull(provider.fromName());
    assertNull(provider.replyTo());
    assertEquals("news@example.com", provider.fromAddress());
    assertEquals(PreferenceCenter.Mode.NONE, provider.preferenceCenter().mode());
  }

  @Test
  void requiresNicknameFromAddressAndSettings() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Provider(ProviderType.SMTP, "token", details(""), "sealed"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Provider(ProviderType.SMTP, "token", details("x"), null));
  }

  @Test
  void defaultFlagMovesOnlyThroughItsMethods() {
    Provider provider = new Provider(ProviderType.NETCORE, "token", details("n"), "sealed");
    assertFalse(provider.isDefault());

    provider.markDefault();
    assertTrue(provider.isDefault());
    provider.unmarkDefault();
    assertFalse(provider.isDefault());
  }
}
