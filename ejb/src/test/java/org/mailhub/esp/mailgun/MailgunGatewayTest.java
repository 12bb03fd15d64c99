package org.mailhub.esp.mailgun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mailhub.esp.Email;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.HttpExchange;

class MailgunGatewayTest {

  private final MailgunGateway gateway = new MailgunGateway();
  private final MailgunSettings settings =
      new MailgunSettings("key", "mg.example.com", null, null, null);
  private final Envelope envelope =
      new Envelope(
          "Acme, \"News\"",
          "news@acme.example",
          "help@acme.example",
          Map.of(),
          Envelope.Source.campaign(1));

  private static Email email(String to, String html) {
    String page = "https://hub.example/u/" + to.hashCode() + "?a=1&b=2";
    return new Email(
        to,
        "Hello",
        html.replace("$PAGE", page.replace("&", "&amp;")),
        Map.of(),
        "meta-" + to,
        new Email.Unsubscribe(page, "https://hub.example/one-click/" + to.hashCode(), null));
  }

  private static Map<String, List<String>> fields(List<Map.Entry<String, String>> fields) {
    return fields.stream()
        .collect(
            Collectors.groupingBy(
                Map.Entry::getKey,
                java.util.LinkedHashMap::new,
                Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
  }

  @Test
  void regionsAndEndpoint() {
    assertEquals("https://api.mailgun.net/v3/mg.example.com/messages", settings.messagesUrl());
    assertEquals(
        "https://api.eu.mailgun.net",
        new MailgunSettings("k", "d.example", MailgunSettings.Region.EU, " ", null).base());
    assertEquals(
        "http://127.0.0.1:8025",
        new MailgunSettings("k", "d.example", null, "http://127.0.0.1:8025/", null).base());
  }

  @Test
  void emailsThatDifferOnlyByTheirUnsubscribeLinkShareACall() {
    List<Email> emails =
        List.of(
            email("a@example.com", "<a href=\"$PAGE\">leave</a>"),
            email("b@example.com", "<p>Hi Bo</p><a href=\"$PAGE\">leave</a>"),
            email("c@example.com", "<a href=\"$PAGE\">leave</a>"),
            email("d@example.com", "<p>%recipient.first%</p>"));

    List<List<Email>> batches = gateway.batches(settings, emails);

    assertEquals(
        List.of(
            List.of("a@example.com", "c@example.com"),
            List.of("b@example.com"),
            List.of("d@example.com")),
        batches.stream().map(b -> b.stream().map(Email::to).toList()).toList());
  }

  @Test
  void aCallCarriesEachRecipientsValuesAsRecipientVariables() {
    List<Email> batch =
        List.of(
            email("a@example.com", "<a href=\"$PAGE\">leave</a>"),
            email("c@example.com", "<a href=\"$PAGE\">leave</a>"));

    Map<String, List<String>> fields = fields(MailgunGateway.fields(envelope, batch));

    assertEquals(List.of("\"Acme, \\\"News\\\"\" <news@acme.example>"), fields.get("from"));
    assertEquals(List.of("a@example.com", "c@example.com"), fields.get("to"));
    assertEquals(List.of("<a href=\"%recipient.unsubscribe_html%\">leave</a>"), fields.get("html"));
    assertEquals(List.of("%recipient.meta%"), fields.get("v:mailhub_meta"));
    assertEquals(List.of("%recipient.list_unsubscribe%"), fields.get("h:List-Unsubscribe"));
    assertEquals(List.of("List-Unsubscribe=One-Click"), fields.get("h:List-Unsubscribe-Post"));
    assertEquals(List.of("help@acme.example"), fields.get("h:Reply-To"));
    var variables =
        HttpExchange.jsonObject(fields.get("recipient-variables").get(0))
            .getJsonObject("c@example.com");
    assertEquals("meta-c@example.com", variables.getString("meta"));
    assertEquals(batch.get(1).unsubscribe().pageUrl(), variables.getString("unsubscribe_url"));
    // the HTML had the page's URL escaped, and gets it back escaped
    assertEquals(
        batch.get(1).unsubscribe().pageUrl().replace("&", "&amp;"),
        variables.getString("unsubscribe_html"));
    assertEquals(
        batch.get(1).unsubscribe().listUnsubscribe(), variables.getString("list_unsubscribe"));
  }

  @Test
  void anEmailWithMailgunsOwnSyntaxGoesAloneAsItIs() {
    Email odd = email("d@example.com", "<p>100%recipient.x% sure</p>");

    Map<String, List<String>> fields = fields(MailgunGateway.fields(envelope, List.of(odd)));

    assertEquals(List.of(odd.html()), fields.get("html"));
    assertEquals(List.of("meta-d@example.com"), fields.get("v:mailhub_meta"));
    assertEquals(List.of(odd.unsubscribe().listUnsubscribe()), fields.get("h:List-Unsubscribe"));
    assertFalse(fields.containsKey("recipient-variables"));
  }

  @Test
  void callsHoldAtMostAThousandDifferentAddresses() {
    List<Email> emails = new ArrayList<>();
    for (int i = 0; i < 2001; i++) {
      emails.add(new Email("r" + i + "@example.com", "S", "<p>same</p>", Map.of(), "m" + i));
    }
    emails.add(new Email("R0@example.com", "S", "<p>same</p>", Map.of(), "again"));

    List<List<Email>> batches = gateway.batches(settings, emails);

    assertEquals(List.of(1000, 1000, 2), batches.stream().map(List::size).toList());
    assertTrue(batches.get(2).stream().anyMatch(e -> e.meta().equals("again")));
  }

  @Test
  void answersAndErrors() {
    assertEquals(
        "20111114174239.25659.5817@samples.mailgun.org",
        MailgunGateway.messageId("<20111114174239.25659.5817@samples.mailgun.org>"));
    assertEquals("UNAUTHORIZED", MailgunGateway.errorCode(401));
    assertEquals(
        "'to' parameter is not a valid address. please check documentation",
        MailgunGateway.detail(
            HttpExchange.jsonObject(
                "{\"message\": \"'to' parameter is not a valid address. please check documentation\"}"),
            "ignored"));
    assertEquals(
        "Forbidden", MailgunGateway.detail(HttpExchange.jsonObject("Forbidden"), "Forbidden"));
    assertEquals("Basic YXBpOmtleS0z", MailgunGateway.authorization("key-3"));
  }
}
