package org.mailhub.provider;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * An email service provider that campaigns are sent through. Its type-specific settings are an
 * opaque, encrypted document owned by the type's gateway; what all providers share is modelled
 * here.
 */
@Entity
@Table(name = "provider")
public class Provider {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true, length = 100)
  private String nickname;

  @Column(nullable = false, length = 20)
  private ProviderType type;

  @Column(name = "from_name", length = 200)
  private String fromName;

  @Column(name = "from_address", nullable = false, length = 320)
  private String fromAddress;

  @Column(name = "reply_to", length = 320)
  private String replyTo;

  @Embedded private PreferenceCenter preferenceCenter;

  @Column(name = "is_default", nullable = false)
  private boolean defaultProvider;

  /** The secret part of the callback URL; identifies the provider to its webhooks. */
  @Column(name = "callback_token", nullable = false, unique = true, length = 64, updatable = false)
  private String callbackToken;

  /** Type-specific settings, encrypted; never leaves mailhub in clear. */
  @Column(name = "settings", nullable = false, length = 100_000)
  private String sealedSettings;

  /** Optional basic-auth credentials the provider's webhooks must present. */
  @Column(name = "callback_username", length = 100)
  private String callbackUsername;

  /** Encrypted, like the settings. */
  @Column(name = "callback_password", length = 1000)
  private String sealedCallbackPassword;

  /** The provider that takes over this one's campaigns when it fails (see {@link Backups}). */
  @Column(name = "backup_provider_id")
  private Long backupProviderId;

  /** Null when Hibernate reads a provider without a limit (all its columns null). */
  @Embedded private RateLimit rateLimit;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Provider() {}

  public Provider(ProviderType type, String callbackToken, Details details, String sealedSettings) {
    this.type = Objects.requireNonNull(type, "type");
    this.callbackToken = requireText(callbackToken, "callbackToken");
    this.createdAt = Instant.now();
    update(details, sealedSettings);
  }

  /** The fields a user edits, common to every provider type. */
  public record Details(
      String nickname,
      String fromName,
      String fromAddress,
      String replyTo,
      PreferenceCenter preferenceCenter) {}

  public void update(Details details, String sealedSettings) {
    this.nickname = requireText(details.nickname(), "nickname").strip();
    this.fromName = blankToNull(details.fromName());
    this.fromAddress = requireText(details.fromAddress(), "fromAddress").strip();
    this.replyTo = blankToNull(details.replyTo());
    this.preferenceCenter =
        details.preferenceCenter() == null ? PreferenceCenter.none() : details.preferenceCenter();
    this.sealedSettings = requireText(sealedSettings, "settings");
    this.updatedAt = Instant.now();
  }

  /** Requires webhooks to authenticate with these credentials, or (null) lets them in freely. */
  public void protectCallbacks(String username, String sealedPassword) {
    boolean on = username != null && !username.isBlank();
    if (on && (sealedPassword == null || sealedPassword.isBlank())) {
      throw new IllegalArgumentException("callback credentials need a password");
    }
    this.callbackUsername = on ? username.strip() : null;
    this.sealedCallbackPassword = on ? sealedPassword : null;
  }

  /**
   * Names the provider that takes over when this one fails, or (null) none. Whether that makes a
   * cycle is {@link Backups#cycle}'s to say, with every provider's backup at hand.
   */
  public void backUpWith(Long providerId) {
    if (providerId != null && providerId.equals(id)) {
      throw new IllegalArgumentException("a provider cannot be its own backup");
    }
    if (!java.util.Objects.equals(backupProviderId, providerId)) {
      this.backupProviderId = providerId;
      this.updatedAt = Instant.now();
    }
  }

  /** The provider that takes over when this one fails; null when none does. */
  public Long backupProviderId() {
    return backupProviderId;
  }

  public String callbackUsername() {
    return callbackUsername;
  }

  public String sealedCallbackPassword() {
    return sealedCallbackPassword;
  }

  /** Sends through this provider no faster than {@code limit} (or as fast as it goes: none). */
  public void limitRate(RateLimit limit) {
    RateLimit next = limit == null ? RateLimit.none() : limit;
    if (!next.equals(rateLimit())) {
      this.rateLimit = next;
      this.updatedAt = Instant.now();
    }
  }

  public RateLimit rateLimit() {
    return rateLimit == null ? RateLimit.none() : rateLimit;
  }

  public void markDefault() {
    if (!defaultProvider) {
      defaultProvider = true;
      updatedAt = Instant.now();
    }
  }

  public void unmarkDefault() {
    if (defaultProvider) {
      defaultProvider = false;
      updatedAt = Instant.now();
    }
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  public Long id() {
    return id;
  }

  public String nickname() {
    return nickname;
  }

  public ProviderType type() {
    return type;
  }

  public String fromName() {
    return fromName;
  }

  public String fromAddress() {
    return fromAddress;
  }

  public String replyTo() {
    return replyTo;
  }

  public PreferenceCenter preferenceCenter() {
    return preferenceCenter;
  }

  public boolean isDefault() {
    return defaultProvider;
  }

  public String callbackToken() {
    return callbackToken;
  }

  public String sealedSettings() {
    return sealedSettings;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
