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

  @Test
  void htmlThatPlacesTheLinkItselfIsLeftAsWritten() {
    String own = "<p>News</p><a href=\"{{ unsubscribe_url }}\">Leave</a>";
    assertEquals(own, Personalization.withUnsubscribeLink(own));
    String dollar = "<p>News</p><a href=\"$$UnsubscribeURL\">Leave</a>";
    assertEquals(dollar, Personalization.withUnsubscribeLink(dollar));
  }

  @Test
  void htmlWithoutTheLinkGetsAFooterBeforeTheLastBodyEnd() {
    String html = "<html><body><p>News</p><p>Not </body> really</p></BODY ></html>";

    String linked = Personalization.withUnsubscribeLink(html);

    assertEquals(
        "<html><body><p>News</p><p>Not </body> really</p>"
            + Personalization.FOOTER
            + "</BODY ></html>",
        linked);
    assertEquals(
        "<html><body><p>News</p><p>Not </body> really</p><p"
            + " style=\"font-size:12px;color:#666666;text-align:center\"><a"
            + " href=\"https://m.example/preferences/t.1?a=1&amp;b=2\">Unsubscribe</a></p></BODY"
            + " ></html>",
        Personalization.html(
            linked,
            Map.of("UnsubscribeURL", "https://m.example/preferences/t.1?a=1&b=2"),
            PROFILE));
  }

  @Test
  void aFragmentGetsTheFooterAtTheEnd() {
    assertEquals(
        "<p>News</p>" + Personalization.FOOTER, Personalization.withUnsubscribeLink("<p>News</p>"));
    assertEquals(Personalization.FOOTER, Personalization.withUnsubscribeLink(null));
  }

  @Test
  void aProfilePropertyNamedLikeTheLinkDoesNotCount() {
    String html = "<p>{{profile.unsubscribe_url}} $$UnsubscribeURLs</p>";
    assertEquals(html + Personalization.FOOTER, Personalization.withUnsubscribeLink(html));
  }
}
