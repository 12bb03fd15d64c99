package org.mailhub.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows inserted, updated and deleted so far in each of a PostgreSQL database's user tables,
 * from its cumulative statistics ({@code pg_stat_user_tables}), read through a connection of the
 * benchmark's own.
 */
final class TableWrites implements AutoCloseable {

  /** One table's counters. */
  record Counts(long inserted, long updated, long deleted) {

    static final Counts NONE = new Counts(0, 0, 0);

    long total() {
      return inserted + updated + deleted;
    }

    Counts minus(Counts before) {
      return new Counts(
          inserted - before.inserted, updated - before.updated, deleted - before.deleted);
    }
  }

  private static final Duration POLL = Duration.ofSeconds(2);

  /*
   * Each backend flushes its counters at most once a second; one that goes idle within a second of
   * its last flush keeps them for up to 10 s (PGSTAT_IDLE_INTERVAL in PostgreSQL 15's pgstat.c). Two
   * reads 2 s apart can therefore agree while a pooled connection still holds the campaign's last
   * writes: the counters must stay put for longer than that.
   */
  private static final Duration QUIET = Duration.ofSeconds(12);

  private static final Duration LIMIT = Duration.ofSeconds(60);

  private final Connection connection;

  TableWrites(String url, String user, String password) throws SQLException {
    connection = DriverManager.getConnection(url, user, password);
  }

  /** What was written between two reads, per table; every table, written to or not. */
  static Map<String, Counts> between(Map<String, Counts> before, Map<String, Counts> after) {
    Map<String, Counts> written = new TreeMap<>();
    after.forEach(
        (table, counts) ->
            written.put(table, counts.minus(before.getOrDefault(table, Counts.NONE))));
    return written;
  }

  /**
   * The counters once every backend has flushed its own: read every 2 s until they have not moved
   * for 12 s, for at most 60 s.
   */
  Map<String, Counts> settled() throws SQLException, InterruptedException {
    Instant deadline = Instant.now().plus(LIMIT);
    Map<String, Counts> last = read();
    Instant unchangedSince = Instant.now();
    while (Duration.between(unchangedSince, Instant.now()).compareTo(QUIET) < 0) {
      if (Instant.now().isAfter(deadline)) {
        System.out.println(
            "pg_stat_user_tables still moving after "
                + LIMIT.toSeconds()
                + " s: the writes per recipient are not exact");
        return last;
      }
      Thread.sleep(POLL.toMillis());
      Map<String, Counts> now = read();
      if (!now.equals(last)) {
        last = now;
        unchangedSince = Instant.now();
      }
    }
    return last;
  }

  private Map<String, Counts> read() throws SQLException {
    Map<String, Counts> counts = new TreeMap<>();
    try (Statement s = connection.createStatement()) {
      // the statistics a session has read stay cached until this (stats_fetch_consistency = cache)
      s.execute("select pg_stat_clear_snapshot()");
      try (ResultSet r =
          s.executeQuery(
              "select schemaname, relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables")) {
        while (r.next()) {
          counts.put(
              r.getString(1) + "." + r.getString(2),
              new Counts(r.getLong(3), r.getLong(4), r.getLong(5)));
        }
      }
    }
    return counts;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
