package io.resolutionledger.query.chair;

import io.resolutionledger.api.event.ChairHandedOver;
import io.resolutionledger.api.event.ConferenceEstablished;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.query.config.Batches;
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

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The conference and every hand-over of its chair, keyed by the conference's event sequence (idempotent); inserts
 * only, one JDBC batch per table per batch of events ({@link Batches}). Built once per {@link Generation}: each
 * instance writes its generation's tables only.
 */
public class ChairProjection {

    private static final String CONFERENCE = """
            INSERT INTO %s (conference_id, name, members, guests, established_at)
            VALUES (:id, :name, :members, :guests, :at)
            ON CONFLICT (conference_id) DO NOTHING
            """;
    private static final String HANDOVER = """
            INSERT INTO %s (conference_id, sequence_number, year, from_holders, to_holders,
                effective_from, actor, occurred_at)
            VALUES (:id, :seq, :year, :from, :to, :effective, :actor, :at)
            ON CONFLICT (conference_id, sequence_number) DO NOTHING
            """;

    private final NamedParameterJdbcTemplate jdbc;

    private final Generation generation;
    private final String batchKey;
    private final String insertConference;
    private final String insertHandover;

    public ChairProjection(NamedParameterJdbcTemplate jdbc, Generation generation) {
        this.jdbc = jdbc;
        this.generation = generation;
        this.batchKey = ChairProjection.class.getName() + "." + generation.suffix();
        this.insertConference = CONFERENCE.formatted(generation.table("conference"));
        this.insertHandover = HANDOVER.formatted(generation.table("chair_handover"));
    }

    /** One instance per generation, each in its generation's processor. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        ConfigurerModule chairProjections(NamedParameterJdbcTemplate jdbc) {
            return ReadModelGenerations.projection(generation -> new ChairProjection(jdbc, generation));
        }
    }

    private static final class Batch {
        final List<SqlParameterSource> conferences = new ArrayList<>();
        final List<SqlParameterSource> handovers = new ArrayList<>();
    }

    @EventHandler
    public void on(ConferenceEstablished e) {
        Batches.with(batchKey, Batch::new, this::flush, batch -> batch.conferences.add(
                new MapSqlParameterSource("id", e.conferenceId().value()).addValue("name", e.name())
                        .addValue("members", codes(e.members())).addValue("guests", codes(e.guests()))
                        .addValue("at", Timestamp.from(e.occurredAt()))));
    }

    @EventHandler
    public void on(ChairHandedOver e, @SequenceNumber long seq) {
        Batches.with(batchKey, Batch::new, this::flush, batch -> batch.handovers.add(
                new MapSqlParameterSource("id", e.conferenceId().value()).addValue("seq", seq)
                        .addValue("year", e.year()).addValue("from", codes(e.from())).addValue("to", codes(e.to()))
                        .addValue("effective", Date.valueOf(e.effectiveFrom()))
                        .addValue("actor", e.actor() == null ? null : e.actor().value())
                        .addValue("at", Timestamp.from(e.occurredAt()))));
    }

    @ResetHandler
    public void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM " + generation.table("chair_handover"));
        jdbc.getJdbcTemplate().update("DELETE FROM " + generation.table("conference"));
    }

    private void flush(Batch batch) {
        Batches.write(jdbc, insertConference, batch.conferences);
        Batches.write(jdbc, insertHandover, batch.handovers);
    }

    private static String[] codes(List<DelegationCode> codes) {
        return codes.stream().map(DelegationCode::value).toArray(String[]::new);
    }
}
