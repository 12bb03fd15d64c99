package org.mailhub.esp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;

class MailSenderTest {

  @Test
  void replyCodeIsFoundInTheServersAnswer() {
    assertEquals(535, MailSender.replyCode("535 5.7.8 Authentication credentials invalid"));
    assertEquals(451, MailSender.replyCode("Sending failed / 451 4.3.0 Try again later"));
    assertNull(MailSender.replyCode("Couldn't connect to host, port: 127.0.0.1, 2525"));
  }

  @Test
  void describeJoinsNestedFailures() {
    var nested =
        new MessagingException(
            "Invalid Addresses", new MessagingException("550 5.1.1 User unknown"));

    assertEquals("Invalid Addresses / 550 5.1.1 User unknown", MailSender.describe(nested));
  }

  @Test
  void heloNameIsThePublicUrlsHostOrItsAddressAsALiteral() {
    assertEquals("hub.acme.example", MailSender.heloName("https://Hub.Acme.Example:8443/x"));
    assertEquals("[203.0.113.9]", MailSender.heloName("http://203.0.113.9:8080"));
    assertEquals("[IPv6:2001:db8::1]", MailSender.heloName("http://[2001:db8::1]:8080"));
    assertEquals("localhost", MailSender.heloName("not a url"));
  }

  @Test
  void portFollowsSecurityUnlessGiven() {
    assertEquals(
        465, new SmtpSettings("h", null, SmtpSettings.Security.TLS, null, null, null).port());
    assertEquals(587, new SmtpSettings("h", null, null, null, null, null).port());
    assertEquals(
        2525, new SmtpSettings("h", 2525, SmtpSettings.Security.NONE, null, null, null).port());
  }
}
