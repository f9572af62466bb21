package io.resolutionledger.query.mandates;

import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.query.security.Viewer;
import io.resolutionledger.query.web.InvalidParameterException;
import io.resolutionledger.query.web.Page;
import io.resolutionledger.query.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The follow-up of adopted resolutions: their mandates, by owner, and those overdue (API.md). */
@RestController
@RequestMapping(path = "/api/mandates", produces = MediaType.APPLICATION_JSON_VALUE)
public class MandateController {

    private final MandateQueries queries;

    public MandateController(MandateQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "Mandates of adopted resolutions, due first",
            description = "`owner`: a delegation code; `overdue=true`: only those past their due day and not done. "
                    + "Anonymous readers see the mandates of published resolutions only.")
    @GetMapping
    public Page<MandateView> list(@RequestParam(required = false) String owner,
                                  @RequestParam(required = false) Boolean overdue,
                                  @RequestParam(required = false) Integer page,
                                  @RequestParam(required = false) Integer size,
                                  Authentication authentication) {
        if (owner != null && !DelegationCode.isValid(owner)) {
            throw InvalidParameterException.of("owner", "is not a delegation code (e.g. DE-BY)");
        }
        return queries.find(owner, Boolean.TRUE.equals(overdue), Paging.of(page, size), Viewer.of(authentication));
    }
}
