package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A marketer sends campaigns through their own SMTP relay: mailhub keeps its connections open
 * between emails instead of opening one per email, and when the relay drops them between two
 * campaigns, as relays do with idle clients, the next campaign still reaches everyone exactly once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SmtpConnectionsIT {

  /** The dispatch concurrency the tests run with (the default): the most connections needed. */
  private static final int CONCURRENCY = 16;

  private String run;

  @Deployment(testable = false)
  static EnterpriseArchive mailhub() {
    return Mailhub.ear();
  }

  @BeforeEach
  void start() {
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void aCampaignReusesConnectionsAndReachesEveryoneOnce() throws Exception {
    try (RefusingSmtpServer relay = new RefusingSmtpServer()) {
      List<String> audience = emails(200);

      long campaign = Campaigns.launch(campaign(provider(relay)));
      JsonObject counts = Campaigns.awaitEnd(campaign).getJsonObject("counts");

      assertEquals(200, counts.getInt("sent"), counts.toString());
      assertEquals(sorted(audience), sorted(relay.accepted()));
      assertTrue(
          relay.connections() <= CONCURRENCY, relay.connections() + " connections for 200 emails");
    }
  }

  @Test
  void whenTheRelayDropsIdleConnectionsTheNextCampaignStillReachesEveryoneOnce() throws Exception {
    try (RefusingSmtpServer relay = new RefusingSmtpServer()) {
      long provider = provider(relay);
      List<String> audience = emails(60);
      Campaigns.awaitEnd(Campaigns.launch(campaign(provider)));
      int before = relay.connections();

      relay.dropConnections();
      long second = Campaigns.launch(campaign(provider));
      JsonObject campaign = Campaigns.awaitEnd(second);

      JsonObject counts = campaign.getJsonObject("counts");
      assertEquals(60, counts.getInt("sent"), counts.toString());
      assertEquals(0, counts.getInt("failed"), counts.toString());
      List<String> twice = new ArrayList<>(audience);
      twice.addAll(audience);
      assertEquals(sorted(twice), sorted(relay.accepted()), "each campaign reached everyone once");
      assertTrue(relay.connections() > before, "new connections after the drop");
      assertTrue(
          Campaigns.sends(second).stream().allMatch(s -> s.getString("status").equals("SENT")),
          "every send of the second campaign is SENT");
    }
  }

  private long provider(RefusingSmtpServer relay) {
    return Campaigns.provider(
        """
        {"nickname": "relay %s", "type": "SMTP", "fromAddress": "news@acme.example",
         "settings": {"host": "127.0.0.1", "port": %d, "security": "NONE"}}"""
            .formatted(run, relay.port()));
  }

  /** Profiles tagged with this run, whom the campaigns of this run reach. */
  private List<String> emails(int count) {
    List<String> emails =
        IntStream.range(0, count).mapToObj(i -> "reuse" + i + "-" + run + "@example.com").toList();
    Campaigns.importTagged(run, emails);
    return emails;
  }

  private String campaign(long provider) {
    return """
        {"name": "reuse", "providerId": %d, "subject": "Hi", "html": "<p>Hi</p>",
         "audience": {"type": "PROPERTY", "property": "run", "value": "%s"}}"""
        .formatted(provider, run);
  }

  private static List<String> sorted(List<String> emails) {
    return emails.stream().sorted().toList();
  }
}
