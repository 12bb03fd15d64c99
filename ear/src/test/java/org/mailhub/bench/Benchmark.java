package org.mailhub.bench;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.mailhub.it.OwnServer;
import org.mailhub.it.RefusingSmtpServer;

/**
 * mailhub's benchmark: starts the provisioned server (its own base directory, port offset 200), a
 * loopback HTTP sink answering like an ESP, and runs the scenarios of the README's Performance
 * section. Prints a table and one stable line per scenario: {@code BENCH <scenario> <value> <unit>
 * ceiling=<value> ratio=<value>}; on PostgreSQL also the rows each measured campaign wrote per
 * recipient, with the tables they went to. Run with {@code mvn -pl ear -Pbench verify} after {@code
 * mvn install}; sizes are system properties ({@code bench.batched}, {@code bench.single}, {@code
 * bench.events}, {@code bench.memory}, {@code bench.smtp}); {@code bench.only=smtp} runs only the
 * SMTP scenario, {@code bench.only=dispatch} only the dispatch scenarios, and {@code
 * bench.smtp-pool-size} sets {@code mailhub.smtp.pool-size}. {@code bench.nodes=2} (PostgreSQL
 * only) starts two clustered nodes instead (standalone-full-ha.xml, port offsets 800 and 900) and
 * runs only the dispatch scenarios, launched on the first node, as {@code cluster-*} lines with
 * each node's share of the recipients.
 */
public final class Benchmark {

  private static final int CONCURRENCY = 16;
  // the first admin of the benchmark's own server, which starts with an empty database
  private static final String ADMIN = "bench";
  private static final String ADMIN_PASSWORD = "bench-admin-secret";
  private static final String AUTHORIZATION =
      "Basic "
          + java.util.Base64.getEncoder()
              .encodeToString(
                  (ADMIN + ":" + ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));

  private final HttpClient http =
      HttpClient.newBuilder().executor(Executors.newFixedThreadPool(CONCURRENCY)).build();
  private final AtomicLong sinkRequests = new AtomicLong();
  private final Map<String, String> lines = new LinkedHashMap<>();
  private final List<String> table = new ArrayList<>();
  private HttpServer sink;
  private OwnServer server; // the one campaigns are launched on
  private OwnServer other; // the second node of a cluster run, or null
  private URI url;
  private TableWrites tableWrites; // on PostgreSQL only

  public static void main(String[] args) throws Exception {
    try {
      new Benchmark().run();
    } catch (Exception failed) {
      failed.printStackTrace();
      System.exit(1); // the HTTP client's threads would keep the JVM, and Maven, waiting
    }
    System.exit(0);
  }

  private void run() throws Exception {
    int batched = Integer.getInteger("bench.batched", 200_000);
    int single = Integer.getInteger("bench.single", 50_000);
    int events = Integer.getInteger("bench.events", 200_000);
    int memory = Integer.getInteger("bench.memory", 1_000_000);
    int smtp = Integer.getInteger("bench.smtp", 20_000);
    int nodes = Integer.getInteger("bench.nodes", 1);
    String dbUrl = System.getenv("MAILHUB_DB_URL");
    if (nodes < 1 || nodes > 2) {
      System.err.println("bench.nodes is 1 or 2, not " + nodes);
      System.exit(2);
    }
    if (nodes == 2 && (dbUrl == null || !dbUrl.startsWith("jdbc:postgresql:"))) {
      System.err.println(
          "bench.nodes=2 needs PostgreSQL, as a cluster does: set MAILHUB_DB_URL"
              + " (jdbc:postgresql://...), MAILHUB_DB_USER and MAILHUB_DB_PASSWORD");
      System.exit(2);
    }
    startSink();
    try { // stops the servers and the sink when a node fails to start, too
      if (nodes == 2) {
        startCluster();
      } else {
        startServer();
      }
      if (System.getenv("MAILHUB_DB_URL") != null) {
        tableWrites =
            new TableWrites(
                System.getenv("MAILHUB_DB_URL"),
                System.getenv("MAILHUB_DB_USER"),
                System.getenv("MAILHUB_DB_PASSWORD"));
      }
      if (other != null) {
        dispatch("cluster-", UUID.randomUUID().toString().substring(0, 8), batched, single);
        return;
      }
      if ("smtp".equals(System.getProperty("bench.only", ""))) {
        smtp(UUID.randomUUID().toString().substring(0, 8), smtp);
        return;
      }
      long idlePid = serverPid();
      long[] idle = memory(idlePid);
      if (Boolean.getBoolean("bench.jfr")) {
        histogram("idle");
      }

      String run = UUID.randomUUID().toString().substring(0, 8);
      Dispatched dispatched = dispatch("", run, batched, single);
      if ("dispatch".equals(System.getProperty("bench.only", ""))) {
        return;
      }
      callbacks(dispatched.batchedCampaign(), dispatched.batchedProvider(), events);
      if (System.getenv("MAILHUB_DB_URL") != null) {
        databaseCeiling();
      }
      smtp(run, smtp);

      importProfiles(run, "m", memory);
      awaitEnd(launch(dispatched.batchedProvider(), run + "-m"));
      long[] after = memory(serverPid());
      if (Boolean.getBoolean("bench.jfr")) {
        histogram("after the memory campaign");
        exec(
            "jcmd",
            String.valueOf(serverPid()),
            "JFR.dump",
            "filename=" + server.file("mailhub.jfr"));
      }
      report(
          "memory-heap-after",
          after[1] / 1024.0 / 1024,
          "MiB",
          idle[1] / 1024.0 / 1024,
          "heap after GC after a " + memory + "-recipient campaign (ceiling = idle heap)");
      report(
          "memory-rss-idle",
          idle[0] / 1024.0 / 1024,
          "MiB",
          null,
          "resident memory of the idle server");
      report(
          "memory-rss-after",
          after[0] / 1024.0 / 1024,
          "MiB",
          null,
          "resident memory after the campaign");
    } finally {
      if (tableWrites != null) {
        tableWrites.close();
      }
      stopServer();
      sink.stop(0);
      printSummary();
    }
  }

  private record Dispatched(long batchedProvider, long batchedCampaign) {}

  /**
   * The dispatch scenarios: a warm-up campaign of each kind, then the measured batched and single
   * campaigns and the HTTP ceiling, reported under {@code prefix} ("cluster-" on two nodes).
   */
  private Dispatched dispatch(String prefix, String run, int batched, int single) throws Exception {
    importProfiles(run, "b", batched);
    importProfiles(run, "s", single);
    long batchedProvider = provider(genericBatched());
    long singleProvider = provider(netcore());

    // warm-up: a small campaign of each kind
    importProfiles(run, "w", 5000);
    awaitEnd(launch(batchedProvider, run + "-w"));
    awaitEnd(launch(singleProvider, run + "-w"));

    Map<String, TableWrites.Counts> beforeBatched = writesSoFar();
    long batchedCampaign = launch(batchedProvider, run + "-b");
    JsonObject batchedEnd = awaitEnd(batchedCampaign);
    Map<String, TableWrites.Counts> afterBatched = writesSoFar();
    report(
        prefix + "dispatch-batched",
        sendRate(batchedEnd),
        "recipients/s",
        null,
        "Generic HTTP, batches of 1000, " + batched + " recipients");
    reportWrites(prefix, "batched", batchedEnd, beforeBatched, afterBatched);
    shares(prefix + "dispatch-batched", batchedCampaign);

    // afterBatched, read just now, is also the state right before this launch
    long singleCampaign = launch(singleProvider, run + "-s");
    JsonObject singleEnd = awaitEnd(singleCampaign);
    Map<String, TableWrites.Counts> afterSingle = writesSoFar();
    double singleRate = sendRate(singleEnd);

    httpCeiling(Math.min(single, 20_000)); // warm-up, as mailhub had its warm-up campaign
    double ceiling = httpCeiling(single);
    report(
        prefix + "dispatch-single",
        singleRate,
        "recipients/s",
        ceiling,
        "Netcore, one call per recipient, " + single + " recipients");
    reportWrites(prefix, "single", singleEnd, afterBatched, afterSingle);
    shares(prefix + "dispatch-single", singleCampaign);
    report(
        prefix + "ceiling-http",
        ceiling,
        "requests/s",
        null,
        "JDK HttpClient straight to the sink, " + CONCURRENCY + " concurrent");

    return new Dispatched(batchedProvider, batchedCampaign);
  }

  /**
   * On two nodes, prints and reports each node's share of a campaign's recipients: its send records
   * by the node that claimed their chunk (done chunks are emptied, so their sizes do not tell).
   */
  private void shares(String scenario, long campaign) throws Exception {
    if (other == null) {
      return;
    }
    Map<String, Long> byNode = new java.util.TreeMap<>();
    try (Connection c = database();
        PreparedStatement query =
            c.prepareStatement(
                "select k.claim_node, count(*) from send_record r join dispatch_chunk k"
                    + " on k.id = r.chunk_id where r.campaign_id = ? group by k.claim_node")) {
      query.setLong(1, campaign);
      try (var rows = query.executeQuery()) {
        while (rows.next()) {
          String node = rows.getString(1) == null ? "none" : rows.getString(1);
          byNode.merge(node.replaceAll("-[0-9a-f]{8}$", ""), rows.getLong(2), Long::sum);
        }
      }
    }
    long total = byNode.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder line = new StringBuilder("BENCH " + scenario + "-share");
    byNode.forEach(
        (node, n) ->
            line.append(String.format(" %s=%d(%.1f%%)", node, n, 100.0 * n / Math.max(1, total))));
    lines.put(scenario + "-share", line.toString());
    System.out.println(line);
  }

  private void printSummary() {
    System.out.println();
    System.out.printf(
        "%-37s %14s %-16s %12s %8s  %s%n", "scenario", "value", "unit", "ceiling", "ratio", "what");
    table.forEach(System.out::println);
    System.out.println();
    lines.values().forEach(System.out::println);
  }

  private void report(String scenario, double value, String unit, Double ceiling, String what) {
    report(scenario, value, 0, unit, ceiling, what);
  }

  private void report(
      String scenario, double value, int decimals, String unit, Double ceiling, String what) {
    String shown = String.format("%." + decimals + "f", value);
    String ratio = ceiling == null || ceiling == 0 ? "-" : String.format("%.2f", value / ceiling);
    String ceil = ceiling == null ? "-" : String.format("%.0f", ceiling);
    table.add(
        String.format("%-37s %14s %-16s %12s %8s  %s", scenario, shown, unit, ceil, ratio, what));
    lines.put(
        scenario,
        String.format("BENCH %s %s %s ceiling=%s ratio=%s", scenario, shown, unit, ceil, ratio));
    System.out.println(lines.get(scenario) + "   (" + what + ")");
  }

  // ---- writes per recipient (PostgreSQL): rows inserted, updated and deleted in every table
  /** The database's write counters once settled; empty on H2, which keeps no such statistics. */
  private Map<String, TableWrites.Counts> writesSoFar() throws Exception {
    return tableWrites == null ? Map.of() : tableWrites.settled();
  }

  /** Reports a campaign's writes per recipient and prints the tables they went to. */
  private void reportWrites(
      String prefix,
      String kind,
      JsonObject campaign,
      Map<String, TableWrites.Counts> before,
      Map<String, TableWrites.Counts> after) {
    if (tableWrites == null) {
      return;
    }
    long recipients = campaign.getJsonObject("counts").getJsonNumber("targeted").longValue();
    Map<String, TableWrites.Counts> written = TableWrites.between(before, after);
    System.out.println(
        "Rows written during the "
            + kind
            + " campaign ("
            + recipients
            + " recipients), per table: inserted/updated/deleted (tables with none left out)");
    written.forEach(
        (name, c) -> {
          if (c.total() != 0) {
            System.out.printf(
                "  %s: %d/%d/%d (%.2f per recipient)%n",
                name, c.inserted(), c.updated(), c.deleted(), (double) c.total() / recipients);
          }
        });
    long total = written.values().stream().mapToLong(TableWrites.Counts::total).sum();
    report(
        prefix + "dispatch-writes-per-recipient-" + kind,
        (double) total / recipients,
        2,
        "writes/recipient",
        null,
        "rows inserted, updated and deleted in all tables (pg_stat_user_tables) per recipient");
  }

  // ---- the sink: answers 200 like an ESP, with a message id of its own for every request
  private void startSink() throws IOException {
    sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
    sink.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          sinkRequests.incrementAndGet();
          byte[] answer =
              ("{\"data\":{\"message_id\":\"" + UUID.randomUUID() + "\"},\"status\":\"success\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    sink.setExecutor(Executors.newFixedThreadPool(32));
    sink.start();
  }

  private String sinkUrl(String path) {
    return "http://127.0.0.1:" + sink.getAddress().getPort() + path;
  }

  // ---- scenario 3: the same requests straight from the JDK client
  private double httpCeiling(int requests) throws Exception {
    String body =
        "{\"from\":{\"email\":\"news@acme.example\"},\"subject\":\"Hello Ana\",\"content\":[{\"type\":\"html\","
            + "\"value\":\"<p>Hello Ana, this is the spring sale.</p>\"}],\"personalizations\":[{\"to\":"
            + "[{\"email\":\"ana@example.com\"}],\"token_to\":\"Xq3b2JmC1n0kYl2H8vTq3A\"}]}";
    HttpClient client = HttpClient.newHttpClient();
    ExecutorService workers = Executors.newFixedThreadPool(CONCURRENCY);
    AtomicLong left = new AtomicLong(requests);
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < CONCURRENCY; w++) {
      futures.add(
          workers.submit(
              () -> {
                HttpRequest request =
                    HttpRequest.newBuilder(URI.create(sinkUrl("/v6/mail/send")))
                        .header("api_key", "bench")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                while (left.decrementAndGet() >= 0) {
                  for (int attempt = 1; ; attempt++) {
                    try {
                      client.send(request, HttpResponse.BodyHandlers.ofString());
                      break;
                    } catch (IOException closedByTheServer) {
                      if (attempt == 3) {
                        throw closedByTheServer; // a kept-alive connection the sink just closed:
                        // try again
                      }
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    workers.shutdown();
    return rate(requests, start);
  }

  // ---- scenario 4: generic v2 callbacks with the meta values of real sends
  private void callbacks(long campaign, long provider, int total) throws Exception {
    List<String[]> sends = new ArrayList<>();
    for (int page = 0; sends.size() < total; page++) {
      JsonArray batch =
          json(get("api/campaigns/" + campaign + "/sends?size=1000&page=" + page))
              .asJsonObject()
              .getJsonArray("items");
      if (batch.isEmpty()) {
        break;
      }
      batch.forEach(
          v ->
              sends.add(
                  new String[] {
                    v.asJsonObject().getString("email"), v.asJsonObject().getString("meta")
                  }));
    }
    String path =
        URI.create(json(get("api/providers/" + provider)).asJsonObject().getString("callbackUrl"))
            .getPath()
            .substring(1);
    List<String> bodies = new ArrayList<>();
    for (int from = 0; from < sends.size(); from += 1000) {
      StringBuilder failed = new StringBuilder();
      StringBuilder clicked = new StringBuilder();
      for (int i = from; i < Math.min(from + 1000, sends.size()); i++) {
        String[] send = sends.get(i);
        String type =
            i % 10 == 0
                ? "hard_bounce"
                : i % 10 == 1 ? "soft_bounce" : i % 10 == 2 ? "unsubscribed" : "clicked";
        StringBuilder group = type.equals("clicked") ? clicked : failed;
        group
            .append(group.isEmpty() ? "" : ",")
            .append("{\"type\":\"")
            .append(type)
            .append("\",\"email\":\"")
            .append(send[0])
            .append("\",\"meta\":\"")
            .append(send[1])
            .append("\"}");
      }
      bodies.add(
          "{\"version\":\"v2\",\"events\":{\"failed\":["
              + failed
              + "],\"clicked\":["
              + clicked
              + "]}}");
    }
    int clients = 4;
    ExecutorService workers = Executors.newFixedThreadPool(clients);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicLong next = new AtomicLong();
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      futures.add(
          workers.submit(
              () -> {
                for (long i = next.getAndIncrement();
                    i < bodies.size();
                    i = next.getAndIncrement()) {
                  long t = System.nanoTime();
                  HttpResponse<String> answer = post(path, bodies.get((int) i));
                  latencies.add(System.nanoTime() - t);
                  if (answer.statusCode() != 200) {
                    throw new IllegalStateException(
                        "callback answered " + answer.statusCode() + ": " + answer.body());
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    workers.shutdown();
    double rate = rate(sends.size(), start);
    Collections.sort(latencies);
    report(
        "callbacks",
        rate,
        "events/s",
        null,
        sends.size() + " generic v2 events, POSTs of 1000, " + clients + " clients");
    report(
        "callbacks-p50",
        latencies.get(latencies.size() / 2) / 1e6,
        "ms",
        null,
        "time of one 1000-event POST");
    report(
        "callbacks-p99",
        latencies.get((int) (latencies.size() * 0.99)) / 1e6,
        "ms",
        null,
        "time of one 1000-event POST");
  }

  // ---- scenario 7: one email per recipient over SMTP, to a loopback server that discards them
  private void smtp(String run, int recipients) throws Exception {
    StringBuilder html = new StringBuilder("<h1>Hello {{profile.name}}</h1>");
    while (html.length() < 2000) {
      html.append(
          "<p>This is the <b>spring sale</b>: everything in the shop is 20% off until Sunday,"
              + " and delivery is free for orders above 30 euros.</p>");
    }
    try (RefusingSmtpServer relay = new RefusingSmtpServer()) {
      long provider =
          provider(
              """
              {"nickname": "bench smtp %s", "type": "SMTP", "fromAddress": "news@acme.example",
               "settings": {"host": "127.0.0.1", "port": %d, "security": "NONE"}}"""
                  .formatted(UUID.randomUUID(), relay.port()));
      importProfiles(run, "mw", 2000);
      awaitEnd(launch(provider, run + "-mw", html.toString())); // warm-up
      importProfiles(run, "mt", recipients);
      int before = relay.connections();
      JsonObject end = awaitEnd(launch(provider, run + "-mt", html.toString()));
      int connections = relay.connections() - before;
      int sent = end.getJsonObject("counts").getInt("sent");
      if (sent != recipients || relay.accepted().size() != 2000 + recipients) {
        throw new IllegalStateException(
            "SMTP: " + sent + " sent, " + relay.accepted().size() + " received: " + end);
      }
      String poolSize = System.getProperty("bench.smtp-pool-size", "");
      report(
          "dispatch-smtp",
          sendRate(end),
          "recipients/s",
          null,
          "SMTP, one email per recipient, "
              + recipients
              + " recipients, "
              + html.length()
              + " characters of HTML, "
              + connections
              + " connections"
              + (poolSize.matches("[0-9]+") ? ", mailhub.smtp.pool-size=" + poolSize : ""));
      lines.put(
          "dispatch-smtp",
          String.format("BENCH dispatch-smtp %.0f connections=%d", sendRate(end), connections));
      System.out.println(lines.get("dispatch-smtp"));
    }
  }

  // ---- scenario 5: what the database itself can do (PostgreSQL)
  private void databaseCeiling() throws Exception {
    try (Connection c = database()) {
      try (Statement s = c.createStatement()) {
        s.execute("drop table if exists bench_send");
        s.execute(
            "create table bench_send (id bigint primary key, campaign_id bigint, profile_id bigint, provider_id bigint,"
                + " email varchar(320), meta varchar(32) unique, status varchar(12), created_at timestamp, updated_at timestamp)");
        s.execute("drop table if exists bench_counter");
        s.execute("create table bench_counter (email varchar(320) primary key, n bigint)");
      }
      int rows = 200_000;
      c.setAutoCommit(false);
      long start = System.nanoTime();
      try (PreparedStatement insert =
          c.prepareStatement("insert into bench_send values (?,?,?,?,?,?,?,now(),now())")) {
        for (int i = 0; i < rows; i++) {
          insert.setLong(1, i);
          insert.setLong(2, 1);
          insert.setLong(3, i);
          insert.setLong(4, 1);
          insert.setString(5, "user" + i + "@example.com");
          insert.setString(6, UUID.randomUUID().toString().substring(0, 22));
          insert.setString(7, "QUEUED");
          insert.addBatch();
          if (i % 1000 == 999) {
            insert.executeBatch();
            c.commit();
          }
        }
      }
      report(
          "ceiling-db-insert",
          rate(rows, start),
          "rows/s",
          null,
          "raw JDBC batch insert of send-record rows, PostgreSQL");
      start = System.nanoTime();
      try (PreparedStatement upsert =
          c.prepareStatement(
              "insert into bench_counter values (?, 1) on conflict (email) do update set n = bench_counter.n + 1")) {
        for (int i = 0; i < rows; i++) {
          upsert.setString(1, "user" + (i % 50_000) + "@example.com");
          upsert.addBatch();
          if (i % 1000 == 999) {
            upsert.executeBatch();
            c.commit();
          }
        }
      }
      report(
          "ceiling-db-upsert",
          rate(rows, start),
          "rows/s",
          null,
          "raw JDBC batch upsert shaped like suppressions/stats");
      try (Statement s = c.createStatement()) {
        s.execute("drop table bench_send");
        s.execute("drop table bench_counter");
      }
      c.commit();
    }
  }

  private static Connection database() throws java.sql.SQLException {
    return DriverManager.getConnection(
        System.getenv("MAILHUB_DB_URL"),
        System.getenv("MAILHUB_DB_USER"),
        System.getenv("MAILHUB_DB_PASSWORD"));
  }

  // ---- mailhub through its REST API
  private void importProfiles(String run, String set, int n) throws Exception {
    for (int from = 0; from < n; from += 100_000) {
      StringBuilder csv = new StringBuilder("email,name,set\n");
      for (int i = from; i < Math.min(from + 100_000, n); i++) {
        csv.append(set)
            .append(i)
            .append('-')
            .append(run)
            .append("@example.com,Name ")
            .append(i)
            .append(',')
            .append(run)
            .append('-')
            .append(set)
            .append('\n');
      }
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(url.resolve("api/profiles"))
                  .header("Authorization", AUTHORIZATION)
                  .header("Content-Type", "text/csv")
                  .POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("import: " + answer.body());
      }
    }
  }

  private String genericBatched() {
    return """
        {"nickname": "bench batched %s", "type": "GENERIC_HTTP", "fromName": "Acme", "fromAddress": "news@acme.example",
         "settings": {"endpoint": "%s",
           "parameters": {"subject": "$$Subject", "from": "$$FromName <$$FromAddress>",
                          "msgs": {"to": "$$To", "html": "$$HTML", "meta": "$$Meta", "name": "{{profile.name}}"}},
           "batch": {"parameter": "msgs", "instances": 1000}}}"""
        .formatted(UUID.randomUUID(), sinkUrl("/batch"));
  }

  private String netcore() {
    return """
        {"nickname": "bench netcore %s", "type": "NETCORE", "fromAddress": "news@acme.example",
         "settings": {"endpoint": "%s", "apiKey": "bench-key-0001"}}"""
        .formatted(UUID.randomUUID(), sinkUrl("/v6/mail/send"));
  }

  private long provider(String json) throws Exception {
    HttpResponse<String> created = post("api/providers", json);
    if (created.statusCode() != 201) {
      throw new IllegalStateException(created.body());
    }
    return json(created.body()).asJsonObject().getJsonNumber("id").longValue();
  }

  private long launch(long provider, String set) throws Exception {
    return launch(provider, set, "<p>Hello {{profile.name}}, this is the spring sale.</p>");
  }

  private long launch(long provider, String set, String html) throws Exception {
    HttpResponse<String> created =
        post(
            "api/campaigns",
            Json.createObjectBuilder()
                .add("name", "bench")
                .add("providerId", provider)
                .add("subject", "Spring sale")
                .add("html", html)
                .add(
                    "audience",
                    Json.createObjectBuilder()
                        .add("type", "PROPERTY")
                        .add("property", "set")
                        .add("value", set))
                .build()
                .toString());
    long id = json(created.body()).asJsonObject().getJsonNumber("id").longValue();
    HttpResponse<String> launched = post("api/campaigns/" + id + "/launch", "");
    if (launched.statusCode() != 202) {
      throw new IllegalStateException(launched.body());
    }
    return id;
  }

  /**
   * Recipients sent per second from the launch until the last one was final, by the server's own
   * clock (the campaign's launch and finish times), so that how often the benchmark looks does not
   * matter.
   */
  private static double sendRate(JsonObject campaign) {
    Duration took =
        Duration.between(
            Instant.parse(campaign.getString("launchedAt")),
            Instant.parse(campaign.getString("finishedAt")));
    return campaign.getJsonObject("counts").getInt("sent") / (took.toNanos() / 1e9);
  }

  private JsonObject awaitEnd(long campaign) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
    while (Instant.now().isBefore(deadline)) {
      JsonObject c = json(get("api/campaigns/" + campaign)).asJsonObject();
      if (!c.getString("status").equals("SENDING")) {
        return c;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("campaign " + campaign + " did not finish");
  }

  private String get(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(url.resolve(path))
                .header("Authorization", AUTHORIZATION)
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(url.resolve(path))
            .header("Authorization", AUTHORIZATION)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static jakarta.json.JsonValue json(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }

  private static double rate(long count, long startNanos) {
    return count / ((System.nanoTime() - startNanos) / 1e9);
  }

  // ---- the server
  private void startServer() throws Exception {
    server = new OwnServer("bench", 200);
    url = server.url();
    Map<String, String> environment = new HashMap<>();
    if (Boolean.getBoolean("bench.jfr")) {
      // bin/standalone.conf's heap, plus a profiling recording, dumped after the memory scenario
      environment.put(
          "JBOSS_JAVA_SIZING",
          "-Xms128m -Xmx1g -XX:FlightRecorderOptions:stackdepth=256"
              + " -XX:StartFlightRecording=name=bench,settings=profile");
    }
    server.start(environment, serverProperties());
  }

  /**
   * Two nodes on the database of MAILHUB_DB_*, clustered as README's "Several nodes" says, each
   * with its own base directory; returns once their Artemis cluster bridge is up (AMQ221027).
   */
  private void startCluster() throws Exception {
    byte[] key = new byte[36];
    new java.security.SecureRandom().nextBytes(key);
    Map<String, String> environment = new HashMap<>();
    // JGroups' TCP port 7600 plus each node's port offset
    environment.put("MAILHUB_CLUSTER_HOSTS", "127.0.0.1[8400],127.0.0.1[8500]");
    environment.put("MAILHUB_CLUSTER_PASSWORD", UUID.randomUUID().toString());
    environment.put("MAILHUB_SECRET_KEY", java.util.Base64.getEncoder().encodeToString(key));
    server = new OwnServer("bench-a", 800).configuration("standalone-full-ha.xml");
    other = new OwnServer("bench-b", 900).configuration("standalone-full-ha.xml");
    url = server.url();
    server.start(environment, serverProperties());
    other.start(environment, serverProperties());
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (!(server.output().contains("AMQ221027") && other.output().contains("AMQ221027"))) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "the nodes did not form a cluster; see " + server.file("server-start-1.log"));
      }
      Thread.sleep(250);
    }
  }

  private static String[] serverProperties() {
    // 0 measures one connection per email, as before 0.2
    String smtpPoolSize = System.getProperty("bench.smtp-pool-size", "");
    return new String[] {
      "-Dmailhub.admin.user=" + ADMIN,
      "-Dmailhub.admin.password=" + ADMIN_PASSWORD,
      "-Dmailhub.gateway.allow-private-networks=true", // the sink is on loopback
      "-Dmailhub.smtp.pool-size=" + (smtpPoolSize.matches("[0-9]+") ? smtpPoolSize : "16")
    };
  }

  /** The server's 25 biggest classes on the heap, printed (profiling runs). */
  private void histogram(String when) throws Exception {
    String histogram = exec("jcmd", String.valueOf(serverPid()), "GC.class_histogram");
    System.out.println("Heap histogram, " + when + ":");
    System.out.println(histogram.lines().limit(28).reduce("", (a, b) -> a + b + "\n"));
  }

  private long serverPid() {
    return server.pid();
  }

  /** Resident memory and heap used after a full GC, in bytes. */
  private static long[] memory(long pid) throws Exception {
    exec("jcmd", String.valueOf(pid), "GC.run");
    String heap = exec("jcmd", String.valueOf(pid), "GC.heap_info");
    long used = 0;
    var m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(heap);
    if (m.find()) {
      used = Long.parseLong(m.group(1)) * 1024;
    }
    String status = Files.readString(Path.of("/proc/" + pid + "/status"));
    var rss = java.util.regex.Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
    return new long[] {rss.find() ? Long.parseLong(rss.group(1)) * 1024 : 0, used};
  }

  private static String exec(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  private void stopServer() throws Exception {
    for (OwnServer node : new OwnServer[] {server, other}) {
      if (node != null) {
        node.stop();
      }
    }
  }
}
