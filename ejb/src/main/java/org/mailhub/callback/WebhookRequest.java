package org.mailhub.callback;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A webhook as it arrived, for the checks of {@link WebhookSignature}: the provider it was sent to,
 * its headers (first value of each, found whatever the case of the name) and its body as received.
 */
public record WebhookRequest(long providerId, Map<String, String> headers, String body) {

  public WebhookRequest {
    Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, value) -> byName.putIfAbsent(name, value));
    headers = java.util.Collections.unmodifiableMap(byName);
  }

  /** The header's value, or null when the request has none. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
