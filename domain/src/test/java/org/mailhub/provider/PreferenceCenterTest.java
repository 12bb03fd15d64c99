package org.mailhub.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PreferenceCenterTest {

  @Test
  void customUrlMustBeHttp() {
    assertThrows(
        IllegalArgumentException.class,
        () -> PreferenceCenter.of(PreferenceCenter.Mode.CUSTOM_URL, "ftp://x/prefs"));
    assertThrows(
        IllegalArgumentException.class,
        () -> PreferenceCenter.of(PreferenceCenter.Mode.CUSTOM_URL, " "));
    assertEquals(
        "https://example.com/prefs",
        PreferenceCenter.of(PreferenceCenter.Mode.CUSTOM_URL, " https://example.com/prefs ").url());
  }

  @Test
  void otherModesKeepNoUrl() {
    assertNull(PreferenceCenter.of(PreferenceCenter.Mode.SYSTEM, "https://ignored").url());
    assertEquals(PreferenceCenter.Mode.NONE, PreferenceCenter.of(null, null).mode());
  }
}
