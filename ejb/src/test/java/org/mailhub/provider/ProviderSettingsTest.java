package org.mailhub.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProviderSettingsTest {

  @Test
  void hintShowsTheEndOfLongSecretsOnly() {
    assertEquals("••••9f3a", ProviderSettings.hint("abcdefgh-9f3a"));
    assertEquals("••••", ProviderSettings.hint("short-9f3a"));
  }
}
