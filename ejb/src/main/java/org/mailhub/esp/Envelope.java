package org.mailhub.esp;

import java.util.Map;

/**
 * What all emails of one send share: the sender and the campaign-level placeholder values (such as
 * {@code $$hid}).
 */
public record Envelope(
    String fromName, String fromAddress, String replyTo, Map<String, String> placeholders) {

  public Envelope {
    placeholders = Map.copyOf(placeholders);
  }
}
