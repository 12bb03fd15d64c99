package org.mailhub.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CampaignEditorTest {

  @Test
  void addressesAreOnePerLineAndBlankLinesOrSeparatorsDoNotCount() {
    assertEquals(
        List.of("a@example.com", "b@example.com", "c@example.com", "d@example.com"),
        CampaignEditor.addresses(
            " a@example.com\r\n\r\nb@example.com, c@example.com;d@example.com\n"));
    assertEquals(List.of(), CampaignEditor.addresses("  \n "));
    assertEquals(List.of(), CampaignEditor.addresses(null));
  }

  @Test
  void requestCarriesOnlyTheAudienceFieldsOfTheChosenTypeAndTheValuesStillAskedFor() {
    CampaignEditor editor = new CampaignEditor();
    editor.setName("Spring sale");
    editor.setSubject("Hi");
    editor.setHtml("<p>$$code</p>");
    editor.setEmails("a@example.com");
    editor.setProperty("city");
    editor.setValue("Lisbon");
    editor.setAudienceType(Audience.Type.PROPERTY);
    editor.getPlaceholders().put("code", "SPRING");
    editor.getPlaceholders().put("hid", "from another provider");
    editor.getPlaceholderNames().add("code");

    CampaignRequest request = editor.request();

    assertEquals(Map.of("code", "SPRING"), request.placeholders());
    assertEquals(Audience.Type.PROPERTY, request.audience().type());
    assertNull(request.audience().emails());
    assertEquals("city", request.audience().property());
    assertEquals("Lisbon", request.audience().value());
  }
}
