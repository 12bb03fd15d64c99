package org.mailhub.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonalizationTest {

  private static final Map<String, String> CAMPAIGN = Map.of("hid", "<b>SPRING</b>");
  private static final Map<String, String> PROFILE =
      Map.of("name", "Tom & \"Jerry\" <tj>", "city", "Zürich");

  @Test
  void profileValuesAreEscapedInHtmlButNotInTheSubject() {
    assertEquals(
        "<p>Hi Tom &amp; &quot;Jerry&quot; &lt;tj&gt; from Zürich, code <b>SPRING</b></p>",
        Personalization.html(
            "<p>Hi {{profile.name}} from {{profile.city}}, code $$hid</p>", CAMPAIGN, PROFILE));
    assertEquals(
        "Tom & \"Jerry\" <tj>, your code",
        Personalization.subject("{{profile.name}}, your code", CAMPAIGN, PROFILE));
  }

  @Test
  void fallbacksCoverMissingProperties() {
    assertEquals(
        "Hello friend",
        Personalization.subject("Hello {{profile.nickname | \"friend\"}}", Map.of(), Map.of()));
    assertEquals(
        "<p>Hello </p>",
        Personalization.html("<p>Hello {{profile.nickname}}</p>", Map.of(), Map.of()));
  }
}
