package org.mailhub.preference;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mailhub.esp.Email;
import org.mailhub.esp.UnsubscribeLinks;
import org.mailhub.provider.PreferenceCenter;
import org.mailhub.provider.Provider;
import org.mailhub.provider.SecretBox;

/**
 * The unsubscribe links of an email: a token made of the send's meta value and an HMAC of it, so
 * that a link cannot be forged or altered, and no database lookup is needed to refuse one that was.
 */
@ApplicationScoped
public class PreferenceLinks implements UnsubscribeLinks {

  private static final int MAC_BYTES = 16;

  @Inject SecretBox box;

  @Inject
  @ConfigProperty(name = "mailhub.public-url", defaultValue = "http://localhost:8080")
  String publicUrl;

  /**
   * A mailbox whose mail someone turns into unsubscribes (mailhub reads no mail): only then does
   * List-Unsubscribe offer a mailto, since a message to an inbox nobody reads unsubscribes nobody.
   */
  @Inject
  @ConfigProperty(name = "mailhub.unsubscribe.mailto")
  Optional<String> mailto = Optional.empty();

  SecretKeySpec key;

  @PostConstruct
  void init() {
    key = new SecretKeySpec(box.derivedKey("preference links"), "HmacSHA256");
  }

  @Override
  public Email.Unsubscribe forSend(Provider provider, String email, String meta) {
    PreferenceCenter center = provider.preferenceCenter();
    if (center.mode() == PreferenceCenter.Mode.NONE) {
      return null;
    }
    String token = sign(meta);
    String base =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    String page =
        center.mode() == PreferenceCenter.Mode.SYSTEM
            ? base + "/preferences/" + token
            : center.url()
                + (center.url().contains("?") ? "&" : "?")
                + "email="
                + encode(email)
                + "&token="
                + token;
    return new Email.Unsubscribe(
        page,
        base + "/preferences/" + token + "/one-click",
        mailto
            .filter(m -> !m.isBlank())
            .map(m -> m.strip() + "?subject=" + encode("unsubscribe " + token))
            .orElse(null));
  }

  public String sign(String meta) {
    return meta + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(meta));
  }

  /** The meta value of a genuine token; empty for a forged or altered one. */
  public Optional<String> verify(String token) {
    int dot = token == null ? -1 : token.lastIndexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String meta = token.substring(0, dot);
    // compared as text, not as decoded bytes: any change to the token, even to base64 padding bits
    // that decode to the same bytes, makes it invalid
    byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    byte[] expected = Base64.getUrlEncoder().withoutPadding().encode(mac(meta));
    return MessageDigest.isEqual(given, expected) ? Optional.of(meta) : Optional.empty();
  }

  private byte[] mac(String meta) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Arrays.copyOf(mac.doFinal(meta.getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
