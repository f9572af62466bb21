package io.resolutionledger.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.testkit.Jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Direct reads of the event store and the read model, on the testkit's {@link Jdbc} (a connection per call, as the
 * superuser): the suite's ground truth, independent of both services.
 */
final class Db extends Jdbc {

    /** Tables of ledger_read that are not derived from the event store (or not comparable across runs). */
    static final Set<String> NOT_PROJECTIONS = Set.of("token_entry", "dead_letter_entry", "audit_access_log",
            "flyway_history_read", "query_instance", "log_leaf", "log_node", "log_checkpoint");

    record Event(long globalIndex, String eventId, String aggregate, long seq, String type, String payloadType,
                 String revision, JsonNode payload, JsonNode meta) {
        String simpleType() {
            return payloadType.substring(payloadType.lastIndexOf('.') + 1);
        }

        String key() {
            return meta.path("idempotencyKey").asText(null);
        }

        String correlationId() {
            return meta.path("correlationId").asText(null);
        }
    }

    Db(String url) {
        super(url, "postgres", "postgres");
    }

    List<Event> events() throws Exception {
        List<Event> out = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT global_index, event_identifier, aggregate_identifier, sequence_number,"
                     + " type, payload_type, payload_revision, payload, meta_data FROM ledger_write.domain_event_entry ORDER BY global_index")) {
            while (rs.next()) {
                byte[] meta = rs.getBytes(9);
                out.add(new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), Api.JSON.readTree(new String(rs.getBytes(8), StandardCharsets.UTF_8)),
                        meta == null ? Api.JSON.createObjectNode() : Api.JSON.readTree(new String(meta, StandardCharsets.UTF_8))));
            }
        }
        return out;
    }

    long eventCount() throws SQLException {
        return scalar("SELECT count(*) FROM ledger_write.domain_event_entry");
    }

    long head() throws SQLException {
        return scalar("SELECT coalesce(max(global_index), 0) FROM ledger_write.domain_event_entry");
    }

    record Token(String processor, int segment, long index, Set<Long> gaps, String owner) {
    }

    List<Token> tokens() throws Exception {
        List<Token> out = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement();
             // the read models' idle generation (migration V420) has a processor that is shut down: not one that serves
             ResultSet rs = st.executeQuery("SELECT processor_name, segment, token, owner FROM ledger_read.token_entry"
                     + " WHERE processor_name NOT LIKE 'read-models-_' OR processor_name = 'read-models-' || coalesce("
                     + "(SELECT active FROM ledger_read.rebuild_generation WHERE group_name = 'read-models'), 'a')"
                     + " ORDER BY 1, 2")) {
            while (rs.next()) {
                byte[] t = rs.getBytes(3);
                long index = -1;
                Set<Long> gaps = new HashSet<>();
                if (t != null) {
                    // a GapAwareTrackingToken {"index", "gaps"}, or a ReplayToken around one: its position is the
                    // currentToken (null: nothing replayed yet), not the tokenAtReset
                    JsonNode node = Api.JSON.readTree(new String(t, StandardCharsets.UTF_8));
                    while (node != null && node.has("currentToken")) {
                        node = node.get("currentToken");
                    }
                    if (node != null && !node.isNull()) {
                        index = node.path("index").asLong(-1);
                        node.path("gaps").forEach(g -> gaps.add(g.asLong()));
                    }
                }
                out.add(new Token(rs.getString(1), rs.getInt(2), index, gaps, rs.getString(4)));
            }
        }
        return out;
    }

    /**
     * Caught up, by the processors' own tokens: every processor's every segment is at or past the store's head, and
     * no committed event is still among a token's gaps (ids that were taken but not yet seen committed).
     */
    boolean caughtUp() {
        try {
            long head = head();
            List<Token> tokens = tokens();
            // the query side's processors: read-models (resolutions, sessions, chair, stats) and audit; the verifiable
            // log keeps its own position in its tables (checked by the scenarios that need it), not a token
            if (tokens.isEmpty() || tokens.stream().map(Token::processor).distinct().count() < 2) {
                return false;
            }
            if (!tokens.stream().allMatch(t -> t.index() >= head)) {
                return false;
            }
            Set<Long> gaps = new HashSet<>();
            tokens.forEach(t -> gaps.addAll(t.gaps()));
            if (gaps.isEmpty()) {
                return true;
            }
            try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT count(*) FROM ledger_write.domain_event_entry WHERE global_index IN ("
                            + String.join(",", gaps.stream().map(String::valueOf).toList()) + ")")) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        } catch (Exception e) {
            return false;
        }
    }

    /** Events of the store without their row in the audit projection (global indexes, at most 50). */
    List<Long> missingFromAudit() throws SQLException {
        return longs("SELECT e.global_index FROM ledger_write.domain_event_entry e LEFT JOIN ledger_read.audit_event a"
                + " ON a.global_index = e.global_index WHERE a.global_index IS NULL ORDER BY 1 LIMIT 50");
    }

    /** Audit rows whose global index holds another event in the store (global indexes, at most 50). */
    List<Long> misplacedInAudit() throws SQLException {
        return longs("SELECT a.global_index FROM ledger_read.audit_event a JOIN ledger_write.domain_event_entry e"
                + " ON e.global_index = a.global_index WHERE e.event_identifier <> a.event_id ORDER BY 1 LIMIT 50");
    }

    /** md5 and row count of every projection table (rows ordered by their text form: independent of insert order). */
    Map<String, String> checksums(Set<Long> auditIndexesLeftOut) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        String leftOut = auditIndexesLeftOut.isEmpty() ? ""
                : " WHERE global_index NOT IN (" + String.join(",", auditIndexesLeftOut.stream().map(String::valueOf).toList()) + ")";
        try (Connection c = connect()) {
            List<String> tables = projectionTables(c);
            for (String t : tables) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT count(*), md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) FROM ledger_read." + t + " x"
                                + (t.equals("audit_event") ? leftOut : ""))) {
                    rs.next();
                    out.put(t, rs.getLong(1) + " rows, md5 " + rs.getString(2));
                }
            }
        }
        return out;
    }

    static List<String> projectionTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'ledger_read'"
                        + " AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (rs.next()) {
                String t = rs.getString(1);
                if (!NOT_PROJECTIONS.contains(t) && !t.contains("flyway") && !t.contains("rebuild") && !t.contains("access")) {
                    tables.add(t);
                }
            }
        }
        return tables;
    }

    /** With the query side stopped: forget every token and every projected row, so the next start replays everything. */
    void resetReadModel() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            List<String> tables = projectionTables(c);
            st.execute("DELETE FROM ledger_read.token_entry");
            st.execute("TRUNCATE " + String.join(", ", tables.stream().map(t -> "ledger_read." + t).toList()));
        }
    }

    long deadLetters() throws SQLException {
        return scalar("SELECT count(*) FROM ledger_read.dead_letter_entry");
    }

    /** Text of a value type: the services write ids and codes as plain strings (@JsonValue). */
    static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        if (n.isValueNode()) return n.asText();
        if (n.has("value")) return n.get("value").asText();
        if (n.has("code")) return n.get("code").asText();
        return n.toString();
    }

    static Map<String, List<Event>> byAggregate(List<Event> events) {
        Map<String, List<Event>> m = new HashMap<>();
        for (Event e : events) {
            m.computeIfAbsent(e.aggregate(), k -> new ArrayList<>()).add(e);
        }
        for (List<Event> l : m.values()) {
            l.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        }
        return m;
    }

    static Set<String> keysIn(List<Event> events) {
        Set<String> s = new HashSet<>();
        for (Event e : events) {
            if (e.key() != null) s.add(e.key());
        }
        return s;
    }
}
