package org.mailhub.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookRequestTest {

  @Test
  void headersAreFoundWhateverTheCaseOfTheirNames() {
    WebhookRequest request =
        new WebhookRequest(
            7, Map.of("X-Twilio-Email-Event-Webhook-Signature", "MEUC", "content-type", "x"), "[]");

    assertEquals("MEUC", request.header("x-twilio-email-event-webhook-signature"));
    assertEquals("x", request.header("Content-Type"));
    assertNull(request.header("X-Other"));
  }

  @Test
  void theFirstOfTwoSpellingsOfOneNameIsKept() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Signature", "first");
    headers.put("x-signature", "second");

    assertEquals("first", new WebhookRequest(7, headers, "").header("X-SIGNATURE"));
  }
}
