package io.resolutionledger.query.config;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The row changes a projection collects while its processor handles one batch of events. A pooled streaming
 * processor handles a batch in one unit of work inside one transaction and stores the token when that unit of work
 * prepares to commit; a projection keeps its changes as a resource of that unit of work and writes them with one
 * statement per table (a JDBC batch or multi-row upsert) in the same phase, in the same transaction: one round trip
 * per table per batch instead of several per event, and rows and token still commit together.
 * <p>
 * Outside a unit of work (a handler called directly, e.g. by a test) the batch is a batch of one, written at once.
 */
public final class Batches {

    private Batches() {
    }

    /**
     * The batch of the current unit of work under {@code key}; created on first use, when its {@code flush} is
     * registered for the unit of work's prepare-commit phase.
     */
    public static <B> void with(String key, Supplier<B> create, Consumer<B> flush, Consumer<B> change) {
        if (!CurrentUnitOfWork.isStarted()) {
            B single = create.get();
            change.accept(single);
            flush.accept(single);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        B batch = unitOfWork.getOrComputeResource(key, k -> {
            B created = create.get();
            unitOfWork.onPrepareCommit(u -> flush.accept(created));
            return created;
        });
        change.accept(batch);
    }

    /**
     * The aggregates whose rows a projection must load for the current batch: the aggregate of every event of
     * {@code eventType} in the batch, except those whose first event in the batch is a {@code creation}. A projection
     * loads them with one query when its batch starts instead of one per aggregate as it meets them (a tenth of the
     * read-models' CPU in a rebuild, JFR). Read from the messages' aggregate identifiers and payload types, which
     * need no payload decoded.
     */
    public static List<String> existingIds(Class<?> eventType, Class<?> creation) {
        Map<String, Boolean> firstCreates = new LinkedHashMap<>();
        for (Message<?> message : messages()) {
            if (message instanceof DomainEventMessage<?> event) {
                Class<?> type = event.getPayloadType();
                if (eventType.isAssignableFrom(type)) {
                    firstCreates.putIfAbsent(event.getAggregateIdentifier(), creation.equals(type));
                }
            }
        }
        List<String> ids = new ArrayList<>();
        firstCreates.forEach((id, created) -> {
            if (!created) {
                ids.add(id);
            }
        });
        return ids;
    }

    /**
     * The aggregates of the current batch's events of {@code eventType}, each once, in the order the batch meets them
     * (read from the messages, no payload decoded); outside a batch, those of the message being handled.
     */
    public static List<String> aggregateIds(Class<?> eventType) {
        Set<String> ids = new LinkedHashSet<>();
        for (Message<?> message : messages()) {
            if (message instanceof DomainEventMessage<?> event && eventType.isAssignableFrom(event.getPayloadType())) {
                ids.add(event.getAggregateIdentifier());
            }
        }
        return List.copyOf(ids);
    }

    /**
     * The rows of {@code ids} in {@code table}, by their {@code resolution_id}, read with one {@code = ANY(?)}
     * query; an id with no row maps to {@code absent}. A batch loads what it changes with it when it starts, and a
     * handler the one row it meets outside that (a handler called outside a batch).
     */
    public static <E> Map<String, E> rows(JdbcTemplate jdbc, String table, List<String> ids, RowMapper<E> mapper,
                                         Supplier<E> absent) {
        Map<String, E> rows = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "SELECT * FROM " + table + " WHERE resolution_id = ANY(?)");
            statement.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            return statement;
        }, (ResultSet rs) -> {
            rows.put(rs.getString("resolution_id"), mapper.mapRow(rs, rows.size()));
        });
        ids.forEach(id -> rows.computeIfAbsent(id, k -> absent.get()));
        return rows;
    }

    /** Writes a batch's rows of one table as one JDBC batch of named parameters; nothing when there are none. */
    public static void write(NamedParameterJdbcTemplate jdbc, String sql,
                             Collection<? extends SqlParameterSource> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows.toArray(SqlParameterSource[]::new));
        }
    }

    /**
     * Writes a batch's rows of one table as one JDBC batch bound by position (no named parameters to parse, no types
     * to guess: the way for the tables a rebuild writes most); nothing when there are none.
     */
    public static <T> void write(JdbcTemplate jdbc, String sql, List<T> rows,
                                 ParameterizedPreparedStatementSetter<T> setter) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows, rows.size(), setter);
        }
    }

    /** A {@code timestamptz} parameter from an instant (the driver's java.time path, no calendar), or null. */
    public static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    /** The messages of the batch the current unit of work handles, in order (outside a batch: its one message). */
    private static List<? extends Message<?>> messages() {
        if (!CurrentUnitOfWork.isStarted()) {
            return List.of();
        }
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        if (current.root() instanceof BatchingUnitOfWork<?> batch) {
            return batch.getMessages();
        }
        // e.g. a dead letter retried in a unit of work of its own (nested; its root may hold no message)
        return current.getMessage() == null ? List.of() : List.of(current.getMessage());
    }
}
