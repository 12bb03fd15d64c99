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
 * One recipient of one campaign, written once: when the recipient is skipped as suppressed, or when
 * its provider call ended (sent, failed, in doubt) or it was cancelled. Until then the recipient
 * waits in a {@link DispatchChunk}. Its meta value travels with the email and links the provider's
 * callbacks back to it: the time it was made (so that new values sort after older ones and their
 * unique index grows at its end rather than at random places) and 96 random bits, so that it cannot
 * be guessed or forged.
 */
@Entity
@Table(
    name = "send_record",
    indexes = {
      @Index(name = "send_record_campaign_status", columnList = "campaign_id, status"),
      @Index(name = "send_record_meta", columnList = "meta", unique = true),
      @Index(name = "send_record_message_id", columnList = "message_id"),
      @Index(name = "send_record_provider_email", columnList = "provider_id, email"),
      @Index(name = "send_record_chunk", columnList = "chunk_id")
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

  /** The dispatch chunk the recipient was sent from; none for suppressed recipients. */
  @Column(name = "chunk_id", updatable = false)
  private Long chunkId;

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
   * Versions before 0.2 kept their records in the queue and marked a claimed one here; read once at
   * start to move such records into dispatch chunks. Never written.
   */
  @Column(name = "claim", insertable = false, updatable = false)
  private Long legacyClaim;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected SendRecord() {}

  private SendRecord(
      long campaignId,
      long providerId,
      Long chunkId,
      Recipient recipient,
      SendStatus status,
      String messageId,
      String error,
      int attempts) {
    this.campaignId = campaignId;
    this.profileId = recipient.profileId();
    this.providerId = providerId;
    this.chunkId = chunkId;
    this.email = recipient.email();
    this.meta = recipient.meta();
    this.status = status;
    this.messageId = Texts.messageId(messageId);
    this.error = Texts.abbreviate(error, Texts.MAX_ERROR);
    this.attempts = attempts;
    this.createdAt = Instant.now();
    this.updatedAt = createdAt;
  }

  /** A recipient skipped by the preparation: the address is suppressed. */
  public static SendRecord suppressed(
      long campaignId, long providerId, long profileId, String email) {
    return new SendRecord(
        campaignId,
        providerId,
        null,
        new Recipient(profileId, email, newMeta()),
        SendStatus.SUPPRESSED,
        null,
        null,
        0);
  }

  /**
   * A recipient of a chunk at the end of its life: what its provider call did, or that it was
   * cancelled or failed before any call. Message ids and errors are bounded here, so that no answer
   * of a provider can make the record unstorable.
   */
  public static SendRecord ended(
      DispatchChunk chunk,
      long providerId,
      Recipient recipient,
      SendStatus status,
      String messageId,
      String error) {
    if (!SendStatus.SENDING.canBecome(status) || status == SendStatus.QUEUED) {
      throw new IllegalArgumentException("a chunk's recipient cannot end " + status);
    }
    return new SendRecord(
        chunk.campaignId(),
        providerId,
        chunk.id(),
        recipient,
        status,
        messageId,
        error,
        chunk.attempt());
  }

  /** Milliseconds since 1970 in 16 hexadecimal digits, then 12 random bytes in base64url. */
  public static String newMeta() {
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

  public SendStatus status() {
    return status;
  }

  /** A record that a version before 0.2 had claimed: it may have reached the provider. */
  public boolean legacyClaimed() {
    return status == SendStatus.SENDING || (status == SendStatus.QUEUED && legacyClaim != null);
  }

  public Long chunkId() {
    return chunkId;
  }

  /**
   * The provider reported an event for this recipient: one in doubt was sent after all. (The
   * callbacks move many at once with the same rule, {@code SendRepository.reported}.)
   */
  public void reportedByProvider() {
    if (status == SendStatus.IN_DOUBT) {
      status = SendStatus.SENT;
      updatedAt = Instant.now();
    }
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
