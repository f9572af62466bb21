package io.resolutionledger.query.stats;

import io.resolutionledger.api.event.*;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.query.config.Projections;
import io.resolutionledger.query.stream.Changes;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The facts per resolution that the figures are counted from (status, sponsor, co-sponsors, topics). Counting
 * happens on read: a few thousand rows grouped three ways, always consistent with each other, nothing to drift.
 */
@Component
@ProcessingGroup(Projections.STATS)
public class StatsProjection {

    private final NamedParameterJdbcTemplate jdbc;

    public StatsProjection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(ResolutionProposed e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        jdbc.update("""
                INSERT INTO ledger_read.stats_resolution (resolution_id, status, sponsor, co_sponsors, topics,
                    last_sequence)
                VALUES (:id, 'PROPOSED', :sponsor, :coSponsors, :topics, :seq)
                ON CONFLICT (resolution_id) DO NOTHING
                """, new MapSqlParameterSource("id", e.resolutionId().value()).addValue("seq", seq)
                .addValue("sponsor", e.sponsor().value())
                .addValue("coSponsors", e.coSponsors().stream().map(DelegationCode::value).toArray(String[]::new))
                .addValue("topics", e.topics().toArray(String[]::new)));
    }

    @EventHandler
    public void on(CoSponsorJoined e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        jdbc.update("""
                UPDATE ledger_read.stats_resolution SET last_sequence = :seq,
                    co_sponsors = CASE WHEN :delegation = ANY(co_sponsors) THEN co_sponsors
                                       ELSE array_append(co_sponsors, CAST(:delegation AS text)) END
                WHERE resolution_id = :id AND last_sequence < :seq
                """, new MapSqlParameterSource("id", e.resolutionId().value()).addValue("seq", seq)
                .addValue("delegation", e.actor().value()));
    }

    /** Every other resolution event: a new status where it decides one, and the sequence in any case. */
    @EventHandler
    public void on(ResolutionEvent e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        String status = Changes.statusAfter(e);
        jdbc.update("""
                UPDATE ledger_read.stats_resolution SET last_sequence = :seq, status = COALESCE(:status, status)
                WHERE resolution_id = :id AND last_sequence < :seq
                """, new MapSqlParameterSource("id", e.resolutionId().value()).addValue("seq", seq)
                .addValue("status", status));
    }

    @ResetHandler
    public void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM ledger_read.stats_resolution");
    }
}
