package io.resolutionledger.query.resolutions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.api.event.*;
import io.resolutionledger.api.json.LedgerJson;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.api.value.ResolutionStatus;
import io.resolutionledger.api.value.VotingRule;
import io.resolutionledger.query.config.BatchPreloads;
import io.resolutionledger.query.config.Batches;
import io.resolutionledger.query.config.ReadModelPreloads;
import io.resolutionledger.query.config.Generation;
import io.resolutionledger.query.config.ReadModelGenerations;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resolutions read model: current state, every text version, tabled amendments and votes. The current state is
 * {@link ResolutionFold#evolve} applied to the stored row; a batch of events loads each resolution it touches once
 * (none for a new proposal), folds in memory, and writes each table with one statement when the unit of work
 * prepares to commit ({@link Batches}). Deterministic (all times come from the events) and idempotent: a row only
 * takes a state of a higher aggregate sequence than its own, and the other tables are keyed so that a second insert
 * is a no-op. Built once per {@link Generation}: each instance writes its generation's tables only.
 */
public class ResolutionProjection {

    private static final ObjectMapper JSON = LedgerJson.messageMapper();

    private final String batchKey;
    private final String upsert;
    private final String insertVersion;
    private final String insertTabled;
    private final String updateDecided;
    private final String insertVote;
    private final Generation generation;

    /** Positional (see {@link #writeResolutions}): 23 values, in this order. */
    private static final String UPSERT = """
            INSERT INTO %s AS resolution (resolution_id, conference_id, session_id, title, text, version, status,
                sponsor, co_sponsors, topics, tally_yes, tally_no, tally_abstain, rule, reference, created_at,
                updated_at, last_sequence, procedure, deadline, decided_by, addressees, partners)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (resolution_id) DO UPDATE SET session_id = EXCLUDED.session_id, title = EXCLUDED.title,
                text = EXCLUDED.text,
                version = EXCLUDED.version, status = EXCLUDED.status, co_sponsors = EXCLUDED.co_sponsors,
                tally_yes = EXCLUDED.tally_yes, tally_no = EXCLUDED.tally_no, tally_abstain = EXCLUDED.tally_abstain,
                rule = EXCLUDED.rule, reference = EXCLUDED.reference, updated_at = EXCLUDED.updated_at,
                last_sequence = EXCLUDED.last_sequence, procedure = EXCLUDED.procedure,
                deadline = EXCLUDED.deadline, decided_by = EXCLUDED.decided_by, addressees = EXCLUDED.addressees,
                partners = EXCLUDED.partners
            WHERE resolution.last_sequence < EXCLUDED.last_sequence
            """;
    private static final String VERSION = """
            INSERT INTO %s (resolution_id, version, title, text, reason, author, origin,
                amendment_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (resolution_id, version) DO NOTHING
            """;
    private static final String TABLED = """
            INSERT INTO %s (resolution_id, amendment_id, base_version, title, text, reason,
                tabled_by, state, tabled_at)
            VALUES (:id, :amendment, :base, :title, :text, :reason, :tabledBy, 'PENDING', :at)
            ON CONFLICT (resolution_id, amendment_id) DO NOTHING
            """;
    private static final String DECIDED = """
            UPDATE %s SET state = :state, accepted_version = :version,
                decline_reason = :reason, decided_at = :at
            WHERE resolution_id = :id AND amendment_id = :amendment
            """;
    private static final String VOTE = """
            INSERT INTO %s (resolution_id, version, delegation, choice, cast_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (resolution_id, version, delegation) DO NOTHING
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final BatchPreloads.Table<Entry> rows;

    /** A projection whose batches load their rows with a query of their own (no other table to read them with). */
    public ResolutionProjection(NamedParameterJdbcTemplate jdbc, Generation generation) {
        this(jdbc, generation, new BatchPreloads(jdbc.getJdbcTemplate()));
    }

    /** A projection whose batches load their rows together with the other tables of {@code preloads}. */
    public ResolutionProjection(NamedParameterJdbcTemplate jdbc, Generation generation, BatchPreloads preloads) {
        this.jdbc = jdbc;
        this.rows = preloads.table(generation.table("resolution"),
                (rs, n) -> new Entry(state(rs), rs.getLong("last_sequence")), () -> new Entry(ResolutionState.NONE, -1));
        this.generation = generation;
        this.batchKey = ResolutionProjection.class.getName() + "." + generation.suffix();
        this.upsert = UPSERT.formatted(generation.table("resolution"));
        this.insertVersion = VERSION.formatted(generation.table("resolution_version"));
        this.insertTabled = TABLED.formatted(generation.table("tabled_amendment"));
        this.updateDecided = DECIDED.formatted(generation.table("tabled_amendment"));
        this.insertVote = VOTE.formatted(generation.table("resolution_vote"));
    }

    /** One instance per generation, each in its generation's processor. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        ConfigurerModule resolutionProjections(NamedParameterJdbcTemplate jdbc, ReadModelPreloads preloads) {
            return ReadModelGenerations.projection(generation -> new ResolutionProjection(jdbc, generation,
                    preloads.of(generation)));
        }
    }

    /** A resolution's state in this batch and the sequence of the last event folded into it. */
    private static final class Entry {
        ResolutionState state;
        long sequence;

        Entry(ResolutionState state, long sequence) {
            this.state = state;
            this.sequence = sequence;
        }
    }

    /** A text version's row. */
    private record Version(String id, long version, String title, String text, String reason, String author,
                           String origin, String amendment, Instant at) {
    }

    /** A vote's row. */
    private record Vote(String id, long version, String delegation, String choice, Instant at) {
    }

    /** The changes of one batch, per table. */
    private static final class Batch {
        final Map<String, Entry> resolutions = new LinkedHashMap<>();
        final List<Version> versions = new ArrayList<>();
        final List<SqlParameterSource> tabled = new ArrayList<>();
        final List<SqlParameterSource> decided = new ArrayList<>();
        final List<Vote> votes = new ArrayList<>();
    }

    @EventHandler
    public void on(ResolutionEvent event, @SequenceNumber long sequence) {
        Batches.with(batchKey, this::newBatch, this::flush, batch -> apply(batch, event, sequence));
    }

    /** A batch with the rows of every resolution it changes but does not create (read with the other preloads). */
    private Batch newBatch() {
        Batch batch = new Batch();
        batch.resolutions.putAll(load(Batches.existingIds(ResolutionEvent.class, ResolutionProposed.class)));
        return batch;
    }

    @ResetHandler
    public void reset() {
        // DELETE, not TRUNCATE: readers of the live generation's views lock this generation's tables too, and
        // TRUNCATE's exclusive lock would make them wait
        for (String table : List.of("resolution_vote", "tabled_amendment", "resolution_version", "resolution")) {
            jdbc.getJdbcTemplate().update("DELETE FROM " + generation.table(table));
        }
    }

    private void apply(Batch batch, ResolutionEvent event, long sequence) {
        String id = event.resolutionId().value();
        Entry entry = batch.resolutions.computeIfAbsent(id, k -> event instanceof ResolutionProposed
                ? new Entry(ResolutionState.NONE, -1) : load(List.of(k)).get(k));
        if (sequence <= entry.sequence) {
            return; // applied already
        }
        ResolutionState before = entry.state;
        ResolutionState after = ResolutionFold.evolve(before, event);
        entry.state = after;
        entry.sequence = sequence;
        if (!after.exists()) {
            return;
        }
        Timestamp at = Timestamp.from(event.occurredAt());
        Instant when = event.occurredAt();
        if (event instanceof ResolutionProposed e && !before.exists()) {
            batch.versions.add(version(after, null, code(e.sponsor()), "PROPOSED", null, when));
        } else if (event instanceof ResolutionAmended e) {
            batch.versions.add(version(after, e.reason(), code(e.actor()), "AMENDED", null, when));
        } else if (event instanceof TabledAmendmentAccepted e) {
            batch.versions.add(version(after, null, code(e.tabledBy()), "TABLED_AMENDMENT", e.amendmentId().value(),
                    when));
            batch.decided.add(new MapSqlParameterSource("id", id).addValue("amendment", e.amendmentId().value())
                    .addValue("state", "ACCEPTED").addValue("version", e.version()).addValue("reason", null)
                    .addValue("at", at));
        } else if (event instanceof AmendmentTabled e) {
            batch.tabled.add(new MapSqlParameterSource("id", id).addValue("amendment", e.amendmentId().value())
                    .addValue("base", e.baseVersion()).addValue("title", e.title()).addValue("text", e.text())
                    .addValue("reason", e.reason()).addValue("tabledBy", code(e.actor())).addValue("at", at));
        } else if (event instanceof TabledAmendmentDeclined e) {
            batch.decided.add(new MapSqlParameterSource("id", id).addValue("amendment", e.amendmentId().value())
                    .addValue("state", "DECLINED").addValue("version", null).addValue("reason", e.reason())
                    .addValue("at", at));
        } else if (event instanceof VoteCast e) {
            batch.votes.add(new Vote(id, e.version(), code(e.actor()), e.choice().name(), when));
        }
    }

    private void flush(Batch batch) {
        List<Entry> rows = new ArrayList<>(batch.resolutions.size());
        batch.resolutions.values().stream().filter(e -> e.state.exists()).forEach(rows::add);
        writeResolutions(rows);
        writeVersions(batch.versions);
        Batches.write(jdbc, insertTabled, batch.tabled);
        Batches.write(jdbc, updateDecided, batch.decided);
        writeVotes(batch.votes);
    }

    // The three tables a rebuild writes most (a row per resolution and batch, per version, per vote) are bound by
    // position and type: Spring's named parameters and type guessing were a third of the flush (JFR, BENCHMARKS.md).

    private void writeResolutions(List<Entry> rows) {
        Batches.write(jdbc.getJdbcTemplate(), upsert, rows, (ps, entry) -> {
            ResolutionState s = entry.state;
            ps.setString(1, s.resolutionId());
            ps.setString(2, s.conferenceId());
            ps.setString(3, s.sessionId());
            ps.setString(4, s.title());
            ps.setString(5, s.text());
            ps.setLong(6, s.version());
            ps.setString(7, s.status().name());
            ps.setString(8, s.sponsor());
            ps.setObject(9, s.coSponsors().toArray(String[]::new));
            ps.setObject(10, s.topics().toArray(String[]::new));
            setInt(ps, 11, s.tally() == null ? null : s.tally().yes());
            setInt(ps, 12, s.tally() == null ? null : s.tally().no());
            setInt(ps, 13, s.tally() == null ? null : s.tally().abstain());
            ps.setString(14, s.rule() == null ? null : json(s.rule()));
            ps.setString(15, s.reference());
            Batches.setInstant(ps, 16, s.createdAt());
            Batches.setInstant(ps, 17, s.updatedAt());
            ps.setLong(18, entry.sequence);
            ps.setString(19, s.between().procedure());
            Batches.setInstant(ps, 20, s.between().deadline());
            ps.setString(21, s.between().decidedBy());
            ps.setObject(22, s.between().addressees().toArray(String[]::new));
            ps.setObject(23, s.between().partners().toArray(String[]::new));
        });
    }

    private void writeVersions(List<Version> rows) {
        Batches.write(jdbc.getJdbcTemplate(), insertVersion, rows, (ps, v) -> {
            ps.setString(1, v.id());
            ps.setLong(2, v.version());
            ps.setString(3, v.title());
            ps.setString(4, v.text());
            ps.setString(5, v.reason());
            ps.setString(6, v.author());
            ps.setString(7, v.origin());
            ps.setString(8, v.amendment());
            Batches.setInstant(ps, 9, v.at());
        });
    }

    private void writeVotes(List<Vote> rows) {
        Batches.write(jdbc.getJdbcTemplate(), insertVote, rows, (ps, v) -> {
            ps.setString(1, v.id());
            ps.setLong(2, v.version());
            ps.setString(3, v.delegation());
            ps.setString(4, v.choice());
            Batches.setInstant(ps, 5, v.at());
        });
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }


    private Map<String, Entry> load(List<String> ids) {
        return rows.rows(ids);
    }

    private static ResolutionState state(ResultSet rs) throws SQLException {
        return new ResolutionState(rs.getString("resolution_id"), rs.getString("conference_id"),
                rs.getString("session_id"), rs.getString("title"), rs.getString("text"), rs.getLong("version"),
                ResolutionStatus.valueOf(rs.getString("status")), rs.getString("sponsor"),
                ResolutionQueries.strings(rs, "co_sponsors"), ResolutionQueries.strings(rs, "topics"),
                ResolutionQueries.tally(rs), rule(rs.getString("rule")), rs.getString("reference"),
                ResolutionQueries.instant(rs, "created_at"), ResolutionQueries.instant(rs, "updated_at"), null,
                new ResolutionState.Between(rs.getString("procedure"), ResolutionQueries.instant(rs, "deadline"),
                        rs.getString("decided_by"), ResolutionQueries.strings(rs, "addressees"),
                        ResolutionQueries.strings(rs, "partners")));
    }

    /** A new text version: its title is the resolution's title after the event (a version without one keeps it). */
    private static Version version(ResolutionState s, String reason, String author, String origin,
                                   String amendmentId, Instant at) {
        return new Version(s.resolutionId(), s.version(), s.title() == null ? "" : s.title(), s.text(), reason, author,
                origin, amendmentId, at);
    }

    static String[] codes(List<DelegationCode> codes) {
        return codes.stream().map(DelegationCode::value).toArray(String[]::new);
    }

    private static String code(DelegationCode code) {
        return code == null ? null : code.value();
    }

    private static VotingRule rule(String json) throws SQLException {
        try {
            return json == null ? null : JSON.readValue(json, VotingRule.class);
        } catch (IOException e) {
            throw new SQLException("unreadable rule " + json, e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
