package org.mailhub.esp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.mailhub.esp.Email;
import org.mailhub.esp.Envelope;

class MimeMailTest {

  private static final Session SESSION = Session.getInstance(new Properties());

  private static final Envelope CAMPAIGN =
      new Envelope(
          "Acmé News",
          "news@Acme.Example",
          "help@acme.example",
          Map.of(),
          Envelope.Source.campaign(42));

  private static Email email(String html, String meta) {
    return new Email(
        "ana@example.com",
        "Olá <Ana>",
        html,
        Map.of(),
        meta,
        new Email.Unsubscribe(
            "https://hub.example/p/1", "https://hub.example/u/1", "u-1@hub.example"));
  }

  /** The message as the receiving server reads it: written out and parsed again. */
  private static MimeMessage received(Envelope envelope, Email email) throws Exception {
    MimeMessage sent = MimeMail.build(SESSION, envelope, email, Map.of("X-Mailhub-Meta", "m-1"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    sent.writeTo(bytes);
    return new MimeMessage(SESSION, new ByteArrayInputStream(bytes.toByteArray()));
  }

  /** A text part's content, its lines ended as in Java rather than as MIME ends them (CRLF). */
  private static String lines(BodyPart part) throws Exception {
    return ((String) part.getContent()).replace("\r\n", "\n");
  }

  @Test
  void aFragmentIsSentAsTextAndAWholeHtmlDocumentAlternative() throws Exception {
    MimeMessage message =
        received(
            CAMPAIGN,
            email(
                "<p>Hello <b>Ana</b>,</p><p>see <a href=\"https://acme.example/sale\">the sale</a>"
                    + "</p>",
                "m-1"));

    assertTrue(new ContentType(message.getContentType()).match("multipart/alternative"));
    MimeMultipart parts = (MimeMultipart) message.getContent();
    assertEquals(2, parts.getCount());
    BodyPart text = parts.getBodyPart(0);
    BodyPart html = parts.getBodyPart(1);
    assertTrue(new ContentType(text.getContentType()).match("text/plain"), text.getContentType());
    assertEquals("UTF-8", new ContentType(text.getContentType()).getParameter("charset"));
    assertEquals("Hello Ana,\n\nsee the sale (https://acme.example/sale)\n", lines(text));
    assertTrue(new ContentType(html.getContentType()).match("text/html"), html.getContentType());
    String document = lines(html);
    assertTrue(document.startsWith("<!DOCTYPE html>\n<html>"), document);
    assertTrue(document.contains("<meta charset=\"UTF-8\">"), document);
    assertTrue(document.contains("<title>Olá &lt;Ana&gt;</title>"), document);
    assertTrue(document.contains("<body>\n<p>Hello <b>Ana</b>,</p>"), document);
    assertTrue(document.endsWith("</body>\n</html>\n"), document);
  }

  @Test
  void aWholeDocumentIsSentAsItIs() throws Exception {
    String document =
        "<!doctype html><html lang=\"pt\"><head><style>p{color:red}</style></head>"
            + "<body><p>Olá</p><script>alert(1)</script></body></html>";

    MimeMultipart parts = (MimeMultipart) received(CAMPAIGN, email(document, "m-1")).getContent();

    assertEquals(document, lines(parts.getBodyPart(1)).stripTrailing());
    assertEquals("Olá\n", lines(parts.getBodyPart(0)));
  }

  @Test
  void headersNameTheSenderTheListAndTheOneClickUnsubscribe() throws Exception {
    MimeMessage message = received(CAMPAIGN, email("<p>Hi</p>", "m-1"));

    assertEquals(
        new InternetAddress("news@Acme.Example", "Acmé News", "UTF-8"), message.getFrom()[0]);
    assertEquals("help@acme.example", ((InternetAddress) message.getReplyTo()[0]).getAddress());
    assertEquals("Olá <Ana>", message.getSubject());
    assertEquals("<campaign-42.acme.example>", message.getHeader("List-Id", null));
    assertEquals("m-1", message.getHeader("X-Mailhub-Meta", null));
    assertEquals(
        "<https://hub.example/u/1>, <mailto:u-1@hub.example>",
        message.getHeader("List-Unsubscribe", null));
    assertEquals("List-Unsubscribe=One-Click", message.getHeader("List-Unsubscribe-Post", null));
    assertTrue(message.getMessageID().matches("<mailhub\\.[0-9a-f]{40}@acme\\.example>"));
  }

  @Test
  void theMessageIdIsTheSameOnEveryTryOfOneSendAndDiffersBetweenSends() throws Exception {
    String first = received(CAMPAIGN, email("<p>Hi</p>", "meta-1")).getMessageID();
    String retry = received(CAMPAIGN, email("<p>Hi again</p>", "meta-1")).getMessageID();
    String other = received(CAMPAIGN, email("<p>Hi</p>", "meta-2")).getMessageID();

    assertEquals(first, retry);
    assertNotEquals(first, other);
  }

  @Test
  void aTestEmailIsItsProvidersListAndHasNoUnsubscribeWithoutLinks() throws Exception {
    Envelope test =
        new Envelope(null, "news@acme.example", null, Map.of(), Envelope.Source.testEmail(7));

    MimeMessage message =
        received(test, new Email("ana@example.com", "Hi", "<p>Hi</p>", Map.of(), "test-x"));

    assertEquals("<provider-7-test.acme.example>", message.getHeader("List-Id", null));
    assertNull(message.getHeader("List-Unsubscribe"));
    assertNull(message.getHeader("Reply-To"));
  }

  @Test
  void headerDomainsAreAsciiInLowerCase() {
    assertEquals("xn--bcher-kva.example", MimeMail.domain("news@Bücher.Example"));
  }

  @Test
  void listIdsAreDotAtomsAsRfc2919WantsThem() {
    String id = MimeMail.listId(Envelope.Source.campaign(123456789), "mail.acme.example");

    assertTrue(
        id.matches("<[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)+>"), id);
    assertFalse(id.length() > 257, id);
  }
}
