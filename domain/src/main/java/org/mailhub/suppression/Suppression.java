package org.mailhub.suppression;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import org.mailhub.profile.Profile;

/** An address that is never mailed again, with why, where it came from and when. */
@Entity
@Table(name = "suppression")
public class Suppression {

  @Id
  @Column(length = Profile.MAX_EMAIL_LENGTH)
  private String email;

  @Column(nullable = false, length = 30)
  private SuppressionReason reason;

  @Column(name = "provider_id")
  private Long providerId;

  @Column(name = "campaign_id")
  private Long campaignId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Suppression() {}

  public Suppression(String email, SuppressionReason reason, Long providerId, Long campaignId) {
    this.email = Objects.requireNonNull(Profile.normalize(email), "email");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.providerId = providerId;
    this.campaignId = campaignId;
    this.createdAt = Instant.now();
  }

  public String email() {
    return email;
  }

  public SuppressionReason reason() {
    return reason;
  }

  public Long providerId() {
    return providerId;
  }

  public Long campaignId() {
    return campaignId;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
