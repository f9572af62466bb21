package io.resolutionledger.query.sessions;

import io.resolutionledger.api.value.Identifiers;
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

    public SessionController(SessionQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    public Page<SessionView> list(@RequestParam(required = false) Integer page,
                                  @RequestParam(required = false) Integer size, Authentication authentication) {
        return queries.find(Paging.of(page, size), Viewer.of(authentication));
    }

    @GetMapping("/{id}")
    public SessionView get(@PathVariable String id, Authentication authentication) {
        if (!Identifiers.isValid(id)) {
            throw InvalidParameterException.of("id", "is not a session id");
        }
        return queries.get(id, Viewer.of(authentication));
    }
}
