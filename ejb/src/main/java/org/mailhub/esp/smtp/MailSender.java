package org.mailhub.esp.smtp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mailhub.esp.Destinations;
import org.mailhub.esp.Email;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.GatewayTimeouts;
import org.mailhub.esp.OutcomeUnknown;
import org.mailhub.esp.ProviderUnavailable;
import org.mailhub.esp.SendOutcome;

/**
 * Sends one HTML email over SMTP (as {@link MimeMail} builds it, DKIM-signed when the settings have
 * a key) with Jakarta Mail, for the SMTP-based gateways, on a connection kept from earlier emails
 * when one is open ({@link SmtpConnections}), and classifies SMTP failures: reply codes 4xx and
 * network failures may heal, 5xx will not.
 */
@ApplicationScoped
public class MailSender {

  private static final Pattern IPV4 = Pattern.compile("[0-9]+(\\.[0-9]+){3}");

  /** How Jakarta Mail (Angus Mail) says that a certificate does not name the host. */
  private static final Pattern IDENTITY_FAILURES =
      Pattern.compile(
          "Server is not trusted|Unable to check server identity|Server identity does not match"
              + "|Can't verify identity of server");

  private static final Pattern REPLY_CODE = Pattern.compile("(?<![0-9])([245][0-9]{2})(?![0-9])");

  /**
   * RFC 3463's permanent address statuses (5.1.x): the destination mailbox or system does not exist
   * (5.1.1, 5.1.2, 5.1.10 null MX), its syntax is wrong (5.1.3), it has moved (5.1.6)... except
   * 5.1.7 and 5.1.8, which are about the sender's address.
   */
  private static final Pattern ADDRESS_STATUS =
      Pattern.compile("(?<![0-9.])5\\.1\\.([0-9]{1,3})(?![0-9])");

  @Inject GatewayTimeouts timeouts;
  @Inject Destinations destinations;
  @Inject SmtpConnections connections;

  @Inject
  @ConfigProperty(name = "mailhub.smtp.helo-name")
  Optional<String> heloName;

  @Inject
  @ConfigProperty(name = "mailhub.public-url", defaultValue = "http://localhost:8080")
  String publicUrl;

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
      MimeMessage message = MimeMail.build(session, envelope, email, headers);
      if (settings.dkim() != null) {
        message = new DkimSigner(settings.dkim(), Clock.systemUTC()).sign(session, message);
      }
      String messageId = message.getMessageID();
      TransportPool.Lease connection =
          connections.borrow(
              settings,
              () -> {
                Transport transport = session.getTransport();
                transport.connect(settings.username(), settings.password());
                return transport;
              });
      try {
        connection.transport().sendMessage(message, message.getAllRecipients());
      } catch (MessagingException e) {
        connection.discard();
        throw new Delivering(e);
      } catch (RuntimeException e) {
        connection.discard();
        throw e;
      }
      connection.release();
      return SendOutcome.accepted(messageId);
    } catch (Delivering e) {
      return failure(settings, (Exception) e.getCause(), true);
    } catch (MessagingException | UnsupportedEncodingException e) {
      return failure(settings, e, false);
    }
  }

  /** A failure once the message was being handed over, rather than while connecting. */
  private static final class Delivering extends MessagingException {
    Delivering(MessagingException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private SendOutcome failure(SmtpSettings settings, Exception e, boolean delivering) {
    Optional<String> untrusted = untrusted(e);
    if (untrusted.isPresent()) {
      // the certificate will not change by itself: retrying only repeats the failure
      return SendOutcome.rejected(
          null,
          "CERTIFICATE_NOT_TRUSTED",
          "the server's certificate is not trusted: "
              + untrusted.get()
              + " ("
              + settings.host()
              + ":"
              + settings.port()
              + ")");
    }
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

  Properties properties(SmtpSettings settings) {
    String protocol = settings.security() == SmtpSettings.Security.TLS ? "smtps" : "smtp";
    String prefix = "mail." + protocol + ".";
    Properties properties = new Properties();
    properties.put("mail.transport.protocol", protocol);
    properties.put(prefix + "host", settings.host());
    properties.put(prefix + "port", String.valueOf(settings.port()));
    // the name mailhub gives in EHLO; without it Jakarta Mail resolves the local host name for
    // every connection, which can take seconds where DNS is slow
    properties.put(
        prefix + "localhost", heloName.filter(n -> !n.isBlank()).orElse(heloName(publicUrl)));
    properties.put(prefix + "auth", String.valueOf(settings.username() != null));
    properties.put(prefix + "connectiontimeout", String.valueOf(timeouts.connect().toMillis()));
    properties.put(prefix + "timeout", String.valueOf(timeouts.read().toMillis()));
    properties.put(prefix + "writetimeout", String.valueOf(timeouts.read().toMillis()));
    switch (settings.security()) {
      case STARTTLS -> {
        properties.put(prefix + "starttls.enable", "true");
        properties.put(prefix + "starttls.required", "true");
      }
      case STARTTLS_IF_OFFERED -> properties.put(prefix + "starttls.enable", "true");
      case NONE, TLS -> {
        // TLS from the first byte, or none at all
      }
    }
    if (settings.security() != SmtpSettings.Security.NONE) {
      properties.put(prefix + "ssl.checkserveridentity", "true");
      if (settings.trustedCertificate() != null) {
        // used for SMTPS and for the STARTTLS upgrade alike
        properties.put(
            prefix + "ssl.socketFactory",
            TrustedCertificates.socketFactory(settings.trustedCertificate()));
      }
    }
    return properties;
  }

  /**
   * The name mailhub gives in EHLO unless {@code mailhub.smtp.helo-name} says otherwise: the host
   * of its public URL, which is a name that resolves to mailhub (an address as an address literal).
   */
  static String heloName(String publicUrl) {
    String host = Destinations.hostOf(publicUrl);
    if (host == null || host.isBlank()) {
      return "localhost";
    }
    if (host.startsWith("[")) {
      return "[IPv6:" + host.substring(1, host.length() - 1) + "]";
    }
    return IPV4.matcher(host).matches() ? "[" + host + "]" : host.toLowerCase(Locale.ROOT);
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

  /**
   * Why the server's certificate was refused, if that is what failed: no trusted authority signed
   * it, or it does not name the host.
   */
  static Optional<String> untrusted(Throwable e) {
    boolean handshake = false;
    for (Throwable t = e; t != null; t = next(t)) {
      handshake |= t instanceof SSLHandshakeException;
      if (t instanceof SSLPeerUnverifiedException
          || (handshake && t instanceof CertificateException)
          || (handshake && t instanceof CertPathBuilderException)
          || (handshake && t instanceof CertPathValidatorException)) {
        return Optional.of(String.valueOf(t.getMessage()).strip());
      }
      if (t instanceof IOException
          && t.getMessage() != null
          && IDENTITY_FAILURES.matcher(t.getMessage()).lookingAt()) {
        // Jakarta Mail's own checks of the host against the certificate
        return Optional.of(t.getMessage().strip());
      }
    }
    return Optional.empty();
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
