package org.mailhub.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublicUrlTest {

  @Test
  void unsetLocalOrPlainHttpUrlsCannotCarryUnsubscribeLinks() {
    assertTrue(PublicUrl.problem(null).orElseThrow().contains("is not set"));
    assertTrue(PublicUrl.problem(" ").orElseThrow().contains("is not set"));
    for (String local :
        new String[] {
          "http://localhost:8080",
          "https://LOCALHOST",
          "https://mailhub.localhost/",
          "https://127.0.0.1:8443",
          "https://[::1]/",
          "https://0.0.0.0"
        }) {
      assertTrue(PublicUrl.problem(local).orElseThrow().contains("names this machine"), local);
    }
    assertTrue(
        PublicUrl.problem("http://mailhub.acme.example").orElseThrow().contains("is not HTTPS"));
    assertTrue(PublicUrl.problem("mailhub.acme.example").orElseThrow().contains("absolute URL"));
    assertTrue(PublicUrl.problem("https://exa mple").orElseThrow().contains("is not a URL"));
  }

  @Test
  void anHttpsUrlOfAnotherHostIsFine() {
    assertEquals(Optional.empty(), PublicUrl.problem("https://mailhub.acme.example"));
    assertEquals(Optional.empty(), PublicUrl.problem("https://203.0.113.7:8443/mailhub/"));
  }

  @Test
  void launchesAreRefusedUnlessInsecureUrlsAreAllowed() {
    PublicUrl url = new PublicUrl();
    url.url = Optional.of("http://localhost:8080");

    assertTrue(
        url.refusal().orElseThrow().startsWith("MAILHUB_PUBLIC_URL (http://localhost:8080)"));
    url.insecureAllowed = true;
    assertEquals(Optional.empty(), url.refusal());
  }
}
