package io.resolutionledger.bench;

import io.resolutionledger.testkit.Jdbc;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the benchmark does with JDBC, on the testkit's {@link Jdbc} (a connection per call, as the superuser): the
 * baseline, the event generator, the projection reset and progress.
 */
final class Db extends Jdbc {

    Db(String url) {
        super(url, "postgres", "postgres");
    }

    String text(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * The position of a processor's segment that is furthest behind (0 without tokens): a gap-aware token
     * {"index": N, ...}, or a replay token whose currentToken is one.
     */
    static long furthestBehind(Connection c, String processor) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT COALESCE(min(COALESCE("
                + "(t -> 'currentToken' ->> 'index')::bigint, (t ->> 'index')::bigint)), 0) FROM (SELECT "
                + "convert_from(token, 'UTF8')::jsonb AS t FROM ledger_read.token_entry WHERE processor_name = ? "
                + "AND token IS NOT NULL) x")) {
            st.setString(1, processor);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    Map<String, Object> settings() throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String s : List.of("server_version", "synchronous_commit", "fsync", "full_page_writes", "wal_sync_method",
                    "shared_buffers", "wal_buffers", "commit_delay", "max_connections", "effective_io_concurrency")) {
                try (ResultSet rs = st.executeQuery("SHOW " + s)) {
                    rs.next();
                    m.put(s, rs.getString(1));
                }
            }
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // baseline

    void createBaselineTable() throws SQLException {
        exec("CREATE SCHEMA IF NOT EXISTS bench",
                "DROP TABLE IF EXISTS bench.insert_baseline",
                // shaped like an event row: a bigserial key, a unique identifier, ~300 bytes of payload
                "CREATE TABLE bench.insert_baseline (id BIGSERIAL PRIMARY KEY, k VARCHAR(64) NOT NULL UNIQUE, payload BYTEA NOT NULL)");
    }

    /** Durable single-row inserts, each its own transaction (autocommit), by {@code threads} connections. */
    Map<String, Object> insertRate(int threads, double seconds) throws Exception {
        AtomicLong rows = new AtomicLong();
        Histogram h = new ConcurrentHistogram(60_000_000L, 3);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> ts = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                byte[] payload = new byte[300];
                try (Connection c = connect();
                     PreparedStatement ps = c.prepareStatement("INSERT INTO bench.insert_baseline (k, payload) VALUES (?, ?)")) {
                    c.setAutoCommit(true);
                    while (System.nanoTime() < end) {
                        ThreadLocalRandom.current().nextBytes(payload);
                        ps.setString(1, UUID.randomUUID().toString());
                        ps.setBytes(2, payload);
                        long t0 = System.nanoTime();
                        ps.executeUpdate();
                        h.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                        rows.incrementAndGet();
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            t.start();
            ts.add(t);
        }
        for (Thread t : ts) t.join();
        if (!failures.isEmpty()) throw failures.get(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connections", threads);
        m.put("rows", rows.get());
        m.put("rowsPerSecond", Load.round(rows.get() / seconds));
        m.putAll(Load.percentiles(h));
        return m;
    }

    /** Reads the whole event table in pages of {@code page} rows by global index, as a processor does. */
    Map<String, Object> readRate(int page) throws SQLException {
        long rows = 0;
        long bytes = 0;
        long t0 = System.nanoTime();
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, "
                     + "time_stamp, payload_type, payload_revision, payload, meta_data FROM ledger_write.domain_event_entry "
                     + "WHERE global_index > ? ORDER BY global_index LIMIT " + page)) {
            long after = -1;
            while (true) {
                ps.setLong(1, after);
                int n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        after = rs.getLong(1);
                        bytes += rs.getBytes(9).length;
                        byte[] meta = rs.getBytes(10);
                        bytes += meta == null ? 0 : meta.length;
                        n++;
                    }
                }
                rows += n;
                if (n < page) break;
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("page", page);
        m.put("rows", rows);
        m.put("seconds", Load.round(s));
        m.put("rowsPerSecond", Math.round(rows / s));
        m.put("payloadMBPerSecond", Load.round(bytes / s / 1e6));
        return m;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // event generator

    static final String UUID_OF = "(substr(m, 1, 8) || '-' || substr(m, 9, 4) || '-4' || substr(m, 14, 3) || '-a' "
            + "|| substr(m, 18, 3) || '-' || substr(m, 21, 12))";

    /**
     * Appends {@code copies} copies of a finished resolution's events (its whole life: proposal to adoption), each with
     * a new resolution id and new event identifiers; copies are interleaved in blocks of 100, so a batch of a
     * processor touches many resolutions, as live traffic does. Valid events in every respect the projections check:
     * same payload types and revisions, consecutive sequence numbers per aggregate.
     */
    void copyResolution(String template, long firstCopy, long copies, String runId) throws SQLException {
        long chunk = 2000;
        for (long from = firstCopy; from < firstCopy + copies; from += chunk) {
            long to = Math.min(firstCopy + copies, from + chunk) - 1;
            try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO ledger_write.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload_revision, payload, meta_data)
                    SELECT gen_random_uuid()::text, n.id, e.sequence_number, e.type, e.time_stamp, e.payload_type,
                           e.payload_revision, convert_to(replace(convert_from(e.payload, 'UTF8'), ?, n.id), 'UTF8'), e.meta_data
                    FROM (SELECT i, %s AS id FROM (SELECT i, md5(? || i) AS m FROM generate_series(?::bigint, ?::bigint) g(i)) x) n
                    CROSS JOIN ledger_write.domain_event_entry e
                    WHERE e.aggregate_identifier = ?
                    ORDER BY n.i / 100, e.sequence_number, n.i
                    """.formatted(UUID_OF))) {
                ps.setString(1, template);
                ps.setString(2, runId + "/copy/");
                ps.setLong(3, from);
                ps.setLong(4, to);
                ps.setString(5, template);
                ps.executeUpdate();
            }
        }
    }

    /**
     * A resolution with a long history: the template's proposal, then {@code amendments} amendments by its sponsor
     * (versions 2, 3, ...), as if the sponsor had amended it that many times. Returns its id.
     */
    String longResolution(String template, int amendments, String name) throws SQLException {
        String id;
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT " + UUID_OF + " FROM (SELECT md5(?) AS m) x")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getString(1);
            }
        }
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO ledger_write.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                SELECT gen_random_uuid()::text, ?, s, p.type, p.time_stamp,
                       CASE WHEN s = 0 THEN p.payload_type ELSE a.payload_type END, p.payload_revision,
                       CASE WHEN s = 0 THEN convert_to(replace(convert_from(p.payload, 'UTF8'), ?, ?), 'UTF8')
                            ELSE convert_to(regexp_replace(replace(convert_from(a.payload, 'UTF8'), ?, ?),
                                 '"version":[0-9]+', '"version":' || (s + 1)), 'UTF8') END,
                       p.meta_data
                FROM generate_series(0, ?) s,
                     (SELECT * FROM ledger_write.domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0) p,
                     (SELECT * FROM ledger_write.domain_event_entry WHERE aggregate_identifier = ?
                        AND payload_type LIKE '%.ResolutionAmended' ORDER BY sequence_number LIMIT 1) a
                ORDER BY s
                """)) {
            ps.setString(1, id);
            ps.setString(2, template);
            ps.setString(3, id);
            ps.setString(4, template);
            ps.setString(5, id);
            ps.setInt(6, amendments);
            ps.setString(7, template);
            ps.setString(8, template);
            ps.executeUpdate();
        }
        return id;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // projections: reset and progress

    /** Per projection, its tables (from query-side db/read/V1__read_model.sql). */
    static final Map<String, List<String>> PROJECTION_TABLES = new LinkedHashMap<>();

    static {
        PROJECTION_TABLES.put("resolutions", List.of("resolution", "resolution_version", "tabled_amendment", "resolution_vote"));
        PROJECTION_TABLES.put("sessions", List.of("session", "session_agenda_item"));
        PROJECTION_TABLES.put("chair", List.of("conference", "chair_handover"));
        PROJECTION_TABLES.put("audit", List.of("audit_event"));
        PROJECTION_TABLES.put("stats", List.of("stats_resolution"));
    }

    static final List<String> WITH_LAST_SEQUENCE = List.of("resolution", "session", "session_agenda_item", "stats_resolution");
    static final List<String> BY_RESOLUTION = List.of("resolution", "resolution_version", "tabled_amendment", "resolution_vote",
            "session_agenda_item", "stats_resolution");

    /** Row count and (where the table has one) the sum of last_sequence of each projection table. */
    Map<String, long[]> fingerprint(String onlyResolution) throws SQLException {
        Map<String, long[]> m = new LinkedHashMap<>();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (List<String> tables : PROJECTION_TABLES.values()) {
                for (String t : tables) {
                    String where = "";
                    if (onlyResolution != null) {
                        if (t.equals("audit_event")) where = " WHERE aggregate_id = '" + onlyResolution + "'";
                        else if (BY_RESOLUTION.contains(t)) where = " WHERE resolution_id = '" + onlyResolution + "'";
                        else where = " WHERE false";
                    }
                    String sum = WITH_LAST_SEQUENCE.contains(t) ? "COALESCE(SUM(last_sequence), 0)" : "0";
                    try (ResultSet rs = st.executeQuery("SELECT count(*), " + sum + " FROM ledger_read." + t + where)) {
                        rs.next();
                        m.put(t, new long[]{rs.getLong(1), rs.getLong(2)});
                    }
                }
            }
        }
        return m;
    }

    /** Every table of the read schema that a projection writes (all but Flyway's history, tokens and dead letters). */
    List<String> readTables() throws SQLException {
        List<String> ts = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'ledger_read' "
                     + "AND table_type = 'BASE TABLE' AND table_name NOT IN ('token_entry', 'dead_letter_entry') "
                     + "AND table_name NOT LIKE 'flyway%' ORDER BY table_name")) {
            while (rs.next()) ts.add(rs.getString(1));
        }
        return ts;
    }

    Map<String, Long> counts(List<String> tables) throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM ledger_read." + t)) {
                    rs.next();
                    m.put(t, rs.getLong(1));
                }
            }
        }
        return m;
    }

    /** Empties the read model: every projection table and every token (the processors start again from the first event). */
    void resetProjections(List<String> tables) throws SQLException {
        List<String> all = new ArrayList<>();
        tables.forEach(t -> all.add("ledger_read." + t));
        exec("DELETE FROM ledger_read.token_entry", "DELETE FROM ledger_read.dead_letter_entry",
                "TRUNCATE " + String.join(", ", all));
    }

    long auditHead() throws SQLException {
        return scalar("SELECT COALESCE(MAX(global_index), 0) FROM ledger_read.audit_event");
    }

    long eventHead() throws SQLException {
        return scalar("SELECT COALESCE(MAX(global_index), 0) FROM ledger_write.domain_event_entry");
    }
}
