package io.resolutionledger.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.resolutionledger.api.command.AddAgendaItem;
import io.resolutionledger.api.command.CancelSession;
import io.resolutionledger.api.command.CloseSession;
import io.resolutionledger.api.command.OpenSession;
import io.resolutionledger.api.command.PostponeSession;
import io.resolutionledger.api.command.RecordAttendance;
import io.resolutionledger.api.command.ReorderAgenda;
import io.resolutionledger.api.command.ScheduleSession;
import io.resolutionledger.api.value.AgendaItemKind;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.api.value.Identifiers;
import io.resolutionledger.api.value.ResolutionId;
import io.resolutionledger.api.value.SessionId;
import io.resolutionledger.api.value.SessionKind;
import io.resolutionledger.command.config.LedgerProperties;
import io.resolutionledger.command.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

import static io.resolutionledger.command.web.TextRules.*;

/**
 * Scheduling, opening, closing, postponing and cancelling sessions, their agendas and attendance: the chair's business
 * (the aggregate checks who holds it).
 */
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
            @NotNull @Pattern(regexp = "REGULAR|SPECIAL|INFORMAL", message = "must be REGULAR, SPECIAL or INFORMAL") String kind,
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

    public record AttendanceRequest(
            @DelegationCodeShape String delegation,
            @DelegationCodeShape String guest,
            @Size(max = NAME_MAX) @Pattern(regexp = SINGLE_LINE, message = SINGLE_LINE_MESSAGE) String name,
            @NotNull Boolean present) {

        @AssertTrue(message = "name either a member delegation or a guest")
        @JsonIgnore
        public boolean isDelegationOrGuest() {
            return (delegation == null) != (guest == null);
        }
    }

    @Operation(summary = "Record a member or a guest as present or absent (chair)",
            description = "Once any member's attendance is recorded, the quorum counts the members recorded present "
                    + "and a member not present may not vote in this session (409 NOT_PRESENT).")
    @PostMapping("/{id}/attendance")
    public ResponseEntity<JsonNode> attendance(@PathVariable String id, @Valid @RequestBody AttendanceRequest body,
                                               Caller caller, HttpServletRequest http) {
        SessionId session = Paths.session(id);
        return dispatcher.send(http, caller, body, new RecordAttendance(session, code(body.delegation()),
                code(body.guest()), body.name(), body.present(), caller.delegation()));
    }

    public record PostponementRequest(
            @NotNull LocalDate date,
            @NotBlank @Size(max = REASON_MAX) @Pattern(regexp = MULTI_LINE, message = MULTI_LINE_MESSAGE) String reason) {
    }

    @Operation(summary = "Postpone a session not yet opened to another date (chair)")
    @PostMapping("/{id}/postponement")
    public ResponseEntity<JsonNode> postpone(@PathVariable String id, @Valid @RequestBody PostponementRequest body,
                                             Caller caller, HttpServletRequest http) {
        SessionId session = Paths.session(id);
        return dispatcher.send(http, caller, body,
                new PostponeSession(session, body.date(), body.reason(), caller.delegation()));
    }

    public record CancellationRequest(
            @NotBlank @Size(max = REASON_MAX) @Pattern(regexp = MULTI_LINE, message = MULTI_LINE_MESSAGE) String reason) {
    }

    @Operation(summary = "Cancel a session not yet opened (chair)")
    @PostMapping("/{id}/cancellation")
    public ResponseEntity<JsonNode> cancel(@PathVariable String id, @Valid @RequestBody CancellationRequest body,
                                           Caller caller, HttpServletRequest http) {
        SessionId session = Paths.session(id);
        return dispatcher.send(http, caller, body, new CancelSession(session, body.reason(), caller.delegation()));
    }

    public record AgendaItemRequest(
            @NotNull @Pattern(regexp = "RESOLUTION|REPORT|OTHER", message = "must be RESOLUTION, REPORT or OTHER") String kind,
            @NotBlank @Size(max = TITLE_MAX) @Pattern(regexp = SINGLE_LINE, message = SINGLE_LINE_MESSAGE) String title,
            @LedgerIdentifier String resolutionId,
            @Size(max = NAME_MAX) @Pattern(regexp = SINGLE_LINE, message = SINGLE_LINE_MESSAGE) String presenter) {
    }

    @Operation(summary = "Put an item on the session's agenda (chair)",
            description = "Answers 201 with the item's id and its number (after the last item).")
    @PostMapping("/{id}/agenda-items")
    public ResponseEntity<JsonNode> addAgendaItem(@PathVariable String id, @Valid @RequestBody AgendaItemRequest body,
                                                  Caller caller, HttpServletRequest http) {
        SessionId session = Paths.session(id);
        return dispatcher.send(http, caller, body, new AddAgendaItem(session, Identifiers.newId(),
                AgendaItemKind.valueOf(body.kind()), body.title(),
                body.resolutionId() == null ? null : ResolutionId.of(body.resolutionId()), body.presenter(),
                caller.delegation()));
    }

    public record AgendaOrderRequest(
            @NotNull @Size(max = AGENDA_MAX) List<@NotNull @LedgerIdentifier String> items) {
    }

    @Operation(summary = "Put every agenda item in a new order, before the session opens (chair)")
    @PutMapping("/{id}/agenda-order")
    public ResponseEntity<JsonNode> reorderAgenda(@PathVariable String id, @Valid @RequestBody AgendaOrderRequest body,
                                                  Caller caller, HttpServletRequest http) {
        SessionId session = Paths.session(id);
        return dispatcher.send(http, caller, body, new ReorderAgenda(session, body.items(), caller.delegation()));
    }

    private static DelegationCode code(String value) {
        return value == null ? null : DelegationCode.of(value);
    }
}
