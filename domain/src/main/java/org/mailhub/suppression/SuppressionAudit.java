package org.mailhub.suppression;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The trail of resubscriptions: which suppression was lifted, why it existed, and when. */
@Entity
@Table(name = "suppression_audit")
public class SuppressionAudit {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 320)
  private String email;

  @Column(nullable = false, length = 30)
  private SuppressionReason reason;

  @Column(name = "suppressed_at", nullable = false)
  private Instant suppressedAt;

  @Column(name = "removed_at", nullable = false)
  private Instant removedAt;

  protected SuppressionAudit() {}

  public SuppressionAudit(Suppression lifted) {
    this.email = lifted.email();
    this.reason = lifted.reason();
    this.suppressedAt = lifted.createdAt();
    this.removedAt = Instant.now();
  }
}
