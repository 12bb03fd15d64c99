package org.mailhub.esp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
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
  void onlyARecipientRefusedWithAnAddressStatusIsRejectedForGood() throws Exception {
    var unknown = refused("550 5.1.1 User unknown");
    var senderRefused = refused("553 5.1.8 Sender domain does not exist");
    var policy = refused("554 5.7.1 Relay access denied");
    var plain = refused("550 Requested action not taken");
    var atData =
        new MessagingException("Sending failed", new MessagingException("550 5.1.1 User unknown"));

    assertFalse(MailSender.addressRejected(senderRefused, MailSender.describe(senderRefused)));
    assertFalse(MailSender.addressRejected(policy, MailSender.describe(policy)));
    assertFalse(MailSender.addressRejected(plain, MailSender.describe(plain)));
    assertFalse(
        MailSender.addressRejected(atData, MailSender.describe(atData)),
        "not refused at RCPT TO: the address is not known to be the problem");
    assertTrue(MailSender.addressRejected(unknown, MailSender.describe(unknown)));
    var noDomain = refused("550 5.1.10 Recipient address has null MX");
    assertTrue(MailSender.addressRejected(noDomain, MailSender.describe(noDomain)));
  }

  /** What Jakarta Mail throws when the server refuses the only recipient's RCPT TO. */
  private static SendFailedException refused(String reply) throws Exception {
    Address[] invalid = {new InternetAddress("gone@example.com")};
    return new SendFailedException(
        "Invalid Addresses",
        new MessagingException(reply),
        new Address[0],
        new Address[0],
        invalid);
  }

  @Test
  void portFollowsSecurityUnlessGiven() {
    assertEquals(
        465, new SmtpSettings("h", null, SmtpSettings.Security.TLS, null, null, null, null).port());
    assertEquals(587, new SmtpSettings("h", null, null, null, null, null, null).port());
    assertEquals(
        2525,
        new SmtpSettings("h", 2525, SmtpSettings.Security.NONE, null, null, null, null).port());
  }
}
