package io.resolutionledger.query.sessions;

import io.resolutionledger.api.event.*;
import io.resolutionledger.api.value.ResolutionStatus;
import io.resolutionledger.api.value.Tally;
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

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sessions with their agenda (the resolutions proposed for them) and outcomes. Session rows and agenda items are
 * kept apart and joined on read: they come from different aggregates, whose events may arrive in any order. An
 * agenda item is the part of a resolution's state the agenda shows, folded with the resolutions' own
 * {@link ResolutionFold}; a session row follows its three events. Rows are collected per batch and written with one
 * statement per table when the unit of work prepares to commit ({@link Batches}); each row only takes a state of a
 * higher aggregate sequence than its own (idempotent). Built once per {@link Generation}: each instance writes its
 * generation's tables only.
 */
public class SessionProjection {

    private static final String SESSION = """
            INSERT INTO %s AS session (session_id, conference_id, number, kind, date, place, status,
                scheduled_at, opened_at, closed_at, last_sequence)
            VALUES (:id, :conference, :number, :kind, :date, :place, :status, :scheduledAt, :openedAt, :closedAt, :seq)
            ON CONFLICT (session_id) DO UPDATE SET date = EXCLUDED.date, status = EXCLUDED.status,
                opened_at = EXCLUDED.opened_at,
                closed_at = EXCLUDED.closed_at, last_sequence = EXCLUDED.last_sequence
            WHERE session.last_sequence < EXCLUDED.last_sequence
            """;
    private static final String AGENDA_ITEM = """
            INSERT INTO %s AS session_agenda_item (resolution_id, session_id, title, sponsor, status, tally_yes,
                tally_no, tally_abstain, proposed_at, decided_at, last_sequence)
            VALUES (:id, :session, :title, :sponsor, :status, :yes, :no, :abstain, :proposedAt, :decidedAt, :seq)
            ON CONFLICT (resolution_id) DO UPDATE SET session_id = EXCLUDED.session_id, title = EXCLUDED.title,
                status = EXCLUDED.status,
                tally_yes = EXCLUDED.tally_yes, tally_no = EXCLUDED.tally_no, tally_abstain = EXCLUDED.tally_abstain,
                decided_at = EXCLUDED.decided_at, last_sequence = EXCLUDED.last_sequence
            WHERE session_agenda_item.last_sequence < EXCLUDED.last_sequence
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final BatchPreloads.Table<Item> items;

    private final Generation generation;
    private final String batchKey;
    private final String upsertSession;
    private final String upsertItem;

    /** A projection whose batches load their rows with a query of their own (no other table to read them with). */
    public SessionProjection(NamedParameterJdbcTemplate jdbc, Generation generation) {
        this(jdbc, generation, new BatchPreloads(jdbc.getJdbcTemplate()));
    }

    /** A projection whose batches load their rows together with the other tables of {@code preloads}. */
    public SessionProjection(NamedParameterJdbcTemplate jdbc, Generation generation, BatchPreloads preloads) {
        this.jdbc = jdbc;
        this.items = preloads.table(generation.table("session_agenda_item"),
                (rs, n) -> new Item(state(rs), rs.getLong("last_sequence")), () -> new Item(ResolutionState.NONE, -1));
        this.generation = generation;
        this.batchKey = SessionProjection.class.getName() + "." + generation.suffix();
        this.upsertSession = SESSION.formatted(generation.table("session"));
        this.upsertItem = AGENDA_ITEM.formatted(generation.table("session_agenda_item"));
    }

    /** One instance per generation, each in its generation's processor. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        ConfigurerModule sessionProjections(NamedParameterJdbcTemplate jdbc, ReadModelPreloads preloads) {
            return ReadModelGenerations.projection(generation -> new SessionProjection(jdbc, generation,
                    preloads.of(generation)));
        }
    }

    /** A session row as it stands in this batch. */
    private static final class SessionRow {
        MapSqlParameterSource values;
        long sequence;
    }

    /** An agenda item's part of its resolution's state, and the sequence of the last event folded into it. */
    private static final class Item {
        ResolutionState state;
        long sequence;

        Item(ResolutionState state, long sequence) {
            this.state = state;
            this.sequence = sequence;
        }
    }

    private static final class Batch {
        final Map<String, SessionRow> sessions = new LinkedHashMap<>();
        final Map<String, Item> items = new LinkedHashMap<>();
    }

    @EventHandler
    public void on(SessionEvent event, @SequenceNumber long sequence) {
        Batches.with(batchKey, this::newBatch, this::flush, batch -> apply(batch, event, sequence));
    }

    @EventHandler
    public void on(ResolutionEvent event, @SequenceNumber long sequence) {
        Batches.with(batchKey, this::newBatch, this::flush, batch -> apply(batch, event, sequence));
    }

    /** A batch with the agenda items of every resolution it changes but does not create (read with the other preloads). */
    private Batch newBatch() {
        Batch batch = new Batch();
        batch.items.putAll(loadItems(Batches.existingIds(ResolutionEvent.class, ResolutionProposed.class)));
        return batch;
    }

    @ResetHandler
    public void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM " + generation.table("session_agenda_item"));
        jdbc.getJdbcTemplate().update("DELETE FROM " + generation.table("session"));
    }

    private void apply(Batch batch, SessionEvent event, long sequence) {
        String id = event.sessionId().value();
        SessionRow row = batch.sessions.computeIfAbsent(id, k -> event instanceof SessionScheduled ? null
                : loadSession(k));
        if (event instanceof SessionScheduled e) {
            if (row != null) {
                return; // scheduled already
            }
            row = new SessionRow();
            row.values = new MapSqlParameterSource("id", id).addValue("conference", e.conferenceId().value())
                    .addValue("number", e.number()).addValue("kind", e.kind().name())
                    .addValue("date", Date.valueOf(e.date())).addValue("place", e.place())
                    .addValue("status", "SCHEDULED").addValue("scheduledAt", Timestamp.from(e.occurredAt()))
                    .addValue("openedAt", null).addValue("closedAt", null);
            row.sequence = sequence;
            batch.sessions.put(id, row);
            return;
        }
        if (row == null || sequence <= row.sequence) {
            return; // not scheduled (yet), or applied already
        }
        if (event instanceof SessionOpened) {
            row.values.addValue("status", "OPEN").addValue("openedAt", Timestamp.from(event.occurredAt()));
        } else if (event instanceof SessionClosed) {
            row.values.addValue("status", "CLOSED").addValue("closedAt", Timestamp.from(event.occurredAt()));
        } else if (event instanceof SessionPostponed e) {
            row.values.addValue("status", "POSTPONED").addValue("date", Date.valueOf(e.date()));
        } else if (event instanceof SessionCancelled) {
            row.values.addValue("status", "CANCELLED");
        }
        row.sequence = sequence;
    }

    private void apply(Batch batch, ResolutionEvent event, long sequence) {
        Item item = batch.items.computeIfAbsent(event.resolutionId().value(), k -> event instanceof ResolutionProposed
                ? new Item(ResolutionState.NONE, -1) : loadItems(List.of(k)).get(k));
        if (sequence <= item.sequence) {
            return;
        }
        item.state = ResolutionFold.evolve(item.state, event);
        item.sequence = sequence;
    }

    private void flush(Batch batch) {
        List<SqlParameterSource> sessions = new ArrayList<>();
        batch.sessions.values().forEach(row -> sessions.add(row.values.addValue("seq", row.sequence)));
        List<SqlParameterSource> items = new ArrayList<>();
        batch.items.values().stream().filter(i -> i.state.exists()).forEach(i -> items.add(item(i)));
        Batches.write(jdbc, upsertSession, sessions);
        Batches.write(jdbc, upsertItem, items);
    }

    private SessionRow loadSession(String id) {
        List<SessionRow> found = jdbc.query("SELECT * FROM " + generation.table("session") + " WHERE session_id = :id",
                new MapSqlParameterSource("id", id), (rs, n) -> {
                    SessionRow row = new SessionRow();
                    row.values = new MapSqlParameterSource("id", id).addValue("conference", rs.getString("conference_id"))
                            .addValue("number", rs.getInt("number")).addValue("kind", rs.getString("kind"))
                            .addValue("date", rs.getDate("date")).addValue("place", rs.getString("place"))
                            .addValue("status", rs.getString("status"))
                            .addValue("scheduledAt", rs.getTimestamp("scheduled_at"))
                            .addValue("openedAt", rs.getTimestamp("opened_at"))
                            .addValue("closedAt", rs.getTimestamp("closed_at"));
                    row.sequence = rs.getLong("last_sequence");
                    return row;
                });
        return found.isEmpty() ? null : found.get(0);
    }

    private Map<String, Item> loadItems(List<String> ids) {
        return items.rows(ids);
    }

    /** The part of a resolution's state that an agenda item keeps. */
    private static ResolutionState state(ResultSet rs) throws SQLException {
        Tally tally = rs.getObject("tally_yes") == null ? null
                : new Tally(rs.getInt("tally_yes"), rs.getInt("tally_no"), rs.getInt("tally_abstain"));
        return new ResolutionState(rs.getString("resolution_id"), null, rs.getString("session_id"),
                rs.getString("title"), null, 0, ResolutionStatus.valueOf(rs.getString("status")),
                rs.getString("sponsor"), List.of(), List.of(), tally, null, null, instant(rs, "proposed_at"), null,
                instant(rs, "decided_at"));
    }

    private static MapSqlParameterSource item(Item item) {
        ResolutionState s = item.state;
        Tally tally = s.tally();
        return new MapSqlParameterSource("id", s.resolutionId()).addValue("session", s.sessionId())
                .addValue("title", s.title()).addValue("sponsor", s.sponsor()).addValue("status", s.status().name())
                .addValue("yes", tally == null ? null : tally.yes()).addValue("no", tally == null ? null : tally.no())
                .addValue("abstain", tally == null ? null : tally.abstain())
                .addValue("proposedAt", Timestamp.from(s.createdAt()))
                .addValue("decidedAt", s.decidedAt() == null ? null : Timestamp.from(s.decidedAt()))
                .addValue("seq", item.sequence);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
