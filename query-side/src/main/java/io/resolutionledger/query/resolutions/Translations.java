package io.resolutionledger.query.resolutions;

import io.resolutionledger.api.event.TranslationAdded;
import io.resolutionledger.query.config.Batches;
import io.resolutionledger.query.config.Projections;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Translations of resolution versions: the projection that keeps them and the reader's choice of language. A reader
 * asks with {@code ?lang=} or {@code Accept-Language}; the answer is the original (in
 * {@code ledger.translations.original}) unless a translation of that very version exists in a language the reader
 * prefers to it. The original stays authoritative: a translation is offered, never substituted silently (answers
 * say which language they are in and which others exist).
 */
@Component
@ProcessingGroup(Projections.READ_MODELS)
public class Translations {

    private static final String BATCH = Translations.class.getName();
    private static final String UPSERT = """
            INSERT INTO ledger_read.resolution_translation (resolution_id, version, language, title, text,
                translated_by, translated_at, last_sequence)
            VALUES (:id, :version, :language, :title, :text, :by, :at, :seq)
            ON CONFLICT (resolution_id, version, language) DO UPDATE SET title = EXCLUDED.title, text = EXCLUDED.text,
                translated_by = EXCLUDED.translated_by, translated_at = EXCLUDED.translated_at,
                last_sequence = EXCLUDED.last_sequence
            WHERE resolution_translation.last_sequence < EXCLUDED.last_sequence
            """;

    /** A translation of one version. */
    public record Translation(String language, String title, String text, String translatedBy) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final String original;

    public Translations(NamedParameterJdbcTemplate jdbc, @Value("${ledger.translations.original:de}") String original) {
        this.jdbc = jdbc;
        this.original = original.strip().toLowerCase(Locale.ROOT);
    }

    @EventHandler
    public void on(TranslationAdded event, @SequenceNumber long sequence) {
        // keyed per version and language: within a batch the later translation wins, as in the table
        Batches.<Map<String, SqlParameterSource>>with(BATCH, LinkedHashMap::new, this::flush, batch ->
                batch.put(event.resolutionId().value() + "/" + event.version() + "/" + event.language(),
                        new MapSqlParameterSource("id", event.resolutionId().value())
                                .addValue("version", event.version()).addValue("language", event.language())
                                .addValue("title", event.title()).addValue("text", event.text())
                                .addValue("by", event.actor().value())
                                .addValue("at", Timestamp.from(event.occurredAt())).addValue("seq", sequence)));
    }

    @ResetHandler
    public void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM ledger_read.resolution_translation");
    }

    private void flush(Map<String, SqlParameterSource> batch) {
        if (!batch.isEmpty()) {
            jdbc.batchUpdate(UPSERT, batch.values().toArray(SqlParameterSource[]::new));
        }
    }

    /** The language of the texts as proposed. */
    public String original() {
        return original;
    }

    /** The languages one version is translated into, sorted. */
    public List<String> languages(String resolutionId, long version) {
        return jdbc.queryForList("SELECT language FROM ledger_read.resolution_translation WHERE resolution_id = :id "
                        + "AND version = :version ORDER BY language",
                new MapSqlParameterSource("id", resolutionId).addValue("version", version), String.class);
    }

    /** The translation into {@code language}; none for the original's language (no query then). */
    public Optional<Translation> translation(String resolutionId, long version, String language) {
        if (original.equals(language)) {
            return Optional.empty();
        }
        return jdbc.query("SELECT language, title, text, translated_by FROM ledger_read.resolution_translation "
                        + "WHERE resolution_id = :id AND version = :version AND language = :language",
                new MapSqlParameterSource("id", resolutionId).addValue("version", version)
                        .addValue("language", language),
                (rs, n) -> new Translation(rs.getString("language"), rs.getString("title"), rs.getString("text"),
                        rs.getString("translated_by")))
                .stream().findFirst();
    }

    /**
     * The language to answer in: {@code lang} when given (it must be the original or one of {@code available}),
     * else the first of the {@code Accept-Language} ranges that the original or a translation satisfies, else the
     * original.
     *
     * @throws IllegalArgumentException for a {@code lang} that is neither
     */
    public String choose(String lang, String acceptLanguage, List<String> available) {
        List<String> offered = new ArrayList<>(available);
        offered.add(0, original);
        if (lang != null) {
            String wanted = lang.strip().toLowerCase(Locale.ROOT);
            if (!offered.contains(wanted)) {
                throw new IllegalArgumentException("is offered in " + String.join(", ", offered) + " only");
            }
            return wanted;
        }
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return original;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                if (range.getWeight() == 0) {
                    continue; // q=0: explicitly not wanted
                }
                String primary = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                if (offered.contains(primary)) {
                    return primary;
                }
                if (primary.equals("*")) {
                    return original;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // a header we cannot read asks for nothing in particular
        }
        return original;
    }
}
