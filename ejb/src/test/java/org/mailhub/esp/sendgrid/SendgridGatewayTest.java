package org.mailhub.esp.sendgrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailhub.esp.Email;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.SendOutcome;

class SendgridGatewayTest {

  private final SendgridGateway gateway = new SendgridGateway();
  private final SendgridSettings settings =
      new SendgridSettings("SG.key", null, null, "marketing", "newsletter");
  private final Envelope envelope =
      new Envelope(
          "Acme", "news@acme.example", "help@acme.example", Map.of(), Envelope.Source.campaign(1));

  private static Email email(String to, String html, String page) {
    return new Email(
        to,
        "Hi " + to,
        html.replace("URL", page == null ? "" : page),
        Map.of(),
        "meta-" + to,
        page == null ? null : new Email.Unsubscribe(page, page + "/one-click", null));
  }

  @Test
  void emailsDifferingOnlyByTheirUnsubscribeUrlShareARequest() {
    List<Email> emails =
        List.of(
            email("a@x.com", "<a href=\"URL\">out</a>", "https://hub/u/a"),
            email("b@x.com", "<a href=\"URL\">out</a>", "https://hub/u/b"),
            email("c@x.com", "<p>other</p><a href=\"URL\">out</a>", "https://hub/u/c"),
            email("d@x.com", "<a href=\"URL\">out</a>", null),
            email("e@x.com", "<a href=\"URL\">out</a>", null));

    List<List<Email>> batches = gateway.batches(settings, emails);

    assertEquals(
        List.of(List.of("a@x.com", "b@x.com"), List.of("c@x.com"), List.of("d@x.com", "e@x.com")),
        batches.stream().map(b -> b.stream().map(Email::to).toList()).toList());
  }

  @Test
  void aCustomPagesParametersEscapedInTheHtmlShareARequestAndComeBackEscaped() {
    Email a = email("a@x.com", "<a href=\"URL\">out</a>", "https://hub/u?e=a&amp;t=1");
    Email b = email("b@x.com", "<a href=\"URL\">out</a>", "https://hub/u?e=b&amp;t=2");
    // the page's own URL is unescaped; the template rendered it escaped into the HTML
    a = withPage(a, "https://hub/u?e=a&t=1");
    b = withPage(b, "https://hub/u?e=b&t=2");

    assertEquals(1, gateway.batches(settings, List.of(a, b)).size());
    assertTrue(SendgridGateway.substitutes(a));
    assertEquals(
        "https://hub/u?e=a&amp;t=1",
        SendgridGateway.personalization(a)
            .build()
            .getJsonObject("substitutions")
            .getString(SendgridGateway.UNSUBSCRIBE_TAG));
  }

  private static Email withPage(Email email, String page) {
    return new Email(
        email.to(),
        email.subject(),
        email.html(),
        email.profile(),
        email.meta(),
        new Email.Unsubscribe(page, page + "/one-click", null));
  }

  @Test
  void htmlHoldingTheTagAlreadyIsSentAsItIs() {
    Email odd =
        email("a@x.com", "<p>" + SendgridGateway.UNSUBSCRIBE_TAG + "</p>URL", "https://hub/u/a");
    Email plain =
        email("b@x.com", "<p>" + SendgridGateway.UNSUBSCRIBE_TAG + "</p>URL", "https://hub/u/b");

    assertFalse(SendgridGateway.substitutes(odd));
    assertEquals(2, gateway.batches(settings, List.of(odd, plain)).size());
    JsonObject body = SendgridGateway.body(settings, envelope, List.of(odd));
    assertEquals(odd.html(), body.getJsonArray("content").getJsonObject(0).getString("value"));
    assertFalse(
        body.getJsonArray("personalizations").getJsonObject(0).containsKey("substitutions"));
  }

  @Test
  void batchesHoldAtMostAThousand() {
    List<Email> emails = new ArrayList<>();
    for (int i = 0; i < 2001; i++) {
      emails.add(email(i + "@x.com", "<p>same</p>", null));
    }
    assertEquals(
        List.of(1000, 1000, 1),
        gateway.batches(settings, emails).stream().map(List::size).toList());
  }

  @Test
  void mailSendBodyHasOnePersonalizationPerRecipient() {
    JsonObject body =
        SendgridGateway.body(
            settings,
            envelope,
            List.of(
                email("a@x.com", "<a href=\"URL\">out</a>", "https://hub/u/a?x=1"),
                email("b@x.com", "<a href=\"URL\">out</a>", "https://hub/u/b")));

    assertEquals(
        "{\"to\":[{\"email\":\"a@x.com\"}],\"subject\":\"Hi a@x.com\","
            + "\"custom_args\":{\"mailhub_meta\":\"meta-a@x.com\"},"
            + "\"headers\":{\"List-Unsubscribe\":\"<https://hub/u/a?x=1/one-click>\","
            + "\"List-Unsubscribe-Post\":\"List-Unsubscribe=One-Click\"},"
            + "\"substitutions\":{\"-mailhub-unsubscribe-url-\":\"https://hub/u/a?x=1\"}}",
        body.getJsonArray("personalizations").getJsonObject(0).toString());
    assertEquals(2, body.getJsonArray("personalizations").size());
    assertEquals(
        "[{\"type\":\"text/html\",\"value\":\"<a href=\\\"-mailhub-unsubscribe-url-\\\">out</a>\"}]",
        body.getJsonArray("content").toString());
    assertEquals(
        "{\"email\":\"news@acme.example\",\"name\":\"Acme\"}", body.get("from").toString());
    assertEquals("{\"email\":\"help@acme.example\"}", body.get("reply_to").toString());
    assertEquals("[\"newsletter\"]", body.get("categories").toString());
    assertEquals("marketing", body.getString("ip_pool_name"));
    assertFalse(body.containsKey("subject"), "each personalization has its own");
  }

  @Test
  void errorsGiveTheFieldAndMessages() {
    SendOutcome outcome =
        SendgridGateway.refusal(
            400,
            "{\"errors\":[{\"message\":\"The from email does not contain a valid address.\","
                + "\"field\":\"from.email\",\"help\":\"http://sendgrid.com/docs\"},"
                + "{\"message\":\"second\",\"field\":null,\"help\":null}, 7]}",
            false);
    assertEquals(400, outcome.status());
    assertEquals("from.email", outcome.errorCode());
    assertEquals(
        "from.email: The from email does not contain a valid address.; second", outcome.detail());
    assertFalse(outcome.addressRejected());

    SendOutcome key =
        SendgridGateway.refusal(
            401,
            "{\"errors\":[{\"field\":null,\"message\":\"The provided authorization grant is"
                + " invalid, expired, or revoked\",\"help\":null}]}",
            true);
    assertNull(key.errorCode());
    assertTrue(key.detail().startsWith("The provided authorization grant is invalid"));
    assertTrue(key.detail().contains("Mail Send permission"));

    SendOutcome address =
        SendgridGateway.refusal(
            400,
            "{\"errors\":[{\"message\":\"Does not contain a valid address.\","
                + "\"field\":\"personalizations.0.to.0.email\"}]}",
            true);
    assertTrue(address.addressRejected());

    SendOutcome html = SendgridGateway.refusal(413, "<html>too large</html>", false);
    assertEquals("<html>too large</html>", html.detail());
  }

  @Test
  void settingsCheckTheVerificationKey() {
    assertEquals(
        List.of(),
        gateway.check(
            new SendgridSettings("k", null, SendgridWebhookSignatureTest.PUBLIC_KEY, null, null)));
    assertEquals(
        "webhookVerificationKey",
        gateway.check(new SendgridSettings("k", null, "nope", null, null)).get(0).field());
    assertEquals(
        SendgridSettings.DEFAULT_ENDPOINT,
        new SendgridSettings("k", " ", null, "", " ").endpoint());
  }
}
