package org.mailhub.esp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where providers may be reached: on the internet. An endpoint or SMTP host that resolves to a
 * loopback, private, link-local (cloud metadata, 169.254.169.254), carrier-grade NAT or unique
 * local address would let whoever edits a provider make mailhub call inside its own network, so it
 * is refused when the provider is saved and again before every call (names may resolve differently
 * later), unless {@code mailhub.gateway.allow-private-networks} says that relays on the own network
 * are meant (tests and local trials set it).
 */
@ApplicationScoped
public class Destinations {

  @Inject
  @ConfigProperty(name = "mailhub.gateway.allow-private-networks", defaultValue = "false")
  boolean allowPrivateNetworks;

  /** Why mailhub will not call this host, if it will not. */
  public Optional<String> refusal(String host) {
    if (allowPrivateNetworks) {
      return Optional.empty();
    }
    return internalAddress(host)
        .map(
            address ->
                host
                    + " resolves to "
                    + address.getHostAddress()
                    + ", an address of a private or local network; providers are reached on the"
                    + " internet (set MAILHUB_GATEWAY_ALLOW_PRIVATE_NETWORKS=true for a relay on"
                    + " your own network)");
  }

  /**
   * Whether the host is a relay on mailhub's own network that the settings allow: it resolves to a
   * private or local address and {@code mailhub.gateway.allow-private-networks} is set.
   */
  public boolean onOwnNetwork(String host) {
    return allowPrivateNetworks && internalAddress(host).isPresent();
  }

  /** An address of a private or local network that the host resolves to, if any. */
  private static Optional<InetAddress> internalAddress(String host) {
    if (host == null || host.isBlank()) {
      return Optional.empty();
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException | SecurityException e) {
      return Optional.empty(); // the call will say it cannot reach the host
    }
    for (InetAddress address : addresses) {
      if (isInternal(address)) {
        return Optional.of(address);
      }
    }
    return Optional.empty();
  }

  /** The host of a URL, or null when it has none that can be read. */
  public static String hostOf(String url) {
    try {
      return url == null ? null : java.net.URI.create(url.strip()).getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Fails the call before anything is sent when the host is refused. */
  public void require(String host) {
    refusal(host)
        .ifPresent(
            reason -> {
              throw new CallRefused(SendOutcome.rejected(null, "PRIVATE_NETWORK", reason));
            });
  }

  static boolean isInternal(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet6Address) {
      return (bytes[0] & 0xfe) == 0xfc; // fc00::/7, unique local
    }
    int first = bytes[0] & 0xff;
    int second = bytes[1] & 0xff;
    return first == 0 // "this network"
        || (first == 100 && second >= 64 && second < 128) // 100.64.0.0/10, carrier-grade NAT
        || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // 192.0.0.0/24
        || (first == 198 && (second == 18 || second == 19)); // 198.18.0.0/15, benchmarking
  }
}
