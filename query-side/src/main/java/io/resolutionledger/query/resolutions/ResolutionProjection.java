package io.resolutionledger.query.resolutions;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.resolutionledger.api.event.*;
import io.resolutionledger.api.json.LedgerJson;
import io.resolutionledger.api.value.DelegationCode;
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

import java.sql.Timestamp;
import java.util.List;

/**
 * The resolutions read model: current state, every text version, tabled amendments and votes. Deterministic (all
 * times come from the events) and idempotent: the current state is only touched by an event with a higher
 * aggregate sequence than the last one applied, and the other tables are keyed so that a second insert is a no-op.
 */
@Component
@ProcessingGroup(Projections.RESOLUTIONS)
public class ResolutionProjection {

    private static final String NEWER = " WHERE resolution_id = :id AND last_sequence < :seq";

    private final NamedParameterJdbcTemplate jdbc;

    public ResolutionProjection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(ResolutionProposed e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        jdbc.update("""
                INSERT INTO ledger_read.resolution (resolution_id, conference_id, session_id, title, text, version,
                    status, sponsor, co_sponsors, topics, created_at, updated_at, last_sequence)
                VALUES (:id, :conference, :session, :title, :text, 1, 'PROPOSED', :sponsor, :coSponsors, :topics,
                    :at, :at, :seq)
                ON CONFLICT (resolution_id) DO NOTHING
                """, params(e, seq)
                .addValue("conference", e.conferenceId().value())
                .addValue("session", e.sessionId().value())
                .addValue("title", e.title())
                .addValue("text", e.text())
                .addValue("sponsor", e.sponsor().value())
                .addValue("coSponsors", codes(e.coSponsors()))
                .addValue("topics", e.topics().toArray(String[]::new)));
        insertVersion(e.resolutionId().value(), 1, e.title(), e.text(), null, e.sponsor(), "PROPOSED", null, e);
    }

    @EventHandler
    public void on(ResolutionAmended e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        update("title = COALESCE(:title, title), text = :text, version = :version", params(e, seq)
                .addValue("title", e.title()).addValue("text", e.text()).addValue("version", e.version()));
        insertVersion(e.resolutionId().value(), e.version(), e.title(), e.text(), e.reason(), e.actor(),
                "AMENDED", null, e);
    }

    @EventHandler
    public void on(AmendmentTabled e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        jdbc.update("""
                INSERT INTO ledger_read.tabled_amendment (resolution_id, amendment_id, base_version, title, text,
                    reason, tabled_by, state, tabled_at)
                VALUES (:id, :amendment, :base, :title, :text, :reason, :tabledBy, 'PENDING', :at)
                ON CONFLICT (resolution_id, amendment_id) DO NOTHING
                """, params(e, seq).addValue("amendment", e.amendmentId().value())
                .addValue("base", e.baseVersion()).addValue("title", e.title()).addValue("text", e.text())
                .addValue("reason", e.reason()).addValue("tabledBy", code(e.actor())));
        update("", params(e, seq));
    }

    @EventHandler
    public void on(TabledAmendmentAccepted e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        MapSqlParameterSource p = params(e, seq).addValue("amendment", e.amendmentId().value())
                .addValue("title", e.title()).addValue("text", e.text()).addValue("version", e.version());
        jdbc.update("""
                UPDATE ledger_read.tabled_amendment SET state = 'ACCEPTED', accepted_version = :version,
                    decided_at = :at
                WHERE resolution_id = :id AND amendment_id = :amendment
                """, p);
        update("title = COALESCE(:title, title), text = :text, version = :version", p);
        insertVersion(e.resolutionId().value(), e.version(), e.title(), e.text(), null, e.tabledBy(),
                "TABLED_AMENDMENT", e.amendmentId().value(), e);
    }

    @EventHandler
    public void on(TabledAmendmentDeclined e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        MapSqlParameterSource p = params(e, seq).addValue("amendment", e.amendmentId().value())
                .addValue("reason", e.reason());
        jdbc.update("""
                UPDATE ledger_read.tabled_amendment SET state = 'DECLINED', decline_reason = :reason, decided_at = :at
                WHERE resolution_id = :id AND amendment_id = :amendment
                """, p);
        update("", p);
    }

    @EventHandler
    public void on(CoSponsorJoined e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        update("co_sponsors = CASE WHEN :delegation = ANY(co_sponsors) THEN co_sponsors "
                        + "ELSE array_append(co_sponsors, CAST(:delegation AS text)) END",
                params(e, seq).addValue("delegation", code(e.actor())));
    }

    @EventHandler
    public void on(ResolutionWithdrawn e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        update("status = 'WITHDRAWN'", params(e, seq));
    }

    @EventHandler
    public void on(VoteOpened e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        update("status = 'VOTING', rule = CAST(:rule AS jsonb), tally_yes = 0, tally_no = 0, tally_abstain = 0",
                params(e, seq).addValue("rule", json(e.rule())));
    }

    @EventHandler
    public void on(VoteCast e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        MapSqlParameterSource p = params(e, seq).addValue("version", e.version())
                .addValue("delegation", code(e.actor())).addValue("choice", e.choice().name());
        jdbc.update("""
                INSERT INTO ledger_read.resolution_vote (resolution_id, version, delegation, choice, cast_at)
                VALUES (:id, :version, :delegation, :choice, :at)
                ON CONFLICT (resolution_id, version, delegation) DO NOTHING
                """, p);
        // the running tally is counted from the votes themselves: the same whatever happened before
        update("""
                tally_yes = (SELECT count(*) FROM ledger_read.resolution_vote v
                             WHERE v.resolution_id = :id AND v.version = :version AND v.choice = 'YES'),
                tally_no = (SELECT count(*) FROM ledger_read.resolution_vote v
                            WHERE v.resolution_id = :id AND v.version = :version AND v.choice = 'NO'),
                tally_abstain = (SELECT count(*) FROM ledger_read.resolution_vote v
                                 WHERE v.resolution_id = :id AND v.version = :version AND v.choice = 'ABSTAIN')
                """, p);
    }

    @EventHandler
    public void on(ResolutionAdopted e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        update("status = 'ADOPTED', rule = CAST(:rule AS jsonb), tally_yes = :yes, tally_no = :no, "
                + "tally_abstain = :abstain", outcome(params(e, seq), e.tally(), e.rule()));
    }

    @EventHandler
    public void on(ResolutionRejected e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        update("status = 'REJECTED', rule = COALESCE(CAST(:rule AS jsonb), rule), "
                + "tally_yes = :yes, tally_no = :no, tally_abstain = :abstain",
                outcome(params(e, seq), e.tally(), e.rule()));
    }

    @EventHandler
    public void on(ResolutionPublished e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        update("status = 'PUBLISHED', reference = :reference", params(e, seq).addValue("reference", e.reference()));
    }

    @ResetHandler
    public void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM ledger_read.resolution_vote");
        jdbc.getJdbcTemplate().update("DELETE FROM ledger_read.tabled_amendment");
        jdbc.getJdbcTemplate().update("DELETE FROM ledger_read.resolution_version");
        jdbc.getJdbcTemplate().update("DELETE FROM ledger_read.resolution");
    }

    /** Applies an event to the current state (with its time and sequence) unless it was applied already. */
    private void update(String assignments, MapSqlParameterSource params) {
        String set = assignments.isBlank() ? "" : assignments + ", ";
        jdbc.update("UPDATE ledger_read.resolution SET " + set + "updated_at = :at, last_sequence = :seq" + NEWER,
                params);
    }

    private void insertVersion(String id, long version, String title, String text, String reason,
                               DelegationCode author, String origin, String amendmentId, LedgerEvent e) {
        // a version without a new title keeps the title of the version before it
        jdbc.update("""
                INSERT INTO ledger_read.resolution_version (resolution_id, version, title, text, reason, author,
                    origin, amendment_id, created_at)
                VALUES (:id, :version, COALESCE(:title, (SELECT v.title FROM ledger_read.resolution_version v
                    WHERE v.resolution_id = :id AND v.version < :version ORDER BY v.version DESC LIMIT 1), ''),
                    :text, :reason, :author, :origin, :amendment, :at)
                ON CONFLICT (resolution_id, version) DO NOTHING
                """, new MapSqlParameterSource().addValue("id", id).addValue("version", version)
                .addValue("title", title).addValue("text", text).addValue("reason", reason)
                .addValue("author", code(author)).addValue("origin", origin).addValue("amendment", amendmentId)
                .addValue("at", Timestamp.from(e.occurredAt())));
    }


    private static MapSqlParameterSource params(ResolutionEvent e, long seq) {
        return new MapSqlParameterSource()
                .addValue("id", e.resolutionId().value())
                .addValue("seq", seq)
                .addValue("at", Timestamp.from(e.occurredAt()));
    }

    private static MapSqlParameterSource outcome(MapSqlParameterSource p, io.resolutionledger.api.value.Tally tally,
                                                 io.resolutionledger.api.value.VotingRule rule) {
        return p.addValue("rule", rule == null ? null : json(rule))
                .addValue("yes", tally == null ? null : tally.yes())
                .addValue("no", tally == null ? null : tally.no())
                .addValue("abstain", tally == null ? null : tally.abstain());
    }

    static String[] codes(List<DelegationCode> codes) {
        return codes.stream().map(DelegationCode::value).toArray(String[]::new);
    }

    private static String code(DelegationCode code) {
        return code == null ? null : code.value();
    }

    private static String json(Object value) {
        try {
            return LedgerJson.messageMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
