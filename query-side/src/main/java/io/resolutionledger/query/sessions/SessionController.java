package io.resolutionledger.query.sessions;

import io.resolutionledger.api.value.Identifiers;
import io.resolutionledger.query.resolutions.ResolutionController;
import io.resolutionledger.query.security.Viewer;
import io.resolutionledger.query.sessions.SessionQueries.SessionView;
import io.resolutionledger.query.web.InvalidParameterException;
import io.resolutionledger.query.web.Page;
import io.resolutionledger.query.web.Paging;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sessions with their agenda and outcomes, newest first. */
@RestController
@RequestMapping("/api/sessions")
public class SessionController {

    private final SessionQueries queries;
    private final SessionReads reads;

    public SessionController(SessionQueries queries, SessionReads reads) {
        this.queries = queries;
        this.reads = reads;
    }

    @GetMapping
    public Page<SessionView> list(@RequestParam(required = false) Integer page,
                                  @RequestParam(required = false) Integer size, Authentication authentication) {
        return queries.find(Paging.of(page, size), Viewer.of(authentication));
    }

    /**
     * One session with its agenda items in order (their outcomes once it closed) and its attendance, folded from the
     * event store; {@code asOf} (business time) and {@code knownAt} (recording time) read it as it was then.
     */
    @GetMapping("/{id}")
    public SessionView get(@PathVariable String id, @RequestParam(required = false) String asOf,
                           @RequestParam(required = false) String knownAt, Authentication authentication) {
        if (!Identifiers.isValid(id)) {
            throw InvalidParameterException.of("id", "is not a session id");
        }
        return reads.get(id, ResolutionController.when(asOf, knownAt), Viewer.of(authentication));
    }
}
