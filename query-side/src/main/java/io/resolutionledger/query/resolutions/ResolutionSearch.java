package io.resolutionledger.query.resolutions;

import io.resolutionledger.query.resolutions.ResolutionViews.ResolutionView;
import io.resolutionledger.query.security.Viewer;
import io.resolutionledger.query.web.InvalidParameterException;
import io.resolutionledger.query.web.Page;
import io.resolutionledger.query.web.Paging;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Full-text search over the resolutions read model ({@code GET /api/resolutions?q=}), combined with the list's
 * filters. PostgreSQL does the matching with its {@code german} configuration (stems, stop words), so "Verwaltungen"
 * finds "Verwaltung"; the query is read with {@code websearch_to_tsquery}, which takes what people type into a
 * search box ("KI Verordnung", {@code "digitale Teilhabe"} in quotes, {@code -Breitband}) and never fails on syntax.
 * The condition repeats the expression of the GIN index of migration V250 verbatim, so that the index is used.
 * Read-only: the table belongs to {@link ResolutionProjection}; results are newest first, like the unfiltered list.
 */
@Component
@Transactional(readOnly = true)
public class ResolutionSearch {

    /** Longer than any title a person would type, short enough to keep the parser's work small. */
    public static final int MAX_QUERY_LENGTH = 200;

    /** The indexed document and the match condition; tests check that the planner can use the index. */
    static final String DOCUMENT = "to_tsvector('german'::regconfig, title || ' ' || text)";
    static final String QUERY = "websearch_to_tsquery('german'::regconfig, :q)";

    private final ResolutionQueries queries;

    public ResolutionSearch(ResolutionQueries queries) {
        this.queries = queries;
    }

    /** The search box's text, checked: 1 to {@value #MAX_QUERY_LENGTH} characters, not only blanks. */
    public static String checkedQuery(String q) {
        if (q.isBlank() || q.length() > MAX_QUERY_LENGTH) {
            throw InvalidParameterException.of("q", "must be 1 to " + MAX_QUERY_LENGTH + " characters");
        }
        if (q.chars().anyMatch(c -> c == 0)) {
            throw InvalidParameterException.of("q", "must not contain NUL characters");
        }
        return q.strip();
    }

    /** The list's answer (visibility, filters, order, paging) restricted to the resolutions that match {@code q}. */
    public Page<ResolutionView> search(String q, ResolutionQueries.Filter filter, Paging paging, Viewer viewer) {
        return queries.find(filter, paging, viewer, DOCUMENT + " @@ " + QUERY,
                new MapSqlParameterSource("q", checkedQuery(q)));
    }
}
