package org.mailhub.esp.ses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailhub.esp.Email;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.HttpExchange;

class SesGatewayTest {

  private static final SesSettings SETTINGS =
      new SesSettings("eu-west-1", "AKID", "secret", null, "mailhub", null, null);

  @Test
  void sendEmailCarriesTheMetaAsTagAndTheConfigurationSet() {
    var body =
        SesGateway.body(
            SETTINGS,
            new Envelope(
                "Acme",
                "news@acme.example",
                "help@acme.example",
                Map.of(),
                Envelope.Source.campaign(1)),
            new Email(
                "ana@example.com",
                "Olá",
                "<p>Hi</p>",
                Map.of(),
                "meta-1",
                new Email.Unsubscribe("https://u/p", "https://u/1", null)));

    assertEquals(
        "{\"FromEmailAddress\":\"Acme <news@acme.example>\","
            + "\"Destination\":{\"ToAddresses\":[\"ana@example.com\"]},"
            + "\"ReplyToAddresses\":[\"help@acme.example\"],"
            + "\"Content\":{\"Simple\":{\"Subject\":{\"Data\":\"Olá\",\"Charset\":\"UTF-8\"},"
            + "\"Body\":{\"Html\":{\"Data\":\"<p>Hi</p>\",\"Charset\":\"UTF-8\"}},"
            + "\"Headers\":[{\"Name\":\"List-Unsubscribe\",\"Value\":\"<https://u/1>\"},"
            + "{\"Name\":\"List-Unsubscribe-Post\",\"Value\":\"List-Unsubscribe=One-Click\"}]}},"
            + "\"EmailTags\":[{\"Name\":\"mailhub_meta\",\"Value\":\"meta-1\"}],"
            + "\"ConfigurationSetName\":\"mailhub\"}",
        body.toString());
  }

  @Test
  void friendlyFromNamesAreMimeEncoded() {
    assertEquals(
        "=?UTF-8?Q?Jos=C3=A9?= <news@acme.example>",
        SesGateway.from(
            new Envelope(
                "José", "news@acme.example", null, Map.of(), Envelope.Source.testEmail(1))));
    assertEquals(
        "news@acme.example",
        SesGateway.from(
            new Envelope(null, "news@acme.example", null, Map.of(), Envelope.Source.testEmail(1))));
  }

  @Test
  void errorTypeFromTheHeaderElseTheBody() {
    assertEquals(
        "MessageRejected",
        SesGateway.errorType(
            headers("x-amzn-ErrorType", "MessageRejected:http://internal.amazon.com/coral/"),
            HttpExchange.jsonObject("{\"message\": \"Email address is not verified.\"}")));
    assertEquals(
        "AccountSendingPausedException",
        SesGateway.errorType(
            headers(),
            HttpExchange.jsonObject(
                "{\"__type\": \"com.amazonaws.ses#AccountSendingPausedException\"}")));
    assertEquals(
        "SignatureDoesNotMatch",
        SesGateway.errorType(
            headers(), HttpExchange.jsonObject("{\"Code\": \"SignatureDoesNotMatch\"}")));
    assertNull(SesGateway.errorType(headers(), HttpExchange.jsonObject("<html>")));
  }

  @Test
  void theSignedHostIsTheOneTheClientSends() {
    assertEquals("email.eu-west-1.amazonaws.com", SesGateway.host(URI.create(SETTINGS.endpoint())));
    assertEquals(
        "email.eu-west-1.amazonaws.com",
        SesGateway.host(URI.create("https://email.eu-west-1.amazonaws.com:443/v2")));
    assertEquals("127.0.0.1:8080", SesGateway.host(URI.create("http://127.0.0.1:8080/v2")));
  }

  @Test
  void theEndpointFollowsTheRegion() {
    assertEquals("https://email.eu-west-1.amazonaws.com", SETTINGS.endpoint());
    assertEquals(
        "https://email.cn-north-1.amazonaws.com.cn",
        new SesSettings("cn-north-1", "a", "s", null, "c", null, null).endpoint());
    assertEquals(
        "http://127.0.0.1:1",
        new SesSettings("eu-west-1", "a", "s", null, "c", null, "http://127.0.0.1:1/").endpoint());
    assertNull(new SesSettings("EU West", "a", "s", null, "c", null, null).endpoint());
  }

  @Test
  void settingsNeverShowTheSecret() {
    assertEquals(false, SETTINGS.toString().contains("secret"));
    assertEquals(false, SETTINGS.credentials().toString().contains("secret"));
  }

  private static HttpHeaders headers(String... nameValue) {
    return HttpHeaders.of(
        nameValue.length == 0 ? Map.of() : Map.of(nameValue[0], List.of(nameValue[1])),
        (a, b) -> true);
  }
}
