package org.mailhub.callback;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One event an ESP reported, once: the log per send that statistics are counted from. The key
 * identifies the event so that a retried webhook changes nothing.
 */
@Entity
@Table(
    name = "delivery_event",
    indexes = {
      @Index(name = "delivery_event_key", columnList = "event_key", unique = true),
      @Index(name = "delivery_event_campaign", columnList = "campaign_id, type"),
      @Index(name = "delivery_event_provider", columnList = "provider_id, type"),
      @Index(name = "delivery_event_send", columnList = "send_id"),
      // an address's latest reports, for runs of soft bounces
      @Index(name = "delivery_event_email", columnList = "email, occurred_at")
    })
public class DeliveryEvent {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "delivery_event_seq")
  @SequenceGenerator(
      name = "delivery_event_seq",
      sequenceName = "delivery_event_seq",
      allocationSize = 1000)
  private Long id;

  @Column(name = "event_key", nullable = false, updatable = false, length = 64)
  private String key;

  @Column(name = "provider_id", nullable = false, updatable = false)
  private long providerId;

  @Column(name = "send_id", updatable = false)
  private Long sendId;

  @Column(name = "campaign_id", updatable = false)
  private Long campaignId;

  @Column(nullable = false, updatable = false, length = 320)
  private String email;

  @Column(nullable = false, updatable = false, length = 15)
  private DeliveryEventType type;

  @Column(length = 1000, updatable = false)
  private String description;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private Instant occurredAt;

  @Column(name = "received_at", nullable = false, updatable = false)
  private Instant receivedAt;

  protected DeliveryEvent() {}

  public DeliveryEvent(
      String key,
      long providerId,
      Long sendId,
      Long campaignId,
      String email,
      DeliveryEventType type,
      String description,
      Instant occurredAt) {
    this.key = key;
    this.providerId = providerId;
    this.sendId = sendId;
    this.campaignId = campaignId;
    this.email = email;
    this.type = type;
    this.description =
        description == null || description.length() <= 1000
            ? description
            : description.substring(0, 1000);
    this.occurredAt = occurredAt;
    this.receivedAt = Instant.now();
  }

  public Long id() {
    return id;
  }

  public String key() {
    return key;
  }

  public Long sendId() {
    return sendId;
  }

  public Long campaignId() {
    return campaignId;
  }

  public String email() {
    return email;
  }

  public DeliveryEventType type() {
    return type;
  }

  public String description() {
    return description;
  }

  public Instant occurredAt() {
    return occurredAt;
  }
}
