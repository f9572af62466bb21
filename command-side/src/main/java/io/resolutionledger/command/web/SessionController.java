package io.resolutionledger.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.api.command.CloseSession;
import io.resolutionledger.api.command.OpenSession;
import io.resolutionledger.api.command.ScheduleSession;
import io.resolutionledger.api.value.SessionId;
import io.resolutionledger.api.value.SessionKind;
import io.resolutionledger.command.config.LedgerProperties;
import io.resolutionledger.command.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

import static io.resolutionledger.command.web.TextRules.*;

/** Scheduling, opening and closing sessions: the chair's business (the aggregate checks who holds it). */
@RestController
@RequestMapping(path = "/api/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
public class SessionController {

    private final CommandDispatcher dispatcher;
    private final LedgerProperties properties;

    public SessionController(CommandDispatcher dispatcher, LedgerProperties properties) {
        this.dispatcher = dispatcher;
        this.properties = properties;
    }

    public record ScheduleRequest(
            @NotNull @LedgerIdentifier String sessionId,
            @NotNull @Min(1) @Max(100_000) Integer number,
            @NotNull @Pattern(regexp = "REGULAR|SPECIAL", message = "must be REGULAR or SPECIAL") String kind,
            @NotNull LocalDate date,
            @NotBlank @Size(max = PLACE_MAX) @Pattern(regexp = SINGLE_LINE, message = SINGLE_LINE_MESSAGE) String place) {
    }

    @PostMapping
    public ResponseEntity<JsonNode> schedule(@Valid @RequestBody ScheduleRequest body, Caller caller,
                                             HttpServletRequest http) {
        return dispatcher.send(http, caller, body, new ScheduleSession(SessionId.of(body.sessionId()),
                properties.conference().conferenceId(), body.number(), SessionKind.valueOf(body.kind()),
                body.date(), body.place(), caller.delegation()));
    }

    @PostMapping("/{id}/opening")
    public ResponseEntity<JsonNode> open(@PathVariable String id, Caller caller, HttpServletRequest http) {
        return dispatcher.send(http, caller, null, new OpenSession(Paths.session(id), caller.delegation()));
    }

    @PostMapping("/{id}/closing")
    public ResponseEntity<JsonNode> close(@PathVariable String id, Caller caller, HttpServletRequest http) {
        return dispatcher.send(http, caller, null, new CloseSession(Paths.session(id), caller.delegation()));
    }
}
