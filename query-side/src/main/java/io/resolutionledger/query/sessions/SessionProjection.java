package io.resolutionledger.query.sessions;

import io.resolutionledger.api.event.*;
import io.resolutionledger.api.value.Tally;
import io.resolutionledger.query.config.Projections;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;

/**
 * Sessions with their agenda (the resolutions proposed for them) and outcomes. Session rows and agenda items are
 * kept apart and joined on read: they come from different aggregates, whose events may arrive in any order.
 */
@Component
@ProcessingGroup(Projections.SESSIONS)
public class SessionProjection {

    private final NamedParameterJdbcTemplate jdbc;

    public SessionProjection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(SessionScheduled e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        jdbc.update("""
                INSERT INTO ledger_read.session (session_id, conference_id, number, kind, date, place, status,
                    scheduled_at, last_sequence)
                VALUES (:id, :conference, :number, :kind, :date, :place, 'SCHEDULED', :at, :seq)
                ON CONFLICT (session_id) DO NOTHING
                """, session(e, seq).addValue("conference", e.conferenceId().value()).addValue("number", e.number())
                .addValue("kind", e.kind().name()).addValue("date", Date.valueOf(e.date()))
                .addValue("place", e.place()));
    }

    @EventHandler
    public void on(SessionOpened e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        jdbc.update("UPDATE ledger_read.session SET status = 'OPEN', opened_at = :at, last_sequence = :seq "
                + "WHERE session_id = :id AND last_sequence < :seq", session(e, seq));
    }

    @EventHandler
    public void on(SessionClosed e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        jdbc.update("UPDATE ledger_read.session SET status = 'CLOSED', closed_at = :at, last_sequence = :seq "
                + "WHERE session_id = :id AND last_sequence < :seq", session(e, seq));
    }

    @EventHandler
    public void on(ResolutionProposed e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        jdbc.update("""
                INSERT INTO ledger_read.session_agenda_item (resolution_id, session_id, title, sponsor, status,
                    proposed_at, last_sequence)
                VALUES (:id, :session, :title, :sponsor, 'PROPOSED', :at, :seq)
                ON CONFLICT (resolution_id) DO NOTHING
                """, item(e, seq).addValue("session", e.sessionId().value()).addValue("title", e.title())
                .addValue("sponsor", e.sponsor().value()));
    }

    @EventHandler
    public void on(ResolutionAmended e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        retitle(e, e.title(), seq, token, replay);
    }

    @EventHandler
    public void on(TabledAmendmentAccepted e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        retitle(e, e.title(), seq, token, replay);
    }

    @EventHandler
    public void on(ResolutionWithdrawn e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        apply(e, "status = 'WITHDRAWN', decided_at = :at", item(e, seq), token, replay);
    }

    @EventHandler
    public void on(VoteOpened e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        apply(e, "status = 'VOTING', tally_yes = 0, tally_no = 0, tally_abstain = 0", item(e, seq), token, replay);
    }

    @EventHandler
    public void on(VoteCast e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        String column = switch (e.choice()) {
            case YES -> "tally_yes";
            case NO -> "tally_no";
            case ABSTAIN -> "tally_abstain";
        };
        // guarded by the sequence: a vote is counted once however often it is delivered
        apply(e, column + " = COALESCE(" + column + ", 0) + 1", item(e, seq), token, replay);
    }

    @EventHandler
    public void on(ResolutionAdopted e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        apply(e, "status = 'ADOPTED', decided_at = :at, " + tallyColumns(), outcome(item(e, seq), e.tally()),
                token, replay);
    }

    @EventHandler
    public void on(ResolutionRejected e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        apply(e, "status = 'REJECTED', decided_at = :at, " + tallyColumns(), outcome(item(e, seq), e.tally()),
                token, replay);
    }

    @EventHandler
    public void on(ResolutionPublished e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        apply(e, "status = 'PUBLISHED'", item(e, seq), token, replay);
    }

    @EventHandler
    public void on(CoSponsorJoined e, @SequenceNumber long seq) {
        advance(e, seq);
    }

    @EventHandler
    public void on(AmendmentTabled e, @SequenceNumber long seq) {
        advance(e, seq);
    }

    @EventHandler
    public void on(TabledAmendmentDeclined e, @SequenceNumber long seq) {
        advance(e, seq);
    }

    @ResetHandler
    public void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM ledger_read.session_agenda_item");
        jdbc.getJdbcTemplate().update("DELETE FROM ledger_read.session");
    }

    private void retitle(ResolutionEvent e, String title, long seq, TrackingToken token, ReplayStatus replay) {
        apply(e, "title = COALESCE(:title, title)", item(e, seq).addValue("title", title), token, replay);
    }

    /** Events that do not show on the agenda still advance its sequence, so that the guard stays exact. */
    private void advance(ResolutionEvent e, long seq) {
        jdbc.update("UPDATE ledger_read.session_agenda_item SET last_sequence = :seq "
                + "WHERE resolution_id = :id AND last_sequence < :seq", item(e, seq));
    }

    private void apply(ResolutionEvent e, String assignments, MapSqlParameterSource params, TrackingToken token,
                       ReplayStatus replay) {
        jdbc.update("UPDATE ledger_read.session_agenda_item SET " + assignments
                + ", last_sequence = :seq WHERE resolution_id = :id AND last_sequence < :seq", params);
    }

    private static String tallyColumns() {
        return "tally_yes = :yes, tally_no = :no, tally_abstain = :abstain";
    }

    private static MapSqlParameterSource outcome(MapSqlParameterSource p, Tally tally) {
        Tally t = tally == null ? Tally.EMPTY : tally;
        return p.addValue("yes", t.yes()).addValue("no", t.no()).addValue("abstain", t.abstain());
    }

    private static MapSqlParameterSource session(SessionEvent e, long seq) {
        return new MapSqlParameterSource().addValue("id", e.sessionId().value()).addValue("seq", seq)
                .addValue("at", Timestamp.from(e.occurredAt()));
    }

    private static MapSqlParameterSource item(ResolutionEvent e, long seq) {
        return new MapSqlParameterSource().addValue("id", e.resolutionId().value()).addValue("seq", seq)
                .addValue("at", Timestamp.from(e.occurredAt()));
    }
}
