package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two mailhub nodes on one PostgreSQL database, clustered as README's "Several nodes" says
 * (standalone-full-ha.xml): a campaign launched on one node is sent by both; one node stands still
 * (SIGSTOP) for longer than its lease and goes on, then is killed with SIGKILL, and the other
 * finishes the campaign, the dead node's claims and queued work included, without sending anyone
 * twice. Webhooks posted to the survivor link to the dead node's sends, and the dead node rejoins
 * without sending anything again. Runs in the PostgreSQL pass of the tests (.ci/run); on H2 it
 * shows that a cluster node refuses to start without PostgreSQL.
 */
class ClusterIT {

  private static final int RECIPIENTS = 20_000;

  /** Dispatch sessions per node, each with at most one provider call in flight. */
  private static final int CONCURRENCY = 8;

  private static final String DATABASE = "mailhub_cluster_it";
  private static final String DB_URL = System.getenv("MAILHUB_DB_URL");

  private final List<OwnServer> servers = new ArrayList<>();

  @AfterEach
  void stopServers() throws InterruptedException {
    for (OwnServer server : servers) {
      server.kill();
    }
  }

  @Test
  void aClusterNodeRefusesToStartWithoutPostgreSQL() throws Exception {
    OwnServer node = new OwnServer("cluster-h2", 600).configuration("standalone-full-ha.xml");
    servers.add(node);
    Map<String, String> environment = clusterEnvironment(null);
    environment.put("MAILHUB_CLUSTER_HOSTS", "127.0.0.1[8200]");
    node.launch(environment, Mailhub.ADMIN_PROPERTIES);
    assertRefused(node, "the nodes of a cluster share one PostgreSQL database");
  }

  @Test
  void theSurvivorFinishesACampaignWhoseOtherNodeWasKilled() throws Exception {
    assumeTrue(
        DB_URL != null && DB_URL.startsWith("jdbc:postgresql:"),
        "a cluster needs PostgreSQL: runs in the PostgreSQL pass");
    resetDatabase();
    String run = UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> environment = clusterEnvironment(clusterUrl());
    OwnServer a = node("cluster-a", 400, environment);
    OwnServer b = node("cluster-b", 500, environment);
    Campaigns.await(
        Duration.ofSeconds(90),
        () -> output(a).contains("AMQ221027") && output(b).contains("AMQ221027"));

    // a third node with a secret key of its own could not read the others' provider secrets
    OwnServer stranger = new OwnServer("cluster-c", 600).configuration("standalone-full-ha.xml");
    servers.add(stranger);
    Map<String, String> ownKey = clusterEnvironment(clusterUrl());
    ownKey.put("MAILHUB_CLUSTER_PASSWORD", environment.get("MAILHUB_CLUSTER_PASSWORD"));
    stranger.launch(ownKey, properties());
    assertRefused(stranger, "MAILHUB_SECRET_KEY is not the key of the running nodes");
    stranger.kill();

    // a host that reaches the cluster port but does not know the cluster password is not let in
    OwnServer intruder = new OwnServer("cluster-d", 700).configuration("standalone-full-ha.xml");
    servers.add(intruder);
    Map<String, String> wrongPassword = new HashMap<>(environment);
    wrongPassword.put("MAILHUB_CLUSTER_PASSWORD", UUID.randomUUID().toString());
    intruder.launch(wrongPassword, properties());
    Campaigns.await(
        Duration.ofMinutes(2),
        () -> output(intruder).contains("WFLYSRV0026") || output(intruder).contains("WFLYSRV0025"));
    assertTrue(
        output(intruder).toLowerCase(java.util.Locale.ROOT).contains("authentication failed"),
        "JGroups refused its join; see " + intruder.file("server-start-1.log"));
    assertNotEquals(200, Mailhub.get(intruder.url(), "api/health").statusCode());
    intruder.kill();

    try (RecordingEsp esp = new RecordingEsp().slow(5)) {
      Campaigns.importTagged(
          a.url(),
          run,
          IntStream.range(0, RECIPIENTS)
              .mapToObj(i -> "n" + i + "-" + run + "@example.com")
              .toList());
      long provider = Campaigns.jsonProvider(a.url(), "cluster " + run, esp.url("/send"));
      long campaign = Campaigns.launchToRun(b.url(), provider, run); // launched on b, sent by both

      Campaigns.await(Duration.ofSeconds(120), () -> claimsBy().size() == 2 && esp.count() >= 4000);
      Map<String, Integer> claimsBeforeKill = claimsBy();
      // what an operator sees of each node: ready, in a cluster of two, and sending
      for (OwnServer node : List.of(a, b)) {
        JsonObject ready =
            Mailhub.json(
                Mailhub.exchange(
                    HttpRequest.newBuilder(node.management().resolve("health/ready")).build()));
        assertEquals("UP", ready.getString("status"), ready.toString());
        JsonObject cluster =
            ready.getJsonArray("checks").stream()
                .map(check -> check.asJsonObject())
                .filter(check -> check.getString("name").equals("cluster"))
                .findFirst()
                .orElseThrow()
                .getJsonObject("data");
        assertEquals(2, cluster.getJsonNumber("size").intValue(), cluster.toString());
        assertTrue(
            sentCounted(node, provider) > 0,
            node.url() + " counts emails it sent in its own metrics");
      }

      // a stands still for longer than its lease (a long pause, a frozen VM): b takes its claims
      // over, and when a goes on it sends nothing that b took
      a.pause();
      java.sql.Timestamp atPauseTime = databaseNow();
      int atPause = esp.count();
      Campaigns.await(
          Duration.ofSeconds(60), () -> output(b).contains("has not renewed its lease"));
      a.resume();
      Campaigns.await(Duration.ofSeconds(60), () -> leaseRenewedAfter("cluster-a-", atPauseTime));
      int atResume = esp.count();

      Campaigns.await(Duration.ofSeconds(120), () -> esp.count() >= atResume + 2000);
      a.kill();
      int atKill = esp.count();
      assertTrue(atKill < RECIPIENTS - 2000, "the campaign was still being sent: " + atKill);

      JsonObject finished = Campaigns.awaitEnd(b.url(), campaign, Duration.ofMinutes(4));
      Map<String, Integer> received = Campaigns.receivedOnce(esp);
      JsonObject counts = Campaigns.sentOrInDoubt(finished, RECIPIENTS);
      int inDoubt = counts.getInt("inDoubt");
      assertTrue(
          inDoubt <= 2 * CONCURRENCY,
          inDoubt
              + " in doubt; at most the calls in flight on the paused and the killed node: "
              + 2 * CONCURRENCY);
      // the calls in flight at the kill may or may not have reached the ESP
      assertTrue(received.size() >= RECIPIENTS - inDoubt, "everyone else received it");
      for (JsonObject record : Campaigns.sends(b.url(), campaign)) {
        String email = record.getString("email");
        switch (record.getString("status")) {
          case "SENT" ->
              assertTrue(received.containsKey(email), email + " is SENT but never arrived");
          case "IN_DOUBT" -> assertTrue(record.getString("error").startsWith("in doubt"), email);
          default -> throw new AssertionError("not sent: " + record);
        }
      }

      // the ESP reports on a send the dead node made, and on one it left in doubt, to the survivor
      String[] sentByA = sendOf("cluster-a-", "SENT");
      assertEquals(200, report(b.url(), provider, sentByA, "clicked").statusCode());
      assertEquals("CLICKED", send(b.url(), campaign, sentByA[0]).getString("outcome"));
      if (inDoubt > 0) {
        // its chunk went back to the queue with its other recipients: only the kill left any
        String[] doubtful = sendOf("", "IN_DOUBT");
        assertEquals(200, report(b.url(), provider, doubtful, "clicked").statusCode());
        JsonObject after = send(b.url(), campaign, doubtful[0]);
        assertEquals("SENT", after.getString("status"), after.toString());
      }

      // a person signed in on the survivor is still signed in on the other node, pages included
      String session = signIn(b.url());
      HttpResponse<String> page = withSession(b.url(), "admin/campaigns.xhtml", session);
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("run " + run), "the campaigns page lists the campaign");

      // the killed node comes back with its broker's old messages, and sends only what is new
      a.start(environment, properties());
      int before = esp.count();
      String newcomer = "new-" + run + "@example.com";
      HttpResponse<String> imported =
          Mailhub.post(a.url(), "api/profiles", "[{\"email\": \"" + newcomer + "\"}]");
      assertEquals(200, imported.statusCode(), imported.body());
      long second =
          Campaigns.launch(
              a.url(),
              """
              {"name": "again", "providerId": %d, "subject": "Hi", "html": "<p>Hi</p>",
               "audience": {"type": "EMAILS", "emails": ["%s", "%s"]}}"""
                  .formatted(provider, sentByA[0], newcomer));
      JsonObject secondDone = Campaigns.awaitEnd(a.url(), second, Duration.ofMinutes(4));
      assertEquals("SENT", secondDone.getString("status"), secondDone.toString());
      assertEquals(before + 2, esp.count(), "only the second campaign's two recipients");
      assertEquals(1, Campaigns.received(esp).get(newcomer));
      assertEquals(2, Campaigns.received(esp).get(sentByA[0]), "once per campaign");
      HttpResponse<String> elsewhere = withSession(a.url(), "api/campaigns/" + campaign, session);
      assertEquals(200, elsewhere.statusCode(), "the session made on b works on a");
      assertEquals(200, withSession(a.url(), "admin/campaigns.xhtml", session).statusCode());

      System.out.printf(
          "cluster test: claims per node %s, requests at the pause %d, at the resume %d, at the"
              + " kill %d, in the end %d; %d recipients in doubt%n",
          claimsBeforeKill, atPause, atResume, atKill, esp.count(), inDoubt);
    }
  }

  /** The node's server started without mailhub, which said why. */
  private static void assertRefused(OwnServer node, String why) throws InterruptedException {
    Campaigns.await(
        Duration.ofMinutes(2),
        () -> output(node).contains("WFLYSRV0026") || output(node).contains("WFLYSRV0025"));
    assertTrue(
        output(node).contains(why),
        "the node says why it does not start; see " + node.file("server-start-1.log"));
    assertNotEquals(200, Mailhub.get(node.url(), "api/health").statusCode());
  }

  /** The emails this node counts as sent through the provider, in its Prometheus metrics. */
  private static double sentCounted(OwnServer node, long provider) {
    HttpResponse<String> scrape =
        Mailhub.exchange(
            HttpRequest.newBuilder(node.url().resolve("metrics"))
                .header("Authorization", Mailhub.basic(Mailhub.ADMIN, Mailhub.ADMIN_PASSWORD))
                .build());
    assertEquals(200, scrape.statusCode(), scrape.body());
    return scrape
        .body()
        .lines()
        .filter(line -> line.startsWith("mailhub_emails_total{"))
        .filter(line -> line.contains("provider_id=\"" + provider + "\""))
        .filter(line -> line.contains("outcome=\"sent\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** Signs in through the admin UI's form; the session cookie. */
  private static String signIn(URI node) throws Exception {
    String form =
        "signIn=signIn&signIn%3Anext=&signIn%3Ausername="
            + URLEncoder.encode(Mailhub.ADMIN, StandardCharsets.UTF_8)
            + "&signIn%3Apassword="
            + URLEncoder.encode(Mailhub.ADMIN_PASSWORD, StandardCharsets.UTF_8)
            + "&signIn%3Asubmit=&jakarta.faces.ViewState=stateless";
    HttpResponse<String> signedIn =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(node.resolve("admin/login.xhtml"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return signedIn.headers().allValues("Set-Cookie").stream()
        .filter(cookie -> cookie.startsWith("JSESSIONID="))
        .map(cookie -> cookie.substring(0, cookie.indexOf(';')))
        .reduce((first, last) -> last)
        .orElseThrow(() -> new AssertionError("not signed in: " + signedIn.statusCode()));
  }

  private static HttpResponse<String> withSession(URI node, String path, String session)
      throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(node.resolve(path)).header("Cookie", session).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private OwnServer node(String name, int offset, Map<String, String> environment)
      throws Exception {
    OwnServer node = new OwnServer(name, offset).configuration("standalone-full-ha.xml");
    servers.add(node);
    node.start(environment, properties());
    return node;
  }

  private static String[] properties() {
    return new String[] {
      "-Dmailhub.cluster.lease=PT15S",
      "-Dmailhub.dispatch.prepare-chunk-size=1000",
      "-Dmailhub.gateway.allow-private-networks=true", // the ESP is on loopback
      "-Dmailhub.dispatch.concurrency=" + CONCURRENCY,
      Mailhub.ADMIN_PROPERTIES[0],
      Mailhub.ADMIN_PROPERTIES[1]
    };
  }

  /** What README's two-node command sets, with this database (none: H2). */
  private static Map<String, String> clusterEnvironment(String dbUrl) {
    byte[] key = new byte[36];
    new SecureRandom().nextBytes(key);
    Map<String, String> environment = new HashMap<>();
    environment.put("MAILHUB_DB_URL", dbUrl);
    environment.put("MAILHUB_CLUSTER_HOSTS", "127.0.0.1[8000],127.0.0.1[8100]");
    environment.put("MAILHUB_CLUSTER_PASSWORD", UUID.randomUUID().toString());
    environment.put("MAILHUB_SECRET_KEY", Base64.getEncoder().encodeToString(key));
    environment.put("JBOSS_JAVA_SIZING", "-Xms64m -Xmx512m"); // two servers and the tests share
    return environment;
  }

  /** The tests' database URL with the cluster's database instead. */
  private static String clusterUrl() {
    return DB_URL.replaceFirst("^(jdbc:postgresql://[^/]*/)[^?]*", "$1" + DATABASE);
  }

  private static Connection database(String url) throws SQLException {
    return DriverManager.getConnection(
        url,
        System.getenv().getOrDefault("MAILHUB_DB_USER", "postgres"),
        System.getenv().getOrDefault("MAILHUB_DB_PASSWORD", "postgres"));
  }

  /**
   * A fresh database of the test's own beside the tests' one: Hibernate's schema update would take
   * another schema's tables of the same database for its own.
   */
  private static void resetDatabase() throws SQLException {
    try (Connection db = database(DB_URL);
        Statement sql = db.createStatement()) {
      sql.execute("drop database if exists " + DATABASE);
      sql.execute("create database " + DATABASE);
    }
  }

  /** Whether the node whose name starts so has beaten since {@code since} (the database's time). */
  private static boolean leaseRenewedAfter(String node, java.sql.Timestamp since) {
    try (Connection db = database(clusterUrl());
        java.sql.PreparedStatement sql =
            db.prepareStatement(
                "select count(*) from node_lease where node like ? and beat_at > ?")) {
      sql.setString(1, node + "%");
      sql.setTimestamp(2, since);
      try (ResultSet rows = sql.executeQuery()) {
        rows.next();
        return rows.getInt(1) == 1;
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static java.sql.Timestamp databaseNow() throws SQLException {
    try (Connection db = database(clusterUrl());
        Statement sql = db.createStatement();
        ResultSet row = sql.executeQuery("select current_timestamp")) {
      row.next();
      return row.getTimestamp(1);
    }
  }

  /** Chunks claimed so far, by the node that claimed them last (its name without the suffix). */
  private static Map<String, Integer> claimsBy() {
    Map<String, Integer> claims = new TreeMap<>();
    try (Connection db = database(clusterUrl());
        Statement sql = db.createStatement();
        ResultSet rows =
            sql.executeQuery(
                "select claim_node, count(*) from dispatch_chunk where claim_node is not null group by claim_node")) {
      while (rows.next()) {
        claims.merge(
            rows.getString(1).replaceAll("-[0-9a-f]{8}$", ""), rows.getInt(2), Integer::sum);
      }
    } catch (SQLException notYet) {
      // the tables are made by the first node's deployment
    }
    return claims;
  }

  /** The address and meta value of a send with this status in a chunk this node claimed last. */
  private static String[] sendOf(String node, String status) throws SQLException {
    try (Connection db = database(clusterUrl());
        Statement sql = db.createStatement();
        ResultSet row =
            sql.executeQuery(
                "select r.email, r.meta from send_record r join dispatch_chunk c on c.id = r.chunk_id where c.claim_node like '"
                    + node
                    + "%' and r.status = '"
                    + status
                    + "' order by r.id limit 1")) {
      assertTrue(row.next(), "a send of " + node + " with status " + status);
      return new String[] {row.getString(1), row.getString(2)};
    }
  }

  private static HttpResponse<String> report(URI node, long provider, String[] send, String event) {
    String callbackPath =
        URI.create(
                Mailhub.json(Mailhub.get(node, "api/providers/" + provider))
                    .getString("callbackUrl"))
            .getPath()
            .substring(1);
    return Mailhub.post(
        node,
        callbackPath,
        """
        {"version": "v2", "events": {"%s": [
          {"type": "%s", "email": "%s", "meta": "%s", "description": "https://acme.example"}]}}"""
            .formatted(event, event, send[0], send[1]));
  }

  private static JsonObject send(URI node, long campaign, String email) {
    return Campaigns.sends(node, campaign).stream()
        .filter(record -> record.getString("email").equals(email))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no send record for " + email));
  }

  private static String output(OwnServer server) {
    try {
      return server.output();
    } catch (java.io.IOException notYet) {
      return "";
    }
  }
}
