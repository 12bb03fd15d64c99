package org.mailhub.campaign;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A message sent to an audience through one provider. How far it got is not kept here but counted
 * from its send records, so that the many concurrent sends never contend for this row.
 */
@Entity
@Table(name = "campaign")
public class Campaign {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 200)
  private String name;

  /** The chosen provider; null means the default provider at launch. */
  @Column(name = "provider_id")
  private Long providerId;

  @Column(nullable = false, length = 1000)
  private String subject;

  @Column(name = "from_name", length = 200)
  private String fromName;

  @Column(nullable = false, length = 2_000_000)
  private String html;

  /** Values of the provider's campaign-level placeholders, as a JSON object. */
  @Column(nullable = false, length = 100_000)
  private String placeholders;

  @Embedded private Audience audience;

  @Column(nullable = false, length = 10)
  private CampaignStatus status;

  /** The last profile id the preparation has gone through. */
  @Column(name = "prepared_through", nullable = false)
  private long preparedThrough;

  /** Whether every recipient has a send record. */
  @Column(nullable = false)
  private boolean prepared;

  @Column(length = 1000)
  private String failure;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "launched_at")
  private Instant launchedAt;

  @Column(name = "finished_at")
  private Instant finishedAt;

  protected Campaign() {}

  public Campaign(
      String name,
      Long providerId,
      String subject,
      String fromName,
      String html,
      String placeholders,
      Audience audience) {
    this.name = requireText(name, "name");
    this.providerId = providerId;
    this.subject = requireText(subject, "subject");
    this.fromName = fromName == null || fromName.isBlank() ? null : fromName.strip();
    this.html = requireText(html, "html");
    this.placeholders = Objects.requireNonNull(placeholders, "placeholders");
    this.audience = Objects.requireNonNull(audience, "audience");
    this.status = CampaignStatus.DRAFT;
    this.createdAt = Instant.now();
  }

  /** Starts sending through the given provider (the chosen one, or the default). */
  public void launch(long providerId) {
    if (status != CampaignStatus.DRAFT) {
      throw new IllegalStateException("only a draft can be launched; this campaign is " + status);
    }
    this.providerId = providerId;
    this.status = CampaignStatus.SENDING;
    this.launchedAt = Instant.now();
  }

  /** Stops what is not sent yet; the dispatch skips the remaining recipients. */
  public void cancel() {
    if (status != CampaignStatus.DRAFT && status != CampaignStatus.SENDING) {
      throw new IllegalStateException("a " + status + " campaign cannot be cancelled");
    }
    status = CampaignStatus.CANCELLED;
    finishedAt = Instant.now();
  }

  /** Records that the audience is prepared up to this profile. */
  public void preparedThrough(long lastProfileId) {
    preparedThrough = lastProfileId;
  }

  public void preparationDone() {
    prepared = true;
  }

  /** Ends a campaign that cannot be sent at all, e.g. because its provider is gone. */
  public void fail(String reason) {
    status = CampaignStatus.FAILED;
    failure = reason;
    finishedAt = Instant.now();
  }

  /**
   * Ends a sending campaign whose recipients are all prepared and final: SENT, or FAILED when
   * nothing could be sent.
   */
  public void finish(boolean anySent, boolean anyFailed) {
    if (status == CampaignStatus.SENDING && prepared) {
      status = !anySent && anyFailed ? CampaignStatus.FAILED : CampaignStatus.SENT;
      finishedAt = Instant.now();
    }
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  public Long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public Long providerId() {
    return providerId;
  }

  public String subject() {
    return subject;
  }

  public String fromName() {
    return fromName;
  }

  public String html() {
    return html;
  }

  public String placeholders() {
    return placeholders;
  }

  public Audience audience() {
    return audience;
  }

  public CampaignStatus status() {
    return status;
  }

  public long preparedThrough() {
    return preparedThrough;
  }

  public boolean isPrepared() {
    return prepared;
  }

  public String failure() {
    return failure;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant launchedAt() {
    return launchedAt;
  }

  public Instant finishedAt() {
    return finishedAt;
  }
}
