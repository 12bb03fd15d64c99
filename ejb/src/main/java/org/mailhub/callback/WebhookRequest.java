package org.mailhub.callback;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A webhook as it arrived, for the checks of {@link WebhookSignature}: the provider it was sent to,
 * its headers (first value of each, found whatever the case of the name) and its body as received,
 * byte for byte: ESPs sign the bytes, and a body that is not valid UTF-8 would not survive decoding
 * and encoding again.
 */
public record WebhookRequest(long providerId, Map<String, String> headers, byte[] bytes) {

  public WebhookRequest {
    Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, value) -> byName.putIfAbsent(name, value));
    headers = java.util.Collections.unmodifiableMap(byName);
  }

  /** A webhook whose body is this text in UTF-8. */
  public WebhookRequest(long providerId, Map<String, String> headers, String body) {
    this(providerId, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  /** The header's value, or null when the request has none. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The body as text, read as UTF-8 (as webhook parsers read it). */
  public String body() {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
