package org.mailhub.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

  private static final Template.Values VALUES =
      Template.Values.of(
          Map.of("To", "ana@example.com", "hid", "PROMO-7", "Subject", "Price: $$HTML {{x}}"),
          Map.of("name", "Ana", "city", "São Paulo", "score", 42));

  @Test
  void findsCampaignAndBuiltInPlaceholdersInOrder() {
    String text = "{\"to\":\"$$To\",\"t\":\"$$hid\",\"s\":\"$$Subject\",\"again\":\"$$To\"}";

    assertEquals(List.of("To", "hid", "Subject"), List.copyOf(Template.placeholders(text)));
  }

  @Test
  void rendersPlaceholdersAndProfileProperties() {
    String rendered =
        Template.render("$$To / $$hid / {{profile.name}} from {{ profile.city }}", VALUES);

    assertEquals("ana@example.com / PROMO-7 / Ana from São Paulo", rendered);
  }

  @Test
  void substitutedValuesAreNotRenderedAgain() {
    assertEquals("Price: $$HTML {{x}}!", Template.render("$$Subject!", VALUES));
  }

  @Test
  void placeholderWithoutValueStaysVisible() {
    assertEquals("code $$coupon", Template.render("code $$coupon", VALUES));
  }

  @Test
  void missingProfilePropertyUsesFallbackOrNothing() {
    assertEquals(
        "Hi friend, Hi , Hi \"you\"",
        Template.render(
            "Hi {{profile.nickname | \"friend\"}}, Hi {{profile.nickname}}, Hi {{profile.x|\"\\\"you\\\"\"}}",
            VALUES));
  }

  @Test
  void escapeAppliesToProfileValuesOnly() {
    var values = Template.Values.of(Map.of("HTML", "<b>hi</b>"), Map.of("name", "<Tom & Jerry>"));

    String rendered =
        Template.render(
            "$$HTML {{profile.name}}", values, v -> v.replace("&", "&amp;").replace("<", "&lt;"));

    assertEquals("<b>hi</b> &lt;Tom &amp; Jerry>", rendered);
  }

  @Test
  void numbersAndNewlinesSurvive() {
    var values = Template.Values.of(Map.of("HTML", "line1\nline2\r\n\"q\""), Map.of("score", 42));

    assertEquals("line1\nline2\r\n\"q\" 42", Template.render("$$HTML {{profile.score}}", values));
  }

  @Test
  void dollarSignsThatAreNotPlaceholdersAreText() {
    assertTrue(Template.placeholders("costs $$5 or $ 10").isEmpty());
    assertEquals("costs $$5", Template.render("costs $$5", VALUES));
  }

  @Test
  void unsubscribeUrlIsABuiltInAvailableInHtml() {
    var values =
        Template.Values.of(Map.of("UnsubscribeURL", "https://m.example/p/t?a=1&b=2"), Map.of());

    assertEquals(
        "<a href=\"https://m.example/p/t?a=1&amp;b=2\">unsubscribe</a>",
        Template.render("<a href=\"{{ unsubscribe_url }}\">unsubscribe</a>", values, Html::escape));
    assertEquals(
        "x ", Template.render("x {{unsubscribe_url}}", Template.Values.of(Map.of(), Map.of())));
    assertTrue(Template.BUILT_IN.contains("UnsubscribeURL"));
  }

  @Test
  void detectsProfilePersonalisation() {
    assertTrue(Template.usesProfile("Hello {{profile.name | \"friend\"}}"));
    assertFalse(Template.usesProfile("Hello $$To"));
  }
}
