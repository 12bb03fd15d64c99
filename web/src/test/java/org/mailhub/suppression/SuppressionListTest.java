package org.mailhub.suppression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SuppressionListTest {

  @Test
  void reasonsReadAsWords() {
    SuppressionList page = new SuppressionList();

    assertEquals("Hard bounce", page.label(SuppressionReason.HARD_BOUNCE));
    assertEquals("Spam complaint", page.label(SuppressionReason.SPAM_COMPLAINT));
    assertEquals("Manual", page.label(SuppressionReason.MANUAL));
  }
}
