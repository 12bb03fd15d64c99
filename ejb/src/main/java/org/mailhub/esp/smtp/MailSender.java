package org.mailhub.esp.smtp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mailhub.esp.Email;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.GatewayTimeouts;
import org.mailhub.esp.OutcomeUnknown;
import org.mailhub.esp.ProviderUnavailable;
import org.mailhub.esp.SendOutcome;

/**
 * Sends one HTML email over SMTP with Jakarta Mail, for the SMTP-based gateways, and classifies
 * SMTP failures: reply codes 4xx and network failures may heal, 5xx will not.
 */
@ApplicationScoped
public class MailSender {

  private static final Pattern REPLY_CODE = Pattern.compile("(?<![0-9])([245][0-9]{2})(?![0-9])");

  /**
   * RFC 3463's permanent address statuses (5.1.x): the destination mailbox or system does not exist
   * (5.1.1, 5.1.2, 5.1.10 null MX), its syntax is wrong (5.1.3), it has moved (5.1.6)... except
   * 5.1.7 and 5.1.8, which are about the sender's address.
   */
  private static final Pattern ADDRESS_STATUS =
      Pattern.compile("(?<![0-9.])5\\.1\\.([0-9]{1,3})(?![0-9])");

  @Inject GatewayTimeouts timeouts;
  @Inject org.mailhub.esp.Destinations destinations;

  @Inject
  @ConfigProperty(name = "mailhub.smtp.helo-name", defaultValue = "mailhub.localdomain")
  String heloName;

  /**
   * @param headers extra message headers, such as the meta value for the provider's callbacks
   * @return accepted with the recorded {@code Message-ID}, or rejected with the SMTP reply
   * @throws ProviderUnavailable when the server cannot be reached or answers 4xx
   */
  public SendOutcome send(
      SmtpSettings settings, Envelope envelope, Email email, Map<String, String> headers) {
    destinations.require(settings.host());
    Session session = Session.getInstance(properties(settings));
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(envelope.fromAddress(), envelope.fromName(), "UTF-8"));
      message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(email.to(), true));
      if (envelope.replyTo() != null) {
        message.setReplyTo(InternetAddress.parse(envelope.replyTo(), true));
      }
      message.setSubject(email.subject(), "UTF-8");
      message.setContent(email.html(), "text/html; charset=UTF-8");
      message.setSentDate(new Date());
      for (Map.Entry<String, String> header : headers.entrySet()) {
        message.setHeader(header.getKey(), header.getValue());
      }
      if (email.unsubscribe() != null) {
        // RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs to the URL
        message.setHeader("List-Unsubscribe", email.unsubscribe().listUnsubscribe());
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
      }
      message.saveChanges();
      String messageId = message.getMessageID();
      Transport transport = session.getTransport();
      transport.connect(settings.username(), settings.password());
      try {
        transport.sendMessage(message, message.getAllRecipients());
      } catch (MessagingException e) {
        throw new Delivering(e);
      } finally {
        closeQuietly(transport);
      }
      return SendOutcome.accepted(messageId);
    } catch (Delivering e) {
      return failure(settings, (Exception) e.getCause(), true);
    } catch (MessagingException | UnsupportedEncodingException e) {
      return failure(settings, e, false);
    }
  }

  /** The message was accepted (or refused) already: a QUIT that fails changes nothing. */
  private static void closeQuietly(Transport transport) {
    try {
      transport.close();
    } catch (MessagingException ignored) {
      // the server's answer to the message is what counts
    }
  }

  /** A failure once the message was being handed over, rather than while connecting. */
  private static final class Delivering extends MessagingException {
    Delivering(MessagingException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private SendOutcome failure(SmtpSettings settings, Exception e, boolean delivering) {
    String detail = describe(e);
    Integer code = replyCode(detail);
    boolean network = causedByIo(e);
    if (network && delivering) {
      // the connection broke or went silent while the message was being handed over: the server
      // may have taken it
      throw new OutcomeUnknown(
          SendOutcome.rejected(
              code, "NO_ANSWER", settings.host() + ":" + settings.port() + ": " + detail),
          e);
    }
    if (network || (code != null && code / 100 == 4)) {
      String error = network ? "CONNECTION_FAILED" : null;
      throw new ProviderUnavailable(
          SendOutcome.rejected(
              code, error, settings.host() + ":" + settings.port() + ": " + detail),
          e);
    }
    return addressRejected(e, detail)
        ? SendOutcome.addressRejected(code, detail)
        : SendOutcome.rejected(code, null, detail);
  }

  /**
   * Whether the server refused the recipient itself for good: a {@code RCPT TO} refused (Jakarta
   * Mail reports it among the invalid addresses) with a 5.1.x status about the recipient.
   */
  static boolean addressRejected(Exception e, String detail) {
    boolean recipientRefused = false;
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof SendFailedException failed
          && failed.getInvalidAddresses() != null
          && failed.getInvalidAddresses().length > 0) {
        recipientRefused = true;
      }
    }
    if (!recipientRefused) {
      return false;
    }
    Matcher status = ADDRESS_STATUS.matcher(detail);
    while (status.find()) {
      int subject = Integer.parseInt(status.group(1));
      if (subject != 7 && subject != 8) {
        return true;
      }
    }
    return false;
  }

  private Properties properties(SmtpSettings settings) {
    String protocol = settings.security() == SmtpSettings.Security.TLS ? "smtps" : "smtp";
    String prefix = "mail." + protocol + ".";
    Properties properties = new Properties();
    properties.put("mail.transport.protocol", protocol);
    properties.put(prefix + "host", settings.host());
    properties.put(prefix + "port", String.valueOf(settings.port()));
    // the name mailhub gives in EHLO; without it Jakarta Mail resolves the local host name for
    // every connection, which can take seconds where DNS is slow
    properties.put(prefix + "localhost", heloName);
    properties.put(prefix + "auth", String.valueOf(settings.username() != null));
    properties.put(prefix + "connectiontimeout", String.valueOf(timeouts.connect().toMillis()));
    properties.put(prefix + "timeout", String.valueOf(timeouts.read().toMillis()));
    properties.put(prefix + "writetimeout", String.valueOf(timeouts.read().toMillis()));
    if (settings.security() == SmtpSettings.Security.STARTTLS) {
      properties.put(prefix + "starttls.enable", "true");
      properties.put(prefix + "starttls.required", "true");
    }
    if (settings.security() != SmtpSettings.Security.NONE) {
      properties.put(prefix + "ssl.checkserveridentity", "true");
    }
    return properties;
  }

  /** The server's reply as Jakarta Mail reports it, including nested failures. */
  static String describe(Exception e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = next(t)) {
      if (t.getMessage() != null && !text.toString().contains(t.getMessage().strip())) {
        if (!text.isEmpty()) {
          text.append(" / ");
        }
        text.append(t.getMessage().strip());
      }
    }
    return text.isEmpty() ? e.getClass().getSimpleName() : text.toString();
  }

  static Integer replyCode(String detail) {
    Matcher m = REPLY_CODE.matcher(detail);
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  private static boolean causedByIo(Throwable e) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof IOException && !(t instanceof UnsupportedEncodingException)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable next(Throwable t) {
    if (t instanceof MessagingException m && m.getNextException() != null) {
      return m.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }
}
