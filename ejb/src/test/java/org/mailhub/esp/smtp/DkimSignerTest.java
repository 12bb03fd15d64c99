package org.mailhub.esp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.Test;
import org.mailhub.esp.Email;
import org.mailhub.esp.Envelope;
import org.mailhub.infrastructure.RequestRejected.FieldError;

class DkimSignerTest {

  private static final Session SESSION = Session.getInstance(new Properties());
  private static final KeyPair KEYS = rsa(2048);

  private static final Envelope CAMPAIGN =
      new Envelope(
          "Acmé News", "news@mail.acme.example", null, Map.of(), Envelope.Source.campaign(42));

  private static final Email EMAIL =
      new Email(
          "ana@example.com",
          "Olá <Ana>, a long subject that Jakarta Mail folds over more than one header line",
          "<p>Hello   <b>Ana</b>,  </p>\n\n<p>see the sale</p>\n\n\n",
          Map.of(),
          "m-1",
          new Email.Unsubscribe(
              "https://hub.example/p/1", "https://hub.example/u/1", "u-1@hub.example"));

  static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(KeyPair keys) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(keys.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static SmtpSettings.Dkim dkim(String domain, String privateKey) {
    return new SmtpSettings.Dkim(domain, "mh2026", privateKey);
  }

  private static SmtpSettings settings(SmtpSettings.Dkim dkim) {
    return new SmtpSettings("relay.acme.example", null, null, null, null, null, dkim);
  }

  /** The signed message as the receiving server reads it: written out to bytes. */
  private static byte[] signed(SmtpSettings.Dkim dkim) throws Exception {
    MimeMessage built =
        MimeMail.build(SESSION, CAMPAIGN, EMAIL, Map.of(SmtpGateway.META_HEADER, "m-1"));
    MimeMessage message = new DkimSigner(dkim, Clock.systemUTC()).sign(SESSION, built);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    message.writeTo(bytes);
    return bytes.toByteArray();
  }

  /** Apache jDKIM's verifier, with the public key as DNS would publish it for the selector. */
  static List<SignatureRecord> verify(byte[] message, KeyPair keys) throws Exception {
    String record =
        "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    return new DKIMVerifier(
            (method, selector, domain) -> {
              assertEquals("mh2026._domainkey.acme.example", selector + "._domainkey." + domain);
              return List.of(record);
            })
        .verify(new ByteArrayInputStream(message));
  }

  @Test
  void aKeyThatIsNotAnRsaPkcs8KeyIsRefusedSayingWhy() throws Exception {
    var garbage =
        assertThrows(
            IllegalArgumentException.class,
            () -> DkimSigner.privateKey("-----BEGIN PRIVATE KEY-----\nnot a key\n"));
    assertTrue(garbage.getMessage().startsWith("cannot be read as an RSA private key"));
    var pkcs1 =
        assertThrows(
            IllegalArgumentException.class,
            () -> DkimSigner.privateKey("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n"));
    assertTrue(pkcs1.getMessage().contains("openssl pkcs8"), pkcs1.getMessage());
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    var notRsa =
        assertThrows(
            IllegalArgumentException.class, () -> DkimSigner.privateKey(pem(ec.generateKeyPair())));
    assertTrue(notRsa.getMessage().startsWith("cannot be read as an RSA private key"));
    var small =
        assertThrows(IllegalArgumentException.class, () -> DkimSigner.privateKey(pem(rsa(768))));
    assertTrue(small.getMessage().startsWith("is a 768-bit key"), small.getMessage());
  }

  @Test
  void savingChecksTheKeyAndThatTheDomainAlignsWithTheFromAddress() {
    SmtpGateway gateway = new SmtpGateway();

    List<FieldError> unaligned =
        gateway.check(settings(dkim("acme.example", pem(KEYS))), "news@acme-mail.example");
    assertEquals(List.of("dkim.domain"), unaligned.stream().map(FieldError::field).toList());
    assertTrue(unaligned.get(0).message().contains("(acme-mail.example)"));
    assertEquals(
        List.of("dkim.domain"),
        gateway.check(settings(dkim("mail.acme.example", pem(KEYS))), "news@acme.example").stream()
            .map(FieldError::field)
            .toList(),
        "a subdomain of the From domain does not align");
    assertEquals(
        List.of("dkim.privateKey"),
        gateway.check(settings(dkim("acme.example", "MIIE")), "news@acme.example").stream()
            .map(FieldError::field)
            .toList());

    assertEquals(
        List.of(),
        gateway.check(settings(dkim("Acme.Example.", pem(KEYS))), "news@Mail.ACME.example"),
        "the From domain belongs to the signing domain");
    assertEquals(List.of(), gateway.check(settings(null), "news@acme-mail.example"));
  }

  @Test
  void aSignatureFromAnotherKeyOrOverAChangedMessageDoesNotVerify() throws Exception {
    byte[] message = signed(dkim("acme.example", pem(KEYS)));

    assertThrows(FailException.class, () -> verify(message, rsa(2048)));
    String text = new String(message, StandardCharsets.ISO_8859_1);
    byte[] otherUnsubscribe =
        text.replace("https://hub.example/u/1", "https://evil.example/u/1")
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThrows(FailException.class, () -> verify(otherUnsubscribe, KEYS));
    byte[] otherBody =
        text.replace("see the sale", "see the scam").getBytes(StandardCharsets.ISO_8859_1);
    assertThrows(FailException.class, () -> verify(otherBody, KEYS));
  }

  @Test
  void aMessageBuiltForSmtpIsSignedOverItsListUnsubscribeHeadersAndVerifies() throws Exception {
    byte[] message = signed(dkim("acme.example", pem(KEYS)));

    List<SignatureRecord> passed = verify(message, KEYS);
    assertEquals(1, passed.size());
    SignatureRecord signature = passed.get(0);
    assertEquals("acme.example", signature.getDToken().toString());
    assertEquals("mh2026", signature.getSelector().toString());
    assertEquals("relaxed", signature.getHeaderCanonicalisationMethod());
    assertEquals("relaxed", signature.getBodyCanonicalisationMethod());
    assertEquals("sha-256", signature.getHashAlgo().toString().toLowerCase(Locale.ROOT));
    List<String> signedHeaders =
        signature.getHeaders().stream().map(h -> h.toString().toLowerCase(Locale.ROOT)).toList();
    for (String header :
        List.of(
            "from",
            "to",
            "subject",
            "date",
            "message-id",
            "list-id",
            "list-unsubscribe",
            "list-unsubscribe-post",
            "mime-version",
            "content-type")) {
      assertTrue(signedHeaders.contains(header), header + " in " + signedHeaders);
    }
    // what the signature covers is what a mail client shows: the message is still whole
    MimeMessage received = new MimeMessage(SESSION, new ByteArrayInputStream(message));
    assertEquals(
        "<https://hub.example/u/1>, <mailto:u-1@hub.example>",
        received.getHeader("List-Unsubscribe", null).replaceAll("\\s+", " "));
    assertTrue(received.getMessageID().endsWith("@mail.acme.example>"));
  }
}
