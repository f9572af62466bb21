package io.resolutionledger.query.resolutions;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.api.value.Identifiers;
import io.resolutionledger.api.value.ResolutionStatus;
import io.resolutionledger.query.eventstore.Bitemporal;
import io.resolutionledger.query.resolutions.ResolutionViews.*;
import io.resolutionledger.query.security.Viewer;
import io.resolutionledger.query.web.InvalidParameterException;
import io.resolutionledger.query.web.Page;
import io.resolutionledger.query.web.Paging;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Resolutions: current state, versions and their diffs, tabled amendments and votes. */
@RestController
@RequestMapping("/api/resolutions")
public class ResolutionController {

    private static final int MAX_TOPIC_LENGTH = 100;

    private final ResolutionQueries queries;
    private final ResolutionTimeTravel timeTravel;
    private final LedgerProofs proofs;
    private final ResolutionSearch search;
    private final Translations translations;

    public ResolutionController(ResolutionQueries queries, ResolutionTimeTravel timeTravel, LedgerProofs proofs,
                                ResolutionSearch search, Translations translations) {
        this.queries = queries;
        this.timeTravel = timeTravel;
        this.proofs = proofs;
        this.search = search;
        this.translations = translations;
    }

    /**
     * A resolution's state with, once published, the link to its proof bundle, and with {@code asOf} when it was
     * rebuilt from the event store as of that instant; {@code language} is the language of its title and text,
     * {@code translations} the languages its current version is translated into, {@code originalLanguage} that of
     * the authoritative text.
     */
    public record ResolutionAnswer(@JsonUnwrapped ResolutionView resolution, Instant asOf, Instant knownAt,
                                   String proof, String language, String originalLanguage, List<String> translations) {
    }

    /** A version in the language asked for: {@code language} that of its title and text. */
    public record VersionAnswer(@JsonUnwrapped VersionView version, String language, String originalLanguage,
                                List<String> translations) {
    }

    @GetMapping
    public Page<ResolutionView> list(@RequestParam(required = false) ResolutionStatus status,
                                     @RequestParam(required = false) String sessionId,
                                     @RequestParam(required = false) String delegation,
                                     @RequestParam(required = false) String topic,
                                     @RequestParam(required = false) String q,
                                     @RequestParam(required = false) Integer page,
                                     @RequestParam(required = false) Integer size,
                                     @RequestParam(required = false) String asOf,
                                     @RequestParam(required = false) String knownAt,
                                     Authentication authentication) {
        if (sessionId != null && !Identifiers.isValid(sessionId)) {
            throw InvalidParameterException.of("sessionId", "is not a session id");
        }
        if (delegation != null && !DelegationCode.isValid(delegation)) {
            throw InvalidParameterException.of("delegation", "is not a delegation code (e.g. DE-BY)");
        }
        if (topic != null && (topic.isBlank() || topic.length() > MAX_TOPIC_LENGTH)) {
            throw InvalidParameterException.of("topic", "must be 1 to " + MAX_TOPIC_LENGTH + " characters");
        }
        ResolutionQueries.Filter filter = new ResolutionQueries.Filter(status, sessionId, delegation, topic);
        Bitemporal when = when(asOf, knownAt);
        if (q != null) {
            if (when.travels()) {
                throw InvalidParameterException.of("q", "searches the current state; leave out asOf and knownAt");
            }
            return search.search(q, filter, Paging.of(page, size), Viewer.of(authentication));
        }
        if (when.travels()) {
            return timeTravel.find(filter, Paging.of(page, size), Viewer.of(authentication), when);
        }
        return queries.find(filter, Paging.of(page, size), Viewer.of(authentication));
    }

    @GetMapping("/{id}")
    public ResponseEntity<ResolutionAnswer> get(@PathVariable String id, @RequestParam(required = false) String asOf,
                                                @RequestParam(required = false) String knownAt,
                                                @RequestParam(required = false) String lang,
                                                @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                                                String acceptLanguage,
                                                Authentication authentication) {
        Bitemporal when = when(asOf, knownAt);
        ResolutionView view;
        List<String> available;
        // translations are of a version; the version shown (also as of a past time) picks them
        if (when.travels()) {
            view = timeTravel.at(checked(id), when, Viewer.of(authentication));
            available = translations.languages(view.resolutionId(), view.version());
        } else {
            ResolutionQueries.Current current = queries.current(checked(id), Viewer.of(authentication));
            view = current.view();
            available = current.languages();
        }
        String language = language(lang, acceptLanguage, available);
        ResolutionView shown = translations.translation(view.resolutionId(), view.version(), language)
                .map(t -> view.translated(t.title(), t.text()))
                .orElse(view);
        return ResponseEntity.ok().eTag("\"" + view.version() + "\"").header(HttpHeaders.CONTENT_LANGUAGE, language)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .body(new ResolutionAnswer(shown, when.asOf(), when.knownAt(),
                        proofs.link(view.resolutionId(), view.status()), language, translations.original(), available));
    }

    /** {@code ?asOf=} (business time) and {@code ?knownAt=} (recording time), each optional. */
    public static Bitemporal when(String asOf, String knownAt) {
        return new Bitemporal(asOf == null ? null : instant("asOf", asOf),
                knownAt == null ? null : instant("knownAt", knownAt));
    }

    private String language(String lang, String acceptLanguage, List<String> available) {
        try {
            return translations.choose(lang, acceptLanguage, available);
        } catch (IllegalArgumentException e) {
            throw InvalidParameterException.of("lang", e.getMessage());
        }
    }

    /**
     * The proof bundle of a resolution (API.md): anonymous readers get it for published resolutions only, the same
     * 404 as for an unknown one otherwise. {@code since}: the size of a checkpoint the reader holds, for the
     * consistency proof from it.
     */
    @GetMapping(path = "/{id}/proof", produces = "application/json")
    public com.fasterxml.jackson.databind.JsonNode proof(@PathVariable String id,
                                                         @RequestParam(required = false) Long since,
                                                         Authentication authentication) {
        Viewer viewer = Viewer.of(authentication);
        ResolutionView view = queries.get(checked(id), viewer);
        if (!viewer.member() && view.status() != ResolutionStatus.PUBLISHED) {
            throw new io.resolutionledger.api.error.LedgerRefusedException(
                    io.resolutionledger.api.error.ErrorCode.RESOLUTION_NOT_FOUND, "no published resolution " + id);
        }
        if (since != null && since < 0) {
            throw InvalidParameterException.of("since", "must not be negative");
        }
        return proofs.bundle(view.resolutionId(), since).json();
    }

    @GetMapping("/{id}/versions")
    public Page<VersionView> versions(@PathVariable String id, @RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size, Authentication authentication) {
        return queries.versions(checked(id), Paging.of(page, size), Viewer.of(authentication));
    }

    @GetMapping("/{id}/versions/{version}")
    public ResponseEntity<VersionAnswer> version(@PathVariable String id, @PathVariable long version,
                                                 @RequestParam(required = false) String lang,
                                                 @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                                                 String acceptLanguage,
                                                 Authentication authentication) {
        VersionView view = queries.version(checked(id), positive("version", version), Viewer.of(authentication));
        List<String> available = translations.languages(view.resolutionId(), view.version());
        String language = language(lang, acceptLanguage, available);
        VersionView shown = translations.translation(view.resolutionId(), view.version(), language)
                .map(t -> new VersionView(view.resolutionId(), view.version(), t.title(), t.text(), view.reason(),
                        view.author(), view.origin(), view.amendmentId(), view.createdAt()))
                .orElse(view);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_LANGUAGE, language)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .body(new VersionAnswer(shown, language, translations.original(), available));
    }

    /**
     * A version's text as it is printed, line by line with the numbers that the PDF, the line-numbered diff and the
     * dashboard share (see {@link LineNumbering}).
     */
    @GetMapping("/{id}/versions/{version}/lines")
    public LineNumbering.NumberedText lines(@PathVariable String id, @PathVariable long version,
                                           Authentication authentication) {
        VersionView view = queries.version(checked(id), positive("version", version), Viewer.of(authentication));
        return LineNumbering.numbered(id, version, view.text());
    }

    /** A word diff ({@code format=words}, the default) or line-numbered hunks ({@code format=lines}). */
    @GetMapping("/{id}/versions/{version}/diff")
    public Object diff(@PathVariable String id, @PathVariable long version,
                       @RequestParam(required = false) Long against, @RequestParam(required = false) String format,
                       Authentication authentication) {
        if (against != null) {
            positive("against", against);
        }
        if ("lines".equals(format)) {
            Viewer viewer = Viewer.of(authentication);
            long base = against == null ? Math.max(1, version - 1) : against;
            VersionView to = queries.version(checked(id), positive("version", version), viewer);
            VersionView from = queries.version(id, base, viewer);
            return LineNumbering.diff(id, base, version, from.text(), to.text());
        }
        if (format != null && !"words".equals(format)) {
            throw InvalidParameterException.of("format", "must be words or lines");
        }
        return queries.diff(checked(id), positive("version", version), against, Viewer.of(authentication));
    }

    @GetMapping("/{id}/tabled-amendments")
    public List<TabledAmendmentView> tabledAmendments(@PathVariable String id, Authentication authentication) {
        return queries.tabledAmendments(checked(id), Viewer.of(authentication));
    }

    @GetMapping("/{id}/votes")
    public List<VoteView> votes(@PathVariable String id, Authentication authentication) {
        return queries.votes(checked(id), Viewer.of(authentication));
    }

    private static String checked(String id) {
        if (!Identifiers.isValid(id)) {
            throw InvalidParameterException.of("id", "is not a resolution id");
        }
        return id;
    }

    /** An ISO 8601 instant with offset; a '+' that a client forgot to encode arrives as a space. */
    static Instant instant(String field, String value) {
        try {
            return OffsetDateTime.parse(value.strip().replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidParameterException.of(field, "must be an ISO 8601 instant with offset, e.g. "
                    + "2024-04-19T14:00:00+02:00");
        }
    }

    private static long positive(String field, long value) {
        if (value < 1) {
            throw InvalidParameterException.of(field, "must be 1 or more");
        }
        return value;
    }
}
