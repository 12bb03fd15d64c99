package org.mailhub.esp.smtp;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.mailhub.esp.Email;
import org.mailhub.esp.Envelope;

/**
 * One email as the MIME message that SMTP carries: {@code multipart/alternative} with a text part
 * made from the HTML and the HTML as a whole document, a {@code Message-ID} at the sender's domain
 * that stays the same on every retry of one send, {@code List-Id} (RFC 2919) and the one-click
 * {@code List-Unsubscribe} headers (RFC 2369, RFC 8058).
 */
final class MimeMail {

  private static final Pattern HTML_DOCUMENT =
      Pattern.compile("<html[\\s>]|<!doctype\\s", Pattern.CASE_INSENSITIVE);

  private MimeMail() {}

  /**
   * @param headers extra headers, such as the meta value for the provider's callbacks
   */
  static MimeMessage build(
      Session session, Envelope envelope, Email email, Map<String, String> headers)
      throws MessagingException, UnsupportedEncodingException {
    String domain = domain(envelope.fromAddress());
    MimeMessage message = new Identified(session, messageId(email.meta(), domain));
    message.setFrom(new InternetAddress(envelope.fromAddress(), envelope.fromName(), "UTF-8"));
    message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(email.to(), true));
    if (envelope.replyTo() != null) {
      message.setReplyTo(InternetAddress.parse(envelope.replyTo(), true));
    }
    message.setSubject(email.subject(), "UTF-8");
    message.setSentDate(new Date());
    MimeBodyPart text = new MimeBodyPart();
    text.setText(PlainText.of(email.html()), "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(document(email.html(), email.subject()), "UTF-8", "html");
    // the preferred part comes last (RFC 2046 5.1.4)
    message.setContent(new MimeMultipart("alternative", text, html));
    message.setHeader("List-Id", listId(envelope.source(), domain));
    for (Map.Entry<String, String> header : headers.entrySet()) {
      message.setHeader(header.getKey(), header.getValue());
    }
    if (email.unsubscribe() != null) {
      // RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs to the URL
      message.setHeader("List-Unsubscribe", email.unsubscribe().listUnsubscribe());
      message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    message.saveChanges();
    return message;
  }

  /**
   * The HTML as a whole document: a fragment (no {@code <html>} and no doctype) is wrapped in one
   * with its character set and the subject as title; a document is sent as it is.
   */
  static String document(String html, String subject) {
    if (HTML_DOCUMENT.matcher(html).find()) {
      return html;
    }
    return "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
        + escape(subject)
        + "</title>\n</head>\n<body>\n"
        + html
        + "\n</body>\n</html>\n";
  }

  /**
   * {@code <mailhub.<hash of the meta value>@<domain>>}: the meta value belongs to one send of one
   * recipient, so each retry of that send carries the same id and receivers can tell a repeat.
   * Hashed, because the meta value may hold characters a Message-ID cannot.
   */
  static String messageId(String meta, String domain) {
    String left = meta == null ? UUID.randomUUID().toString() : sha256(meta).substring(0, 40);
    return "<mailhub." + left + "@" + domain + ">";
  }

  /** {@code <campaign-42.acme.example>}: the list's label under the sender's domain (RFC 2919). */
  static String listId(Envelope.Source source, String domain) {
    return "<" + source.label() + "." + domain + ">";
  }

  /** The domain of the address, in ASCII (IDNA) and lower case, as headers need it. */
  static String domain(String address) {
    String domain = address.substring(address.lastIndexOf('@') + 1).strip();
    try {
      domain = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException notIdna) {
      // kept as given: the address was accepted when the provider was saved
    }
    return domain.toLowerCase(Locale.ROOT);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** A message whose Message-ID is given rather than made up by Jakarta Mail when it is saved. */
  private static final class Identified extends MimeMessage {
    private final String id;

    Identified(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
