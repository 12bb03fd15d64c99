package org.mailhub.provider;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.net.URI;
import java.util.Locale;

/**
 * Where recipients manage their email preferences: nowhere, mailhub's own page, or the customer's.
 */
@Embeddable
public class PreferenceCenter {

  public enum Mode {
    NONE,
    SYSTEM,
    CUSTOM_URL;

    /** Stored by name. */
    @jakarta.persistence.Converter(autoApply = true)
    public static class Column extends org.mailhub.infrastructure.EnumColumn<Mode> {
      public Column() {
        super(Mode.class);
      }
    }
  }

  @Column(name = "preference_center", nullable = false, length = 20)
  private Mode mode;

  @Column(name = "preference_center_url", length = 2000)
  private String url;

  protected PreferenceCenter() {}

  private PreferenceCenter(Mode mode, String url) {
    this.mode = mode;
    this.url = url;
  }

  /**
   * @throws IllegalArgumentException when a custom URL is missing or not http(s), or a URL is given
   *     for another mode
   */
  public static PreferenceCenter of(Mode mode, String url) {
    Mode effective = mode == null ? Mode.NONE : mode;
    boolean hasUrl = url != null && !url.isBlank();
    if (effective == Mode.CUSTOM_URL) {
      if (!hasUrl || !isHttpUrl(url)) {
        throw new IllegalArgumentException("a custom preference center needs an http(s) URL");
      }
      return new PreferenceCenter(effective, url.strip());
    }
    return new PreferenceCenter(effective, null);
  }

  public static PreferenceCenter none() {
    return new PreferenceCenter(Mode.NONE, null);
  }

  static boolean isHttpUrl(String value) {
    try {
      URI uri = URI.create(value.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public Mode mode() {
    return mode;
  }

  public String url() {
    return url;
  }
}
