package io.resolutionledger.query.resolutions;

import io.resolutionledger.api.event.TranslationAdded;
import io.resolutionledger.query.config.Batches;
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
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The translations of resolution versions ({@link Translations} reads them): one row per version and language, a
 * later translation replacing an earlier one; written once per batch ({@link Batches}). Built once per
 * {@link Generation}: each instance writes its generation's table only.
 */
public class TranslationProjection {

    private static final String UPSERT = """
            INSERT INTO %s AS resolution_translation (resolution_id, version, language, title, text,
                translated_by, translated_at, last_sequence)
            VALUES (:id, :version, :language, :title, :text, :by, :at, :seq)
            ON CONFLICT (resolution_id, version, language) DO UPDATE SET title = EXCLUDED.title, text = EXCLUDED.text,
                translated_by = EXCLUDED.translated_by, translated_at = EXCLUDED.translated_at,
                last_sequence = EXCLUDED.last_sequence
            WHERE resolution_translation.last_sequence < EXCLUDED.last_sequence
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final Generation generation;
    private final String batchKey;
    private final String upsert;

    public TranslationProjection(NamedParameterJdbcTemplate jdbc, Generation generation) {
        this.jdbc = jdbc;
        this.generation = generation;
        this.batchKey = TranslationProjection.class.getName() + "." + generation.suffix();
        this.upsert = UPSERT.formatted(generation.table("resolution_translation"));
    }

    /** One instance per generation, each in its generation's processor. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        ConfigurerModule translationProjections(NamedParameterJdbcTemplate jdbc) {
            return ReadModelGenerations.projection(generation -> new TranslationProjection(jdbc, generation));
        }
    }

    @EventHandler
    public void on(TranslationAdded event, @SequenceNumber long sequence) {
        // keyed per version and language: within a batch the later translation wins, as in the table
        Batches.<Map<String, SqlParameterSource>>with(batchKey, LinkedHashMap::new, this::flush, batch ->
                batch.put(event.resolutionId().value() + "/" + event.version() + "/" + event.language(),
                        new MapSqlParameterSource("id", event.resolutionId().value())
                                .addValue("version", event.version()).addValue("language", event.language())
                                .addValue("title", event.title()).addValue("text", event.text())
                                .addValue("by", event.actor().value())
                                .addValue("at", Timestamp.from(event.occurredAt())).addValue("seq", sequence)));
    }

    @ResetHandler
    public void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM " + generation.table("resolution_translation"));
    }

    private void flush(Map<String, SqlParameterSource> batch) {
        Batches.write(jdbc, upsert, batch.values());
    }
}
