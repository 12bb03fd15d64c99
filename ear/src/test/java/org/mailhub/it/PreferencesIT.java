package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Recipients manage their subscription from the links in the emails, without signing in. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PreferencesIT {

  @RegisterExtension static final GreenMailExtension SMTP = Mailhub.smtpServer();

  private static final Pattern ONE_CLICK =
      Pattern.compile("<(http://localhost:8080/preferences/([^>/]+)/one-click)>");

  private RecordingEsp esp;
  private String run;

  @Deployment(testable = false)
  static EnterpriseArchive mailhub() {
    return Mailhub.ear();
  }

  @BeforeEach
  void start() throws Exception {
    esp = new RecordingEsp();
    run = UUID.randomUUID().toString().substring(0, 8);
    Campaigns.importTagged(
        run, java.util.stream.IntStream.range(0, 3).mapToObj(this::email).toList());
  }

  @AfterEach
  void stop() {
    esp.close();
  }

  @Test
  void systemPreferenceCenterOneClickAndResubscribe() throws Exception {
    long provider = Campaigns.provider(smtpProvider("SYSTEM", null));
    long first = send(provider);
    MimeMessage message = messageTo(email(0));
    String listUnsubscribe = message.getHeader("List-Unsubscribe")[0];
    assertEquals("List-Unsubscribe=One-Click", message.getHeader("List-Unsubscribe-Post")[0]);
    Matcher oneClick = ONE_CLICK.matcher(listUnsubscribe);
    assertTrue(oneClick.find(), listUnsubscribe);
    assertFalse(
        listUnsubscribe.contains("mailto:"),
        "no mailbox that anyone processes is configured, so no mailto: " + listUnsubscribe);
    String token = oneClick.group(2);
    String page = "preferences/" + token;
    assertTrue(Mailhub.html(message).contains("href=\"http://localhost:8080/" + page + "\""));

    HttpResponse<String> shown = Mailhub.get(page);
    assertEquals(200, shown.statusCode());
    assertTrue(
        shown.body().contains(email(0)) && shown.body().contains("subscribed"), shown.body());
    assertTrue(!shown.body().contains("<script"), "no JavaScript");

    String forged = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
    assertEquals(400, Mailhub.get("preferences/" + forged).statusCode());
    assertTrue(Mailhub.get("preferences/" + forged).body().contains("This link is not valid"));
    assertEquals(400, oneClick("preferences/" + forged + "/one-click").statusCode());
    assertEquals(
        404,
        Mailhub.get("api/suppressions/" + email(0)).statusCode(),
        "a forged link changes nothing");

    HttpResponse<String> unsubscribed =
        oneClick(URI.create(oneClick.group(1)).getPath().substring(1));
    assertEquals(200, unsubscribed.statusCode());
    assertTrue(unsubscribed.body().startsWith("You are unsubscribed"), unsubscribed.body());
    JsonObject suppression = Mailhub.json(Mailhub.get("api/suppressions/" + email(0)));
    assertEquals("PREFERENCE_CENTER", suppression.getString("reason"));
    assertEquals(first, suppression.getJsonNumber("campaignId").longValue());
    JsonObject stats = Mailhub.json(Mailhub.get("api/campaigns/" + first + "/stats"));
    assertEquals(1, stats.getInt("unsubscribed"));
    assertEquals(1, stats.getJsonObject("failed").getInt("unsubscribed"));

    HttpResponse<String> resubscribed = form(page, "action=resubscribe");
    assertTrue(resubscribed.body().contains("You are subscribed again"), resubscribed.body());
    assertEquals(404, Mailhub.get("api/suppressions/" + email(0)).statusCode());
    HttpResponse<String> again = form(page, "action=unsubscribe");
    assertTrue(again.body().contains("You are unsubscribed"), again.body());

    assertEquals(
        201,
        Mailhub.post(
                "api/suppressions",
                "{\"email\": \"" + email(1) + "\", \"reason\": \"HARD_BOUNCE\"}")
            .statusCode());
    String bouncedPage = "preferences/" + tokenOf(messageTo(email(1)));
    assertTrue(form(bouncedPage, "action=resubscribe").body().contains("cannot be resubscribed"));
    assertEquals(
        "HARD_BOUNCE",
        Mailhub.json(Mailhub.get("api/suppressions/" + email(1))).getString("reason"));

    SMTP.reset();
    long second = send(provider);
    JsonObject counts =
        Mailhub.json(Mailhub.get("api/campaigns/" + second)).getJsonObject("counts");
    assertEquals(2, counts.getInt("suppressed"), counts.toString());
    assertEquals(1, counts.getInt("sent"), counts.toString());
    assertEquals(1, SMTP.getReceivedMessages().length);
  }

  @Test
  void customPagesGetTheAddressAndASignedTokenAndRecordTheUnsubscribe() throws Exception {
    long provider =
        Campaigns.provider(
            """
            {"nickname": "custom %s", "type": "GENERIC_HTTP", "fromAddress": "news@acme.example",
             "replyTo": "help@acme.example",
             "preferenceCenter": {"mode": "CUSTOM_URL", "url": "https://acme.example/prefs?lang=en"},
             "settings": {"endpoint": "%s",
               "parameters": {"to": "$$To", "subject": "$$Subject", "html": "$$HTML", "from": "$$FromName $$FromAddress",
                              "reply_to": "$$ReplyTo", "unsubscribe": "$$UnsubscribeURL"}}}"""
                .formatted(run, esp.url("/send")));
    // the HTML places no link: mailhub adds one; $$ReplyTo needs no campaign value
    send(provider, "<html><body><p>News</p></body></html>");
    JsonObject body =
        esp.received().stream()
            .map(r -> Mailhub.parse(r.body()).asJsonObject())
            .filter(b -> b.getString("to").equals(email(2)))
            .findFirst()
            .orElseThrow();
    String link = body.getString("unsubscribe");
    assertTrue(
        link.startsWith(
            "https://acme.example/prefs?lang=en&email=" + email(2).replace("@", "%40") + "&token="),
        link);
    assertEquals("help@acme.example", body.getString("reply_to"));
    assertTrue(
        body.getString("html")
            .endsWith(
                "<a href=\"" + link.replace("&", "&amp;") + "\">Unsubscribe</a></p></body></html>"),
        body.getString("html"));
    String token = link.substring(link.indexOf("&token=") + 7);

    HttpResponse<String> forged =
        Mailhub.post("preferences/unsubscribe", "{\"token\": \"" + token + "x\"}");
    assertEquals(400, forged.statusCode());
    assertEquals("INVALID_TOKEN", Mailhub.json(forged).getString("code"));

    HttpResponse<String> recorded =
        Mailhub.post("preferences/unsubscribe", "{\"token\": \"" + token + "\"}");
    assertEquals(200, recorded.statusCode(), recorded.body());
    assertEquals("UNSUBSCRIBED", Mailhub.json(recorded).getString("outcome"));
    assertEquals(email(2), Mailhub.json(recorded).getString("email"));
    assertEquals(
        "PREFERENCE_CENTER",
        Mailhub.json(Mailhub.get("api/suppressions/" + email(2))).getString("reason"));
  }

  @Test
  void withoutAPreferenceCenterNothingIsAdded() throws Exception {
    send(Campaigns.provider(smtpProvider("NONE", null)));

    assertNull(messageTo(email(0)).getHeader("List-Unsubscribe"));
  }

  @Test
  void testEmailsCarryTheLinkButUnsubscribeNobody() throws Exception {
    long provider = Campaigns.provider(smtpProvider("SYSTEM", null));

    HttpResponse<String> sent =
        Mailhub.post("api/providers/" + provider + "/test-email", "{\"to\": \"" + email(0) + "\"}");

    assertEquals(200, sent.statusCode(), sent.body());
    String token = tokenOf(messageTo(email(0)));
    assertTrue(Mailhub.get("preferences/" + token).body().contains("test email"));
    HttpResponse<String> oneClick = oneClick("preferences/" + token + "/one-click");
    assertEquals(200, oneClick.statusCode());
    assertTrue(oneClick.body().contains("unsubscribes nobody"), oneClick.body());
    assertEquals(404, Mailhub.get("api/suppressions/" + email(0)).statusCode());
  }

  private String smtpProvider(String mode, String url) {
    return """
        {"nickname": "prefs %s %s", "type": "SMTP", "fromAddress": "news@acme.example", "replyTo": "help@acme.example",
         "preferenceCenter": {"mode": "%s"},
         "settings": {"host": "127.0.0.1", "port": %d, "security": "NONE"}}"""
        .formatted(mode, run, mode, SMTP.getSmtp().getPort());
  }

  private long send(long provider) throws InterruptedException {
    return send(provider, "<p>News</p><a href=\"{{unsubscribe_url}}\">Unsubscribe</a>");
  }

  private long send(long provider, String html) throws InterruptedException {
    long id =
        Campaigns.launch(
            """
            {"name": "prefs", "providerId": %d, "subject": "News", "html": "%s",
             "audience": {"type": "PROPERTY", "property": "run", "value": "%s"}}"""
                .formatted(provider, html.replace("\"", "\\\""), run));
    assertEquals("SENT", Campaigns.awaitEnd(id).getString("status"));
    return id;
  }

  private String email(int i) {
    return "pref" + i + "-" + run + "@example.com";
  }

  private static MimeMessage messageTo(String email) throws Exception {
    SMTP.waitForIncomingEmail(5000, 1);
    return Arrays.stream(SMTP.getReceivedMessages())
        .filter(
            m -> {
              try {
                return m.getAllRecipients()[0].toString().equals(email);
              } catch (Exception e) {
                return false;
              }
            })
        .findFirst()
        .orElseThrow(() -> new AssertionError("no email to " + email));
  }

  private static String tokenOf(MimeMessage message) throws Exception {
    Matcher m = ONE_CLICK.matcher(message.getHeader("List-Unsubscribe")[0]);
    assertTrue(m.find());
    return m.group(2);
  }

  /** What a mail client does for RFC 8058, asking for HTML as browsers' engines do. */
  private static HttpResponse<String> oneClick(String path) {
    return Mailhub.send(
        HttpRequest.newBuilder(Mailhub.BASE.resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html,application/xhtml+xml")
            .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
            .build());
  }

  private static HttpResponse<String> form(String path, String body) {
    return Mailhub.send(
        HttpRequest.newBuilder(Mailhub.BASE.resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }
}
