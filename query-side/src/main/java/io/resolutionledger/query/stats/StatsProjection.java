package io.resolutionledger.query.stats;

import io.resolutionledger.api.event.ResolutionEvent;
import io.resolutionledger.api.event.ResolutionProposed;
import io.resolutionledger.api.value.ResolutionStatus;
import io.resolutionledger.query.config.BatchPreloads;
import io.resolutionledger.query.config.Batches;
import io.resolutionledger.query.config.Generation;
import io.resolutionledger.query.config.ReadModelGenerations;
import io.resolutionledger.query.config.ReadModelPreloads;
import io.resolutionledger.query.resolutions.ResolutionFold;
import io.resolutionledger.query.resolutions.ResolutionState;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The facts per resolution that the figures are counted from (status, sponsor, co-sponsors, topics): the part of a
 * resolution's state the figures need, folded with {@link ResolutionFold}, written once per batch. Counting happens
 * on read: a few thousand rows grouped three ways, always consistent with each other, nothing to drift. Built once
 * per {@link Generation}: each instance writes its generation's tables only.
 */
public class StatsProjection {

    private static final String INSERT_TRANSITION = """
            INSERT INTO %s (resolution_id, sequence, status, at)
            VALUES (:id, :seq, :status, :at)
            ON CONFLICT (resolution_id, sequence) DO NOTHING
            """;
    private static final String UPSERT = """
            INSERT INTO %s AS stats_resolution (resolution_id, status, sponsor, co_sponsors, topics,
                last_sequence)
            VALUES (:id, :status, :sponsor, :coSponsors, :topics, :seq)
            ON CONFLICT (resolution_id) DO UPDATE SET status = EXCLUDED.status, co_sponsors = EXCLUDED.co_sponsors,
                last_sequence = EXCLUDED.last_sequence
            WHERE stats_resolution.last_sequence < EXCLUDED.last_sequence
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final BatchPreloads.Table<Entry> rows;

    private final Generation generation;
    private final String batchKey;
    private final String transitionsKey;
    private final String insertTransition;
    private final String upsert;

    /** A projection whose batches load their rows with a query of their own (no other table to read them with). */
    public StatsProjection(NamedParameterJdbcTemplate jdbc, Generation generation) {
        this(jdbc, generation, new BatchPreloads(jdbc.getJdbcTemplate()));
    }

    /** A projection whose batches load their rows together with the other tables of {@code preloads}. */
    public StatsProjection(NamedParameterJdbcTemplate jdbc, Generation generation, BatchPreloads preloads) {
        this.jdbc = jdbc;
        this.rows = preloads.table(generation.table("stats_resolution"),
                (rs, n) -> new Entry(state(rs), rs.getLong("last_sequence")), () -> new Entry(ResolutionState.NONE, -1));
        this.generation = generation;
        this.batchKey = StatsProjection.class.getName() + "." + generation.suffix();
        this.transitionsKey = batchKey + ".transitions";
        this.insertTransition = INSERT_TRANSITION.formatted(generation.table("stats_transition"));
        this.upsert = UPSERT.formatted(generation.table("stats_resolution"));
    }

    /** One instance per generation, each in its generation's processor. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        ConfigurerModule statsProjections(NamedParameterJdbcTemplate jdbc, ReadModelPreloads preloads) {
            return ReadModelGenerations.projection(generation -> new StatsProjection(jdbc, generation,
                    preloads.of(generation)));
        }
    }

    private static final class Entry {
        ResolutionState state;
        long sequence;

        Entry(ResolutionState state, long sequence) {
            this.state = state;
            this.sequence = sequence;
        }
    }

    @EventHandler
    public void on(ResolutionEvent event, @SequenceNumber long sequence) {
        Batches.<Map<String, Entry>>with(batchKey, this::newBatch, this::flush, batch -> {
            Entry entry = batch.computeIfAbsent(event.resolutionId().value(), id -> event instanceof ResolutionProposed
                    ? new Entry(ResolutionState.NONE, -1) : load(List.of(id)).get(id));
            if (sequence > entry.sequence) {
                ResolutionStatus before = entry.state.status();
                entry.state = ResolutionFold.evolve(entry.state, event);
                entry.sequence = sequence;
                if (entry.state.exists() && entry.state.status() != before) {
                    SqlParameterSource transition = new MapSqlParameterSource("id", event.resolutionId().value())
                            .addValue("seq", sequence).addValue("status", entry.state.status().name())
                            .addValue("at", java.sql.Timestamp.from(event.occurredAt()));
                    Batches.<List<SqlParameterSource>>with(transitionsKey, java.util.ArrayList::new, this::flushTransitions,
                            rows -> rows.add(transition));
                }
            }
        });
    }

    /** A batch with the rows of every resolution it changes but does not create (read with the other preloads). */
    private Map<String, Entry> newBatch() {
        return load(Batches.existingIds(ResolutionEvent.class, ResolutionProposed.class));
    }

    private void flushTransitions(List<SqlParameterSource> rows) {
        Batches.write(jdbc, insertTransition, rows);
    }

    @ResetHandler
    public void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM " + generation.table("stats_resolution"));
        jdbc.getJdbcTemplate().update("DELETE FROM " + generation.table("stats_transition"));
    }

    private void flush(Map<String, Entry> batch) {
        List<SqlParameterSource> rows = batch.values().stream().filter(e -> e.state.exists())
                .<SqlParameterSource>map(e -> new MapSqlParameterSource("id", e.state.resolutionId())
                        .addValue("status", e.state.status().name()).addValue("sponsor", e.state.sponsor())
                        .addValue("coSponsors", e.state.coSponsors().toArray(String[]::new))
                        .addValue("topics", e.state.topics().toArray(String[]::new)).addValue("seq", e.sequence))
                .toList();
        Batches.write(jdbc, upsert, rows);
    }

    private Map<String, Entry> load(List<String> ids) {
        return rows.rows(ids);
    }

    /** The part of a resolution's state that the figures keep. */
    private static ResolutionState state(ResultSet rs) throws SQLException {
        return new ResolutionState(rs.getString("resolution_id"), null, null, null, null, 0,
                ResolutionStatus.valueOf(rs.getString("status")), rs.getString("sponsor"), strings(rs, "co_sponsors"),
                strings(rs, "topics"), null, null, null, java.time.Instant.EPOCH, null, null);
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
