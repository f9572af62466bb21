package io.resolutionledger.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.api.command.HandOverChair;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.command.config.LedgerProperties;
import io.resolutionledger.command.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

/**
 * Hand-overs of the chair: by a holder of the previous year (a delegate), or, for the very first chair only, by an
 * administrator, whose command then has no acting delegation.
 */
@RestController
@RequestMapping(path = "/api/chair", produces = MediaType.APPLICATION_JSON_VALUE)
public class ChairController {

    static final int MAX_HOLDERS = 2;

    private final CommandDispatcher dispatcher;
    private final LedgerProperties properties;

    public ChairController(CommandDispatcher dispatcher, LedgerProperties properties) {
        this.dispatcher = dispatcher;
        this.properties = properties;
    }

    public record HandOverRequest(
            @NotNull @Min(1900) @Max(2999) Integer year,
            @NotNull @Size(min = 1, max = 16) List<@NotNull @DelegationCodeShape String> to,
            @NotNull LocalDate effectiveFrom) {
    }

    @PostMapping("/handovers")
    public ResponseEntity<JsonNode> handOver(@Valid @RequestBody HandOverRequest body, Caller caller,
                                             HttpServletRequest http) {
        if (body.to().size() > MAX_HOLDERS) {
            throw new InvalidRequestException(ErrorCode.TOO_MANY_CHAIR_HOLDERS,
                    "The chair is held by one or two delegations, not " + body.to().size() + ".");
        }
        List<DelegationCode> to = body.to().stream().map(DelegationCode::of).toList();
        boolean asDelegate = caller.has(Caller.Role.DELEGATE) && caller.delegation() != null;
        return dispatcher.send(http, caller, body, new HandOverChair(properties.conference().conferenceId(),
                body.year(), to, body.effectiveFrom(), asDelegate ? caller.delegation() : null, !asDelegate));
    }
}
