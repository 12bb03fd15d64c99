package org.mailhub.esp.postmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailhub.esp.CallRefused;
import org.mailhub.esp.Destinations;
import org.mailhub.esp.Email;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.SendOutcome;
import org.mailhub.esp.smtp.MailSender;
import org.mailhub.esp.smtp.SmtpSettings;
import org.mailhub.esp.smtp.SmtpSettings.Security;

class PostmarkGatewayTest {

  /** What the gateway handed to SMTP. */
  private SmtpSettings server;

  private Map<String, String> headers;

  private PostmarkGateway gateway(boolean ownNetwork) {
    PostmarkGateway gateway = new PostmarkGateway();
    gateway.mail =
        new MailSender() {
          @Override
          public SendOutcome send(
              SmtpSettings settings, Envelope envelope, Email email, Map<String, String> extra) {
            server = settings;
            headers = extra;
            return SendOutcome.accepted("<id@acme.example>");
          }
        };
    gateway.destinations =
        new Destinations() {
          @Override
          public boolean onOwnNetwork(String host) {
            return ownNetwork;
          }
        };
    return gateway;
  }

  private static Envelope envelope(Envelope.Source source) {
    return new Envelope(null, "news@acme.example", null, Map.of(), source);
  }

  private static final List<Email> EMAIL =
      List.of(new Email("ana@example.com", "Hi", "<p>Hi</p>", Map.of(), "m-1"));

  @Test
  void withoutTlsTheTokenIsNeverSentToPostmark() {
    PostmarkSettings plain = new PostmarkSettings("token", null, 25, Security.NONE, null);

    var errors = gateway(false).check(plain);

    assertEquals(1, errors.size());
    assertEquals("security", errors.get(0).field());
    assertTrue(errors.get(0).message().startsWith("must be STARTTLS or TLS"), errors.toString());
    CallRefused refused =
        assertThrows(
            CallRefused.class,
            () -> gateway(false).send(plain, envelope(Envelope.Source.campaign(1)), EMAIL));
    assertEquals("TLS_REQUIRED", refused.outcome().errorCode());
    assertNull(server, "nothing was sent");
  }

  @Test
  void aRelayOnTheOwnNetworkMayGoWithoutTls() {
    PostmarkSettings relay = new PostmarkSettings("token", "127.0.0.1", 2525, Security.NONE, null);

    assertEquals(List.of(), gateway(true).check(relay));
    assertTrue(gateway(true).send(relay, envelope(Envelope.Source.campaign(1)), EMAIL).accepted());
    assertEquals("127.0.0.1", server.host());
  }

  @Test
  void campaignsGoToTheBroadcastStreamOnTheBroadcastHost() {
    PostmarkSettings settings = new PostmarkSettings("token", null, null, null, null);

    gateway(false).send(settings, envelope(Envelope.Source.campaign(1)), EMAIL);

    assertEquals("smtp-broadcasts.postmarkapp.com", server.host());
    assertEquals(587, server.port());
    assertEquals(Security.STARTTLS, server.security());
    assertEquals("token", server.username());
    assertEquals("broadcast", headers.get("X-PM-Message-Stream"));
    assertEquals("m-1", headers.get("X-PM-Metadata-meta"));
  }

  @Test
  void aCampaignStreamOfItsOwnIsNamed() {
    PostmarkSettings settings =
        new PostmarkSettings("token", "smtp.postmarkapp.com", null, null, "newsletter-eu");

    gateway(false).send(settings, envelope(Envelope.Source.campaign(1)), EMAIL);

    // 0.1 stored Postmark's transactional host: it now means Postmark, host by stream
    assertEquals("smtp-broadcasts.postmarkapp.com", settings.host());
    assertEquals("smtp-broadcasts.postmarkapp.com", server.host());
    assertEquals("newsletter-eu", headers.get("X-PM-Message-Stream"));
  }

  @Test
  void testEmailsGoToTheTransactionalStreamOnTheTransactionalHost() {
    PostmarkSettings settings = new PostmarkSettings("token", null, null, null, "newsletter-eu");

    gateway(false).send(settings, envelope(Envelope.Source.testEmail(3)), EMAIL);

    assertEquals("smtp.postmarkapp.com", server.host());
    assertEquals("outbound", headers.get("X-PM-Message-Stream"));
  }

  @Test
  void aHostGivenInsteadOfPostmarksCarriesBothKinds() {
    PostmarkSettings settings =
        new PostmarkSettings("token", "relay.acme.example", null, null, null);

    gateway(false).send(settings, envelope(Envelope.Source.testEmail(3)), EMAIL);

    assertEquals("relay.acme.example", server.host());
    assertEquals("outbound", headers.get("X-PM-Message-Stream"));
  }
}
