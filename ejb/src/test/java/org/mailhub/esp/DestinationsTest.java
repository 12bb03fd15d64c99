package org.mailhub.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DestinationsTest {

  @Test
  void internalAddressesAreTold() throws Exception {
    for (String internal :
        new String[] {
          "127.0.0.1",
          "10.1.2.3",
          "172.16.0.1",
          "192.168.1.1",
          "169.254.169.254",
          "0.0.0.0",
          "100.64.0.1",
          "::1",
          "fd00::1",
          "fe80::1"
        }) {
      assertTrue(Destinations.isInternal(InetAddress.getByName(internal)), internal);
    }
    for (String external : new String[] {"8.8.8.8", "1.1.1.1", "2001:4860:4860::8888"}) {
      assertFalse(Destinations.isInternal(InetAddress.getByName(external)), external);
    }
  }

  @Test
  void aHostOnTheOwnNetworkIsRefusedUnlessAllowed() {
    Destinations destinations = new Destinations();

    assertTrue(destinations.refusal("localhost").orElseThrow().contains("127.0.0.1"));
    assertTrue(destinations.refusal("169.254.169.254").isPresent(), "cloud metadata");
    assertEquals(Optional.empty(), destinations.refusal("no-such-host.invalid"));
    CallRefused refused = assertThrows(CallRefused.class, () -> destinations.require("127.0.0.1"));
    assertEquals("PRIVATE_NETWORK", refused.outcome().errorCode());

    destinations.allowPrivateNetworks = true;
    assertEquals(Optional.empty(), destinations.refusal("localhost"));
  }

  @Test
  void theHostOfAnEndpointIsRead() {
    assertEquals("api.example.com", Destinations.hostOf("https://api.example.com:8443/v6/send"));
    assertEquals(null, Destinations.hostOf("not a url"));
  }
}
