package org.mailhub.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailTest {

  @Test
  void withoutUnsubscribeLinksTheUnsubscribeUrlIsEmptyNotLeftAsAPlaceholder() {
    Email email =
        Email.personalised(
            "a@example.com",
            "Hi {{profile.name | \"friend\"}}",
            "<a href=\"{{unsubscribe_url}}\">x</a>",
            Map.of(),
            Map.of(),
            "test-1",
            null);

    assertEquals("Hi friend", email.subject());
    assertEquals("<a href=\"\">x</a>", email.html());
    assertEquals(null, email.unsubscribe());
  }

  @Test
  void profileValuesAreEscapedInTheHtmlAndCampaignValuesFillTheirPlaceholders() {
    Email.Unsubscribe links =
        new Email.Unsubscribe("https://m.example/p/t", "https://m.example/p/t/one-click", null);
    Email email =
        Email.personalised(
            "a@example.com",
            "{{profile.name}}: $$hid",
            "<p>{{profile.name}} $$hid</p><a href=\"{{unsubscribe_url}}\">stop</a>",
            Map.of("hid", "S1"),
            Map.of("name", "<Ana>"),
            "meta-1",
            links);

    assertEquals("<Ana>: S1", email.subject());
    assertEquals("<p>&lt;Ana&gt; S1</p><a href=\"https://m.example/p/t\">stop</a>", email.html());
    assertEquals("meta-1", email.meta());
    assertEquals(links, email.unsubscribe());
  }
}
