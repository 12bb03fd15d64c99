package org.mailhub.esp.netcore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailhub.esp.Email;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.HttpExchange;

class NetcoreGatewayTest {

  @Test
  void mailSendBodyCarriesTheMetaAsTokenTo() {
    var body =
        NetcoreGateway.body(
            new Envelope(null, "news@acme.example", null, Map.of(), Envelope.Source.campaign(1)),
            new Email("ana@example.com", "Olá \"Ana\"", "<p>\n</p>", Map.of(), "meta-1"));

    assertEquals(
        "{\"from\":{\"email\":\"news@acme.example\"},\"subject\":\"Olá \\\"Ana\\\"\","
            + "\"content\":[{\"type\":\"html\",\"value\":\"<p>\\n</p>\"}],"
            + "\"personalizations\":[{\"to\":[{\"email\":\"ana@example.com\"}],\"token_to\":\"meta-1\"}]}",
        body.toString());
  }

  @Test
  void errorCodeComesFromTheFirstError() {
    assertEquals(
        "1001",
        NetcoreGateway.errorCode(
            HttpExchange.jsonObject("{\"error\":[{\"message\":\"m\",\"code\":1001}]}")));
    assertEquals(
        "E2",
        NetcoreGateway.errorCode(HttpExchange.jsonObject("{\"error\":[{\"error_code\":\"E2\"}]}")));
    assertNull(NetcoreGateway.errorCode(HttpExchange.jsonObject("<html>Unauthorized</html>")));
  }

  @Test
  void defaultEndpointIsTheV6MailSend() {
    assertEquals(NetcoreSettings.DEFAULT_ENDPOINT, new NetcoreSettings(" ", "k").endpoint());
  }
}
