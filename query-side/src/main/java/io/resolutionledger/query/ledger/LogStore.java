package io.resolutionledger.query.ledger;

import io.resolutionledger.api.proof.CompactRange;
import io.resolutionledger.api.proof.Merkle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The log's tables in the read schema (db/read/V150__verifiable_log.sql): which event is at which index, the hashes
 * of every perfect subtree, the signed checkpoints. Only {@link LogAppender} and {@link Checkpoints} write here.
 */
@Component
public class LogStore {

    /** Serialises the appenders of all query-side instances: one log, one writer at a time. */
    private static final long APPEND_LOCK = 0x4c45444745524c4fL; // "LEDGERLO"

    private final JdbcTemplate jdbc;

    public LogStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The log's size and the global index of its last leaf (-1 when empty). */
    public record Head(long size, long lastGlobalIndex) {
    }

    /** One leaf's place: its index in the log and the event it is. */
    public record Place(long logIndex, long globalIndex, String eventIdentifier, String aggregateIdentifier,
                        String aggregateType) {
    }

    /** A leaf to append, with the subtrees its append completed. */
    public record Appended(Place place, List<CompactRange.Completed> completed) {
    }

    /** A signed checkpoint as kept. */
    public record StoredCheckpoint(long size, String keyId, byte[] rootHash, String note) {
    }

    /** Within the caller's transaction: whether this instance may append now (a transaction-scoped advisory lock). */
    boolean tryAppendLock() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class,
                APPEND_LOCK));
    }

    public Head head() {
        return jdbc.query("SELECT log_index, global_index FROM ledger_read.log_leaf ORDER BY log_index DESC LIMIT 1",
                rs -> rs.next() ? new Head(rs.getLong(1) + 1, rs.getLong(2)) : new Head(0, -1));
    }

    public long size() {
        return head().size();
    }

    /** The compact range of the first {@code size} leaves, from the stored subtrees on its edge. */
    public CompactRange range(long size) {
        List<Merkle.Node> edge = CompactRange.edge(size);
        Map<Merkle.Node, byte[]> hashes = nodes(edge);
        return new CompactRange(size, edge.stream().map(n -> require(hashes, n)).toList());
    }

    public byte[] root(long size) {
        return range(size).root();
    }

    void append(List<Appended> leaves) {
        jdbc.batchUpdate("INSERT INTO ledger_read.log_leaf (log_index, global_index, event_identifier, "
                        + "aggregate_identifier, aggregate_type) VALUES (?, ?, ?, ?, ?)", leaves, leaves.size(),
                (ps, a) -> {
                    ps.setLong(1, a.place().logIndex());
                    ps.setLong(2, a.place().globalIndex());
                    ps.setString(3, a.place().eventIdentifier());
                    ps.setString(4, a.place().aggregateIdentifier());
                    ps.setString(5, a.place().aggregateType());
                });
        List<CompactRange.Completed> nodes = leaves.stream().flatMap(a -> a.completed().stream()).toList();
        jdbc.batchUpdate("INSERT INTO ledger_read.log_node (level, node_index, hash) VALUES (?, ?, ?)", nodes,
                1000, (ps, c) -> {
                    ps.setShort(1, (short) c.node().level());
                    ps.setLong(2, c.node().index());
                    ps.setBytes(3, c.hash());
                });
    }

    /** The stored hashes of these subtrees (one query). */
    public Map<Merkle.Node, byte[]> nodes(Collection<Merkle.Node> wanted) {
        Map<Merkle.Node, byte[]> found = new HashMap<>();
        List<Merkle.Node> list = new ArrayList<>(new LinkedHashSet<>(wanted));
        for (int from = 0; from < list.size(); from += 500) {
            List<Merkle.Node> part = list.subList(from, Math.min(list.size(), from + 500));
            StringBuilder sql = new StringBuilder("SELECT level, node_index, hash FROM ledger_read.log_node "
                    + "WHERE (level, node_index) IN (");
            Object[] args = new Object[part.size() * 2];
            for (int i = 0; i < part.size(); i++) {
                sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
                args[2 * i] = (short) part.get(i).level();
                args[2 * i + 1] = part.get(i).index();
            }
            jdbc.query(sql.append(')').toString(), rs -> {
                found.put(new Merkle.Node(rs.getShort(1), rs.getLong(2)), rs.getBytes(3));
            }, args);
        }
        return found;
    }

    /** A function over stored subtrees for {@link Merkle}'s proofs, all fetched up front in one query. */
    public java.util.function.Function<Merkle.Node, byte[]> nodesFor(Collection<Merkle.Range> ranges) {
        List<Merkle.Node> wanted = ranges.stream().flatMap(r -> Merkle.perfectNodes(r).stream()).toList();
        Map<Merkle.Node, byte[]> hashes = nodes(wanted);
        return node -> require(hashes, node);
    }

    public List<byte[]> inclusionProof(long index, long size) {
        List<Merkle.Range> ranges = Merkle.inclusionRanges(index, size);
        return Merkle.inclusionProof(index, size, nodesFor(ranges));
    }

    public List<byte[]> consistencyProof(long from, long to) {
        List<Merkle.Range> ranges = Merkle.consistencyRanges(from, to);
        return Merkle.consistencyProof(from, to, nodesFor(ranges));
    }

    public Optional<Place> place(long logIndex) {
        return jdbc.query("SELECT log_index, global_index, event_identifier, aggregate_identifier, aggregate_type "
                + "FROM ledger_read.log_leaf WHERE log_index = ?", rs -> rs.next() ? Optional.of(place(rs))
                : Optional.empty(), logIndex);
    }

    /** The places of the leaves [from, to), by log index (a missing row is simply absent). */
    public Map<Long, Place> places(long from, long to) {
        Map<Long, Place> places = new HashMap<>();
        jdbc.query("SELECT log_index, global_index, event_identifier, aggregate_identifier, aggregate_type "
                + "FROM ledger_read.log_leaf WHERE log_index >= ? AND log_index < ?", rs -> {
            Place p = place(rs);
            places.put(p.logIndex(), p);
        }, from, to);
        return places;
    }

    /** The places of an aggregate's events that are leaves, by event identifier. */
    public Map<String, Place> placesOf(String aggregateIdentifier) {
        Map<String, Place> places = new HashMap<>();
        jdbc.query("SELECT log_index, global_index, event_identifier, aggregate_identifier, aggregate_type "
                        + "FROM ledger_read.log_leaf WHERE aggregate_identifier = ?",
                rs -> {
                    Place p = place(rs);
                    places.put(p.eventIdentifier(), p);
                }, aggregateIdentifier);
        return places;
    }

    private static Place place(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Place(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }

    void saveCheckpoint(long size, String keyId, byte[] root, String note) {
        jdbc.update("INSERT INTO ledger_read.log_checkpoint (tree_size, key_id, root_hash, note) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (tree_size, key_id) DO NOTHING", size, keyId, root, note);
    }

    public Optional<StoredCheckpoint> latestCheckpoint(String keyId) {
        return jdbc.query("SELECT tree_size, key_id, root_hash, note FROM ledger_read.log_checkpoint WHERE key_id = ? "
                + "ORDER BY tree_size DESC LIMIT 1", rs -> rs.next() ? Optional.of(checkpoint(rs))
                : Optional.empty(), keyId);
    }

    public Optional<StoredCheckpoint> checkpoint(long size, String keyId) {
        return jdbc.query("SELECT tree_size, key_id, root_hash, note FROM ledger_read.log_checkpoint "
                + "WHERE tree_size = ? AND key_id = ?", rs -> rs.next() ? Optional.of(checkpoint(rs))
                : Optional.empty(), size, keyId);
    }

    /** Every checkpoint signed with that key, smallest tree first. */
    public List<StoredCheckpoint> checkpoints(String keyId) {
        return jdbc.query("SELECT tree_size, key_id, root_hash, note FROM ledger_read.log_checkpoint WHERE key_id = ? "
                + "ORDER BY tree_size", (rs, n) -> checkpoint(rs), keyId);
    }

    private static StoredCheckpoint checkpoint(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredCheckpoint(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getString(4));
    }

    /** The ids that bound the transactions running now: {@code xmin} the oldest still running, {@code xmax} the next. */
    public record Snapshot(long xmin, long xmax) {
    }

    /**
     * PostgreSQL's current snapshot (no privilege needed), or null where it cannot be read (the appender then waits
     * for a missing index for the whole gap grace).
     */
    public Snapshot snapshot() {
        try {
            return jdbc.queryForObject("SELECT pg_snapshot_xmin(s)::text::bigint, pg_snapshot_xmax(s)::text::bigint"
                    + " FROM pg_current_snapshot() s", (rs, n) -> new Snapshot(rs.getLong(1), rs.getLong(2)));
        } catch (org.springframework.dao.DataAccessException e) {
            return null;
        }
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    private static byte[] require(Map<Merkle.Node, byte[]> hashes, Merkle.Node node) {
        byte[] hash = hashes.get(node);
        if (hash == null) {
            throw new IllegalStateException("the log's subtree " + node + " is missing from log_node");
        }
        return hash;
    }
}
