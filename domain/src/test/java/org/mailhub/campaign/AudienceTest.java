package org.mailhub.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AudienceTest {

  @Test
  void emailsAreNormalisedAndDeduplicated() {
    Audience audience =
        Audience.emails(List.of(" Ana@Example.com", "ana@example.com", "bob@example.com"));

    assertEquals(List.of("ana@example.com", "bob@example.com"), audience.emailList());
  }

  @Test
  void emailListsAreBounded() {
    assertThrows(IllegalArgumentException.class, () -> Audience.emails(List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> Audience.emails(Collections.nCopies(Audience.MAX_EMAILS + 1, "a@example.com")));
  }

  @Test
  void propertyAudienceMatchesTheValueAsText() {
    Audience lisbon = Audience.property("city", "Lisbon");

    assertTrue(lisbon.matches("Lisbon"));
    assertFalse(lisbon.matches("lisbon"));
    assertFalse(lisbon.matches(null));
    assertTrue(Audience.property("score", "42").matches("42"));
    assertTrue(Audience.all().matches(null));
  }

  @Test
  void propertyAudienceNeedsAPropertyAndValue() {
    assertThrows(IllegalArgumentException.class, () -> Audience.property(" ", "x"));
    assertThrows(IllegalArgumentException.class, () -> Audience.property("city", null));
  }
}
