package org.mailhub.preference;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether {@code MAILHUB_PUBLIC_URL} can carry unsubscribe links: recipients must reach it, and RFC
 * 8058 one-click unsubscribe wants HTTPS. Campaigns through a provider with a preference center are
 * not launched while it cannot, unless {@code MAILHUB_PUBLIC_URL_INSECURE} says that is meant
 * (tests, local trials); the server warns at start either way.
 */
@Singleton
@Startup
@Lock(LockType.READ)
public class PublicUrl {

  private static final Logger LOG = Logger.getLogger(PublicUrl.class.getName());

  @Inject
  @ConfigProperty(name = "mailhub.public-url")
  Optional<String> url = Optional.empty();

  @Inject
  @ConfigProperty(name = "mailhub.public-url-insecure", defaultValue = "false")
  boolean insecureAllowed;

  @PostConstruct
  void warnWhenInsecure() {
    problem(url.orElse(null))
        .ifPresent(
            problem ->
                LOG.warning(
                    problem
                        + (insecureAllowed
                            ? "; MAILHUB_PUBLIC_URL_INSECURE=true lets campaigns with unsubscribe"
                                + " links go out anyway"
                            : "; campaigns through providers with a preference center (SYSTEM or"
                                + " CUSTOM_URL) will not be launched until it is an https URL"
                                + " recipients can reach")));
  }

  /** Why a campaign with unsubscribe links may not be launched now; empty when it may. */
  public Optional<String> refusal() {
    return insecureAllowed ? Optional.empty() : problem(url.orElse(null));
  }

  /** What is wrong with the URL for unsubscribe links, or empty when nothing is. */
  static Optional<String> problem(String url) {
    if (url == null || url.isBlank()) {
      return Optional.of(
          "MAILHUB_PUBLIC_URL is not set, so unsubscribe links would point at"
              + " http://localhost:8080, which recipients cannot reach");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (java.net.URISyntaxException e) {
      return Optional.of("MAILHUB_PUBLIC_URL (" + url + ") is not a URL");
    }
    if (uri.getHost() == null || uri.getScheme() == null) {
      return Optional.of("MAILHUB_PUBLIC_URL (" + url + ") is not an absolute URL with a host");
    }
    if (isLocal(uri.getHost())) {
      return Optional.of(
          "MAILHUB_PUBLIC_URL ("
              + url
              + ") names this machine, so recipients cannot reach its unsubscribe links");
    }
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      return Optional.of(
          "MAILHUB_PUBLIC_URL ("
              + url
              + ") is not HTTPS: mail clients send one-click unsubscribes (RFC 8058) to HTTPS"
              + " URLs only");
    }
    return Optional.empty();
  }

  private static boolean isLocal(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return true;
    }
    // only literal addresses are judged: a name is not resolved here
    if (!name.matches("[0-9.]+|\\[?[0-9a-f:.]+]?")) {
      return false;
    }
    try {
      InetAddress address = InetAddress.getByName(name.replace("[", "").replace("]", ""));
      return address.isLoopbackAddress() || address.isAnyLocalAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
