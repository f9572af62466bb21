package io.resolutionledger.query.mandates;

import io.resolutionledger.api.event.MandateGiven;
import io.resolutionledger.api.event.MandateReported;
import io.resolutionledger.query.config.Generation;
import io.resolutionledger.query.config.ReadModelGenerations;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.Date;
import java.sql.Timestamp;

/**
 * The mandates read model: each mandate of an adopted resolution with where it stands, and every report on it. In
 * the resolutions' processing group (keyed by the resolution, so a mandate's events come in their order, in the
 * transaction that stores the group's token). Mandates are a handful per resolution, so each event writes its row at
 * once instead of through a batch. Idempotent: a row takes only an event of a higher aggregate sequence than its
 * own, a report is keyed by its event's sequence. Built once per {@link Generation}: each instance writes its
 * generation's tables only.
 */
public class MandateProjection {

    private final NamedParameterJdbcTemplate jdbc;
    private final Generation generation;
    private final String mandate;
    private final String report;

    public MandateProjection(NamedParameterJdbcTemplate jdbc, Generation generation) {
        this.jdbc = jdbc;
        this.generation = generation;
        this.mandate = generation.table("mandate");
        this.report = generation.table("mandate_report");
    }

    /** One instance per generation, each in its generation's processor. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        ConfigurerModule mandateProjections(NamedParameterJdbcTemplate jdbc) {
            return ReadModelGenerations.projection(generation -> new MandateProjection(jdbc, generation));
        }
    }

    @EventHandler
    public void on(MandateGiven event, @SequenceNumber long sequence) {
        Timestamp at = Timestamp.from(event.occurredAt());
        jdbc.update("""
                INSERT INTO %s (mandate_id, resolution_id, task, owner, due, status, note, given_at,
                    updated_at, last_sequence)
                VALUES (:id, :resolution, :task, :owner, :due, 'OPEN', NULL, :at, :at, :seq)
                ON CONFLICT (mandate_id) DO NOTHING
                """.formatted(mandate), new MapSqlParameterSource("id", event.mandateId())
                .addValue("resolution", event.resolutionId().value()).addValue("task", event.task())
                .addValue("owner", event.owner().value()).addValue("due", Date.valueOf(event.due()))
                .addValue("at", at).addValue("seq", sequence));
    }

    @EventHandler
    public void on(MandateReported event, @SequenceNumber long sequence) {
        Timestamp at = Timestamp.from(event.occurredAt());
        MapSqlParameterSource p = new MapSqlParameterSource("id", event.mandateId())
                .addValue("resolution", event.resolutionId().value()).addValue("status", event.status().name())
                .addValue("note", event.note())
                .addValue("by", event.actor() == null ? null : event.actor().value())
                .addValue("at", at).addValue("seq", sequence);
        jdbc.update("""
                UPDATE %s SET status = :status, note = :note, updated_at = :at, last_sequence = :seq
                WHERE mandate_id = :id AND last_sequence < :seq
                """.formatted(mandate), p);
        jdbc.update("""
                INSERT INTO %s (resolution_id, sequence, mandate_id, status, note, reported_by,
                    reported_at)
                VALUES (:resolution, :seq, :id, :status, :note, :by, :at)
                ON CONFLICT (resolution_id, sequence) DO NOTHING
                """.formatted(report), p);
    }

    @ResetHandler
    public void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM " + report);
        jdbc.getJdbcTemplate().update("DELETE FROM " + mandate);
    }
}
