package io.resolutionledger.query.chair;

import io.resolutionledger.api.event.ChairHandedOver;
import io.resolutionledger.api.event.ConferenceEstablished;
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

import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;

/** The conference and every hand-over of its chair, keyed by the conference's event sequence (idempotent). */
@Component
@ProcessingGroup(Projections.CHAIR)
public class ChairProjection {

    private final NamedParameterJdbcTemplate jdbc;

    public ChairProjection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(ConferenceEstablished e, TrackingToken token, ReplayStatus replay) {
        jdbc.update("""
                INSERT INTO ledger_read.conference (conference_id, name, members, guests, established_at)
                VALUES (:id, :name, :members, :guests, :at)
                ON CONFLICT (conference_id) DO NOTHING
                """, new MapSqlParameterSource("id", e.conferenceId().value()).addValue("name", e.name())
                .addValue("members", codes(e.members())).addValue("guests", codes(e.guests()))
                .addValue("at", Timestamp.from(e.occurredAt())));
    }

    @EventHandler
    public void on(ChairHandedOver e, @SequenceNumber long seq, TrackingToken token, ReplayStatus replay) {
        jdbc.update("""
                INSERT INTO ledger_read.chair_handover (conference_id, sequence_number, year, from_holders, to_holders,
                    effective_from, actor, occurred_at)
                VALUES (:id, :seq, :year, :from, :to, :effective, :actor, :at)
                ON CONFLICT (conference_id, sequence_number) DO NOTHING
                """, new MapSqlParameterSource("id", e.conferenceId().value()).addValue("seq", seq)
                .addValue("year", e.year()).addValue("from", codes(e.from())).addValue("to", codes(e.to()))
                .addValue("effective", Date.valueOf(e.effectiveFrom()))
                .addValue("actor", e.actor() == null ? null : e.actor().value())
                .addValue("at", Timestamp.from(e.occurredAt())));
    }

    @ResetHandler
    public void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM ledger_read.chair_handover");
        jdbc.getJdbcTemplate().update("DELETE FROM ledger_read.conference");
    }

    private static String[] codes(List<DelegationCode> codes) {
        return codes.stream().map(DelegationCode::value).toArray(String[]::new);
    }
}
