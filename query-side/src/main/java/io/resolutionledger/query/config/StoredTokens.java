package io.resolutionledger.query.config;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The processors' tokens as committed in the token store's table ({@link AxonConfig#TOKEN_SCHEMA}), read with plain
 * queries: what every instance sees, without claiming anything. Axon's {@code TokenStore.fetchToken} claims the segment
 * it reads (a {@code SELECT ... FOR UPDATE} and an {@code UPDATE} of owner and time), which a reader that only wants
 * to know a position (a rebuild's progress and switch, the audit log's previous index) must not do to a segment that
 * another processor holds.
 */
@Component
public class StoredTokens {

    private static final TokenSchema SCHEMA = AxonConfig.TOKEN_SCHEMA;
    private static final String COLUMNS = SCHEMA.processorNameColumn() + ", " + SCHEMA.segmentColumn() + ", "
            + SCHEMA.tokenColumn() + ", " + SCHEMA.tokenTypeColumn();
    private static final String OF_PROCESSOR = "SELECT " + COLUMNS + " FROM " + SCHEMA.tokenTable()
            + " WHERE " + SCHEMA.processorNameColumn() + " = ?";
    private static final String OF_SEGMENT = OF_PROCESSOR + " AND " + SCHEMA.segmentColumn() + " = ?";
    private static final String LOCK_BOTH = "SELECT " + COLUMNS + " FROM " + SCHEMA.tokenTable()
            + " WHERE " + SCHEMA.processorNameColumn() + " IN (?, ?) ORDER BY " + SCHEMA.processorNameColumn() + ", "
            + SCHEMA.segmentColumn() + " FOR UPDATE";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    /** @param serializer the token store's serializer (the general one, see {@link AxonConfig#tokenStore}) */
    public StoredTokens(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** Every segment's token of a processor, by segment; a segment without a token yet maps to null. */
    public Map<Integer, TrackingToken> of(String processor) {
        Map<Integer, TrackingToken> tokens = new TreeMap<>();
        jdbc.query(OF_PROCESSOR, rs -> {
            tokens.put(rs.getInt(2), token(rs));
        }, processor);
        return tokens;
    }

    /** One segment's token; empty if the segment has no row yet or its row holds no token. */
    public Optional<TrackingToken> of(String processor, int segment) {
        return jdbc.query(OF_SEGMENT, rs -> rs.next() ? Optional.ofNullable(token(rs)) : Optional.empty(),
                processor, segment);
    }

    /**
     * Both processors' tokens by processor and segment, their rows locked until the caller's transaction ends (which
     * it must hold: outside one the locks end with the statement). Locked in one order, so two callers cannot
     * deadlock; a processor's own token update waits for the lock, so what is read stays true until the commit.
     */
    public Map<String, Map<Integer, TrackingToken>> lock(String first, String second) {
        Map<String, Map<Integer, TrackingToken>> tokens = new TreeMap<>();
        tokens.put(first, new TreeMap<>());
        tokens.put(second, new TreeMap<>());
        jdbc.query(LOCK_BOTH, rs -> {
            tokens.get(rs.getString(1)).put(rs.getInt(2), token(rs));
        }, first, second);
        return tokens;
    }

    private TrackingToken token(ResultSet rs) throws SQLException {
        byte[] bytes = rs.getBytes(3);
        String type = rs.getString(4);
        if (bytes == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
    }
}
