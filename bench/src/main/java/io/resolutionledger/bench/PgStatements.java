package io.resolutionledger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where PostgreSQL's time goes during a measured window ({@code --pg-statements}): the statements that took the most
 * execution time ({@code pg_stat_statements}, loaded by the benchmark's PostgreSQL and reset at the window's start),
 * and PostgreSQL's CPU by kind of process (client backends, autovacuum, WAL writer, checkpointer …), from
 * {@code pg_stat_activity}'s pids and {@code /proc}. Processes that ended inside the window (autovacuum workers do)
 * count as "ended": the kernel adds their time to the postmaster's children's time once they are reaped.
 */
final class PgStatements {

    static final String PRELOAD = "-Dledger.postgres.preload=pg_stat_statements";

    private final Db db;
    private Map<String, Double> cpuAtStart = Map.of();

    PgStatements(Db db) {
        this.db = db;
    }

    void install() throws SQLException {
        db.exec("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    }

    /** Starts a window: forgets the statements so far and samples the CPU of each kind of process. */
    void start(Long postmaster) throws SQLException {
        db.exec("SELECT pg_stat_statements_reset()");
        cpuAtStart = cpuByKind(postmaster);
    }

    /** The window's top statements by execution time and CPU by kind of process, per event where asked. */
    Map<String, Object> finish(Long postmaster, long events, int top) throws SQLException {
        Map<String, Double> cpu = cpuByKind(postmaster);
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> kinds = new LinkedHashMap<>();
        for (var e : cpu.entrySet()) {
            double ms = e.getValue() - cpuAtStart.getOrDefault(e.getKey(), 0.0);
            if (ms > 0) kinds.put(e.getKey(), Load.round(ms * 1000 / events));
        }
        m.put("cpuMicrosPerEventByKind", kinds);
        List<Map<String, Object>> statements = new ArrayList<>();
        double all = 0;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT sum(total_exec_time) FROM pg_stat_statements")) {
                if (rs.next()) all = rs.getDouble(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT calls, rows, total_exec_time, shared_blks_hit + shared_blks_read,"
                    + " wal_bytes, regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements"
                    + " ORDER BY total_exec_time DESC LIMIT " + top)) {
                while (rs.next()) {
                    Map<String, Object> s = new LinkedHashMap<>();
                    s.put("calls", rs.getLong(1));
                    s.put("rows", rs.getLong(2));
                    s.put("totalMs", Load.round(rs.getDouble(3)));
                    s.put("microsPerEvent", Load.round(rs.getDouble(3) * 1000 / events));
                    s.put("blocks", rs.getLong(4));
                    s.put("walBytesPerEvent", Math.round(rs.getDouble(5) / events));
                    String q = rs.getString(6);
                    s.put("query", shortened(q));
                    statements.add(s);
                }
            }
        }
        m.put("executionMicrosPerEvent", Load.round(all * 1000 / events));
        m.put("top", statements);
        return m;
    }

    /** CPU ms so far of PostgreSQL's processes by kind; a client backend's kind is its user and application. */
    private Map<String, Double> cpuByKind(Long postmaster) throws SQLException {
        Map<String, Double> m = new LinkedHashMap<>();
        if (postmaster == null) return m;
        Map<Long, String> kinds = new HashMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pid, backend_type, usename, application_name FROM pg_stat_activity")) {
            while (rs.next()) {
                String type = rs.getString(2);
                String kind = "client backend".equals(type)
                        ? "client " + rs.getString(3) + (rs.getString(4) == null || rs.getString(4).isBlank() ? "" : " (" + rs.getString(4) + ")")
                        : type;
                kinds.put(rs.getLong(1), kind);
            }
        }
        kinds.put(postmaster, "postmaster");
        for (var e : kinds.entrySet()) {
            long[] t = ticks(e.getKey());
            if (t == null) continue;
            m.merge(e.getValue(), t[0] * Cpu.TICK_MS, Double::sum);
            if (e.getKey().equals(postmaster)) m.merge("ended", t[1] * Cpu.TICK_MS, Double::sum);
        }
        return m;
    }

    /** utime + stime and cutime + cstime of a process in ticks, or null if it is gone. */
    private static long[] ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[]{Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14])};
        } catch (Exception gone) {
            return null;
        }
    }

    /**
     * A long statement's start and end: statements that read the same columns differ only in their WHERE clause (the
     * event table's column list alone is 160 characters).
     */
    static String shortened(String query) {
        return query.length() <= 240 ? query : query.substring(0, 100) + " … " + query.substring(query.length() - 140);
    }
}
