package org.mailhub.dispatch;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A campaign moved from one provider to its backup while it was being sent: its recipients whose
 * call had not started went on through the backup, and so do those after them. Written once; the
 * latest one of a campaign names the provider it is sent through now.
 */
@Entity
@Table(
    name = "campaign_failover",
    indexes = {@Index(name = "campaign_failover_campaign", columnList = "campaign_id")})
public class CampaignFailover {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "campaign_id", nullable = false, updatable = false)
  private long campaignId;

  @Column(name = "from_provider_id", nullable = false, updatable = false)
  private long fromProviderId;

  @Column(name = "to_provider_id", nullable = false, updatable = false)
  private long toProviderId;

  /** What the provider it moved from did: its answer, or that its breaker was open. */
  @Column(nullable = false, updatable = false, length = 1000)
  private String reason;

  /** The provider it moved from refused mailhub's credentials: someone must look at them. */
  @Column(nullable = false, updatable = false)
  private boolean authentication;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected CampaignFailover() {}

  public CampaignFailover(
      long campaignId,
      long fromProviderId,
      long toProviderId,
      String reason,
      boolean authentication) {
    if (fromProviderId == toProviderId) {
      throw new IllegalArgumentException("a campaign fails over to another provider");
    }
    this.campaignId = campaignId;
    this.fromProviderId = fromProviderId;
    this.toProviderId = toProviderId;
    this.reason = Texts.abbreviate(reason == null ? "" : reason, Texts.MAX_ERROR);
    this.authentication = authentication;
    this.createdAt = Instant.now();
  }

  /**
   * Whether a failure answered by a provider is about mailhub's credentials: HTTP 401 or 403, SMTP
   * 535. Such a refusal is final for the provider, but not for the emails: its backup may take
   * them.
   */
  public static boolean authenticationFailed(Integer status) {
    return status != null && (status == 401 || status == 403 || status == 535);
  }

  /**
   * Whether recipients whose call failed in a way that may heal, on their {@code attempt}-th
   * attempt, move to the backup rather than wait for another attempt at the same provider.
   *
   * @param afterAttempts the attempts a provider gets first; 0 never moves on by attempts
   */
  public static boolean movesOn(int attempt, int afterAttempts) {
    return afterAttempts > 0 && attempt >= afterAttempts;
  }

  public Long id() {
    return id;
  }

  public long campaignId() {
    return campaignId;
  }

  public long fromProviderId() {
    return fromProviderId;
  }

  public long toProviderId() {
    return toProviderId;
  }

  public String reason() {
    return reason;
  }

  public boolean authentication() {
    return authentication;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
