package io.resolutionledger.query.resolutions;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Translations of resolution versions (kept by {@link TranslationProjection}) and the reader's choice of language. A
 * reader asks with {@code ?lang=} or {@code Accept-Language}; the answer is the original (in
 * {@code ledger.translations.original}) unless a translation of that very version exists in a language the reader
 * prefers to it. The original stays authoritative: a translation is offered, never substituted silently (answers
 * say which language they are in and which others exist).
 */
@Component
public class Translations {

    /** A translation of one version. */
    public record Translation(String language, String title, String text, String translatedBy) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final String original;

    public Translations(NamedParameterJdbcTemplate jdbc, @Value("${ledger.translations.original:de}") String original) {
        this.jdbc = jdbc;
        this.original = original.strip().toLowerCase(Locale.ROOT);
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
