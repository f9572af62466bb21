package io.resolutionledger.query.publication;

import io.resolutionledger.api.value.Identifiers;
import io.resolutionledger.query.web.InvalidParameterException;
import io.resolutionledger.query.publication.Decisions.Decision;
import io.resolutionledger.query.resolutions.Translations;
import io.resolutionledger.query.resolutions.Translations.Translation;
import io.resolutionledger.query.sessions.SessionQueries.SessionView;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;

/**
 * The published Beschlüsse in the formats of the public sector: Akoma Ntoso per Beschluss, a PDF per session and an
 * Atom feed. Public and the same for every caller: only published resolutions exist here (404 otherwise).
 */
@RestController
public class PublicationController {

    private final Decisions decisions;
    private final PublicLinks links;
    private final Translations translations;

    public PublicationController(Decisions decisions, PublicLinks links, Translations translations) {
        this.decisions = decisions;
        this.links = links;
        this.translations = translations;
    }

    /**
     * The Beschluss as Akoma Ntoso: the original expression, or with {@code ?lang=} / {@code Accept-Language} the
     * expression of a translation of its published version.
     */
    @GetMapping("/api/resolutions/{id}/akn")
    public ResponseEntity<byte[]> akn(@PathVariable String id, @RequestParam(required = false) String lang,
                                      @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                                      String acceptLanguage) {
        Decision decision = decisions.get(checked(id, "resolution"));
        String resolution = decision.resolution().resolutionId();
        String language;
        try {
            language = translations.choose(lang, acceptLanguage,
                    translations.languages(resolution, decision.publishedVersion()));
        } catch (IllegalArgumentException e) {
            throw InvalidParameterException.of("lang", e.getMessage());
        }
        Translation translation = language.equals(translations.original()) ? null
                : translations.translation(resolution, decision.publishedVersion(), language).orElseThrow();
        byte[] document = AkomaNtoso.render(decision, links, translation);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(AkomaNtoso.MEDIA_TYPE + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_LANGUAGE, language).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(document);
    }

    @GetMapping("/api/sessions/{id}/decisions.pdf")
    public ResponseEntity<byte[]> decisionsPdf(@PathVariable String id) {
        SessionView session = decisions.session(checked(id, "session"));
        List<Decision> published = decisions.ofSession(id);
        String conference = decisions.conference(session.conferenceId()).map(c -> c.establishment().name())
                .orElse(session.conferenceId());
        byte[] pdf = DecisionsPdf.render(session, conference, published, links);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("beschluesse-" + id + ".pdf").build().toString())
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(pdf);
    }

    @GetMapping("/api/feed.atom")
    public ResponseEntity<byte[]> feed(@RequestParam(required = false) Integer page) {
        if (page != null && page < 1) {
            throw InvalidParameterException.of("page", "must be 1 or more");
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(AtomFeed.MEDIA_TYPE + ";charset=UTF-8"))
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .body(AtomFeed.render(decisions.all(), page == null ? 1 : page, links));
    }

    static String checked(String id, String kind) {
        if (!Identifiers.isValid(id)) {
            throw InvalidParameterException.of("id", "is not a " + kind + " id");
        }
        return id;
    }
}
