package org.mailhub.dispatch;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One recipient of one campaign: what was sent through which provider and what happened. Its meta
 * value travels with the email and links the provider's callbacks back to it: the time it was made
 * (so that new values sort after older ones and their unique index grows at its end rather than at
 * random places) and 96 random bits, so that it cannot be guessed or forged.
 */
@Entity
@Table(
    name = "send_record",
    indexes = {
      @Index(name = "send_record_campaign_status", columnList = "campaign_id, status"),
      @Index(name = "send_record_meta", columnList = "meta", unique = true),
      @Index(name = "send_record_message_id", columnList = "message_id"),
      @Index(name = "send_record_provider_email", columnList = "provider_id, email")
    })
public class SendRecord {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "send_record_seq")
  @SequenceGenerator(
      name = "send_record_seq",
      sequenceName = "send_record_seq",
      allocationSize = 1000)
  private Long id;

  @Column(name = "campaign_id", nullable = false, updatable = false)
  private long campaignId;

  @Column(name = "profile_id", nullable = false, updatable = false)
  private long profileId;

  @Column(name = "provider_id", nullable = false, updatable = false)
  private long providerId;

  @Column(nullable = false, updatable = false, length = 320)
  private String email;

  @Column(nullable = false, updatable = false, length = 32)
  private String meta;

  @Column(nullable = false, length = 12)
  private SendStatus status;

  @Column(name = "message_id", length = 300)
  private String messageId;

  @Column(length = 1000)
  private String error;

  @Column(nullable = false)
  private int attempts;

  /**
   * Which dispatch attempt holds the record while it is being sent; its status column stays QUEUED
   * meanwhile, so that the claim changes no indexed column.
   */
  @Column(name = "claim")
  private Long claim;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected SendRecord() {}

  public SendRecord(
      long campaignId, long profileId, long providerId, String email, boolean suppressed) {
    this.campaignId = campaignId;
    this.profileId = profileId;
    this.providerId = providerId;
    this.email = email;
    this.meta = newMeta();
    this.status = suppressed ? SendStatus.SUPPRESSED : SendStatus.QUEUED;
    this.createdAt = Instant.now();
    this.updatedAt = createdAt;
  }

  /** Milliseconds since 1970 in 16 hexadecimal digits, then 12 random bytes in base64url. */
  static String newMeta() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().toHexDigits(System.currentTimeMillis())
        + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public Long id() {
    return id;
  }

  public long campaignId() {
    return campaignId;
  }

  public long profileId() {
    return profileId;
  }

  public long providerId() {
    return providerId;
  }

  public String email() {
    return email;
  }

  public String meta() {
    return meta;
  }

  /** SENDING while a dispatch holds the record (stored as QUEUED with a claim). */
  public SendStatus status() {
    return status == SendStatus.QUEUED && claim != null ? SendStatus.SENDING : status;
  }

  public String messageId() {
    return messageId;
  }

  public String error() {
    return error;
  }

  public int attempts() {
    return attempts;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
