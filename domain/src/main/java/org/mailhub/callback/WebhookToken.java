package org.mailhub.callback;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.mailhub.provider.ProviderType;

/**
 * The one-time token of a signed webhook (Mailgun's {@code signature.token}), kept while a webhook
 * signed at its time would still be accepted, so that the same signed request is taken once. Unique
 * per provider type rather than per provider: providers of one ESP account share its signing key,
 * and a webhook taken by one of them must not be replayed to another's URL.
 */
@Entity
@Table(
    name = "webhook_token",
    uniqueConstraints =
        @UniqueConstraint(
            name = "uk_webhook_token",
            columnNames = {"provider_type", "token"}),
    indexes = @Index(name = "ix_webhook_token_signed_at", columnList = "signed_at"))
public class WebhookToken {

  /** The longest token kept; Mailgun's are 50 characters. */
  public static final int MAX_LENGTH = 200;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "provider_type", nullable = false, length = 40)
  private ProviderType providerType;

  @Column(nullable = false, length = MAX_LENGTH)
  private String token;

  /** The provider whose callback URL took it first. */
  @Column(name = "provider_id", nullable = false)
  private long providerId;

  /** The time the ESP signed the webhook at, by its own clock. */
  @Column(name = "signed_at", nullable = false)
  private Instant signedAt;

  protected WebhookToken() {}

  public WebhookToken(ProviderType providerType, String token, long providerId, Instant signedAt) {
    this.providerType = Objects.requireNonNull(providerType);
    if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a webhook token has 1 to " + MAX_LENGTH + " characters");
    }
    this.token = token;
    this.providerId = providerId;
    this.signedAt = Objects.requireNonNull(signedAt);
  }

  /**
   * The oldest signing time a webhook may have at {@code now} to be taken; tokens signed before it
   * need not be kept, since their webhooks are refused as too old.
   */
  public static Instant oldestAccepted(Instant now, Duration maxAge) {
    return now.minus(maxAge);
  }

  public ProviderType providerType() {
    return providerType;
  }

  public String token() {
    return token;
  }

  public Instant signedAt() {
    return signedAt;
  }
}
