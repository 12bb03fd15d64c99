package org.mailhub.callback;

import java.time.Instant;
import org.mailhub.dispatch.SendRecord;
import org.mailhub.suppression.SuppressionReason;

/**
 * The facts an ESP's callbacks establish, fired as CDI events inside the callback's transaction;
 * processors observe the ones they care about.
 */
public sealed interface Reported {

  Receipt receipt();

  /**
   * Where a fact came from: the provider, the send it is about (null when none matched; managed, so
   * processors may update it), the address, the event's identity, and why it makes the address
   * channel-unsubscribed (null: it does not).
   */
  record Receipt(
      long providerId,
      SendRecord send,
      String email,
      DeliveryEventType type,
      Instant at,
      String description,
      String key,
      SuppressionReason suppression) {

    /** A fact that suppresses as its kind does. */
    public Receipt(
        long providerId,
        SendRecord send,
        String email,
        DeliveryEventType type,
        Instant at,
        String description,
        String key) {
      this(providerId, send, email, type, at, description, key, type.suppression().orElse(null));
    }

    public Long campaignId() {
      return send == null ? null : send.campaignId();
    }

    /**
     * An event's identity at a provider, as stored in the event log's unique key: the send it is
     * about (16 hexadecimal digits, zeros for none), then 128 bits of a SHA-256 hash of the
     * provider and the identity. Events about nearby sends arrive together and sit together in the
     * key's index, so a webhook of 1000 events changes a few of its pages rather than 1000.
     */
    public static String key(long providerId, SendRecord send, String identity) {
      try {
        byte[] hash =
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(
                    (providerId + "|" + identity)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.util.HexFormat hex = java.util.HexFormat.of();
        return hex.toHexDigits(send == null ? 0L : send.id()) + hex.formatHex(hash, 0, 16);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  record Delivered(Receipt receipt) implements Reported {}

  record Bounced(Receipt receipt, boolean hard) implements Reported {}

  record Dropped(Receipt receipt) implements Reported {}

  record Invalid(Receipt receipt) implements Reported {}

  record Complained(Receipt receipt) implements Reported {}

  /**
   * @param preferenceCenter whether the recipient used mailhub's preference center (or the
   *     customer's page, or a one-click unsubscribe) rather than the ESP's link
   */
  record Unsubscribed(Receipt receipt, boolean preferenceCenter) implements Reported {}

  record Clicked(Receipt receipt) implements Reported {}

  record Opened(Receipt receipt) implements Reported {}

  static Reported of(Receipt receipt) {
    return switch (receipt.type()) {
      case DELIVERED -> new Delivered(receipt);
      case HARD_BOUNCE -> new Bounced(receipt, true);
      case SOFT_BOUNCE -> new Bounced(receipt, false);
      case DROPPED -> new Dropped(receipt);
      case INVALID -> new Invalid(receipt);
      case SPAM -> new Complained(receipt);
      case UNSUBSCRIBED -> new Unsubscribed(receipt, false);
      case CLICKED -> new Clicked(receipt);
      case OPENED -> new Opened(receipt);
    };
  }
}
