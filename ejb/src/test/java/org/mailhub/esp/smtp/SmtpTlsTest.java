package org.mailhub.esp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.mailhub.esp.GatewayTimeouts;
import org.mailhub.esp.smtp.SmtpSettings.Security;

class SmtpTlsTest {

  private static String relayCertificate() throws IOException {
    try (InputStream in = SmtpTlsTest.class.getResourceAsStream("/smtp/relay-certificate.pem")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private static MailSender sender() {
    MailSender sender = new MailSender();
    sender.timeouts =
        new GatewayTimeouts() {
          @Override
          public Duration connect() {
            return Duration.ofSeconds(3);
          }

          @Override
          public Duration read() {
            return Duration.ofSeconds(7);
          }
        };
    sender.heloName = Optional.empty();
    sender.publicUrl = "https://hub.acme.example";
    return sender;
  }

  private static Properties properties(Security security) {
    return sender()
        .properties(new SmtpSettings("relay.internal", null, security, null, null, null, null));
  }

  @Test
  void noneIsPlainSmtpWithoutAnyTls() {
    Properties p = properties(Security.NONE);

    assertEquals("smtp", p.get("mail.transport.protocol"));
    assertNull(p.get("mail.smtp.starttls.enable"));
    assertNull(p.get("mail.smtp.ssl.checkserveridentity"));
    assertEquals("hub.acme.example", p.get("mail.smtp.localhost"));
  }

  @Test
  void starttlsIfOfferedUpgradesWhenTheServerOffersItAndChecksTheCertificateThen() {
    Properties p = properties(Security.STARTTLS_IF_OFFERED);

    assertEquals("true", p.get("mail.smtp.starttls.enable"));
    assertNull(p.get("mail.smtp.starttls.required"));
    assertEquals("true", p.get("mail.smtp.ssl.checkserveridentity"));
    assertEquals(
        587,
        new SmtpSettings("h", null, Security.STARTTLS_IF_OFFERED, null, null, null, null).port());
  }

  @Test
  void starttlsIsRequiredAndTlsIsSmtps() {
    Properties starttls = properties(Security.STARTTLS);
    Properties tls = properties(Security.TLS);

    assertEquals("true", starttls.get("mail.smtp.starttls.required"));
    assertEquals("smtps", tls.get("mail.transport.protocol"));
    assertEquals("relay.internal", tls.get("mail.smtps.host"));
    assertEquals("465", tls.get("mail.smtps.port"));
    assertEquals("true", tls.get("mail.smtps.ssl.checkserveridentity"));
    assertEquals("3000", tls.get("mail.smtps.connectiontimeout"));
  }

  @Test
  void aTrustedCertificateGivesTheConnectionSocketsThatTrustIt() throws Exception {
    SmtpSettings settings =
        new SmtpSettings("relay.internal", 465, Security.TLS, null, null, relayCertificate(), null);

    Object factory = sender().properties(settings).get("mail.smtps.ssl.socketFactory");

    assertInstanceOf(SSLSocketFactory.class, factory);
    assertEquals("true", sender().properties(settings).get("mail.smtps.ssl.checkserveridentity"));
  }

  @Test
  void aTrustedCertificateIsCheckedWhenSaved() throws Exception {
    SmtpGateway gateway = new SmtpGateway();
    String pem = relayCertificate();

    assertEquals(
        List.of(),
        gateway.check(
            new SmtpSettings("relay.internal", null, Security.TLS, null, null, pem, null)));
    var garbage =
        gateway.check(
            new SmtpSettings(
                "relay.internal", null, Security.TLS, null, null, "MIIC8jCCAdqg", null));
    assertEquals("trustedCertificate", garbage.get(0).field());
    assertTrue(garbage.get(0).message().startsWith("must be a certificate in PEM form"));
    var broken =
        gateway.check(
            new SmtpSettings(
                "relay.internal",
                null,
                Security.TLS,
                null,
                null,
                pem.replace(pem.substring(100, 140), "AAAA"),
                null));
    assertEquals("trustedCertificate", broken.get(0).field());
    assertTrue(broken.get(0).message().startsWith("cannot be read as a PEM certificate"));
    var plain =
        gateway.check(
            new SmtpSettings("relay.internal", null, Security.NONE, null, null, pem, null));
    assertTrue(plain.get(0).message().startsWith("needs a security with TLS"));
  }

  @Test
  void aCertificateThatIsNotTrustedIsToldAsSuch() {
    SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
    handshake.initCause(
        new CertificateException("unable to find valid certification path to requested target"));
    MessagingException failure =
        new MessagingException("Could not convert socket to TLS", handshake);

    assertEquals(
        Optional.of("unable to find valid certification path to requested target"),
        MailSender.untrusted(failure));
    assertEquals(
        Optional.of("Server is not trusted: relay.internal"),
        MailSender.untrusted(
            new MessagingException("x", new IOException("Server is not trusted: relay.internal"))));
  }

  @Test
  void otherFailuresAreNotCertificateFailures() {
    assertFalse(
        MailSender.untrusted(
                new MessagingException("Couldn't connect", new ConnectException("refused")))
            .isPresent());
    assertFalse(
        MailSender.untrusted(new MessagingException("535 5.7.8 Authentication failed"))
            .isPresent());
    assertFalse(
        MailSender.untrusted(new SSLHandshakeException("Remote host terminated the handshake"))
            .isPresent());
  }
}
