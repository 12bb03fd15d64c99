package org.mailhub.profile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;

/**
 * Someone mailhub can email: an address, unique without regard to case, and properties used for
 * personalisation and audiences, kept as a JSON object.
 */
@Entity
@Table(name = "profile")
public class Profile {

  public static final int MAX_EMAIL_LENGTH = 320;

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "profile_seq")
  @SequenceGenerator(name = "profile_seq", sequenceName = "profile_seq", allocationSize = 500)
  private Long id;

  @Column(nullable = false, unique = true, length = MAX_EMAIL_LENGTH)
  private String email;

  @Column(nullable = false, length = 100_000)
  private String properties;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected Profile() {}

  public Profile(String email, String properties) {
    this.email = normalize(email);
    this.properties = properties;
    this.createdAt = Instant.now();
    this.updatedAt = createdAt;
  }

  /** Addresses are compared and stored lower-cased and without surrounding spaces. */
  public static String normalize(String email) {
    return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
  }

  public void replaceProperties(String properties) {
    if (!properties.equals(this.properties)) {
      this.properties = properties;
      this.updatedAt = Instant.now();
    }
  }

  public Long id() {
    return id;
  }

  public String email() {
    return email;
  }

  /** The properties as a JSON object. */
  public String properties() {
    return properties;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
