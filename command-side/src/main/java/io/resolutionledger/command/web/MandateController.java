package io.resolutionledger.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.api.command.GiveMandate;
import io.resolutionledger.api.command.ReportOnMandate;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.api.value.Identifiers;
import io.resolutionledger.api.value.MandateStatus;
import io.resolutionledger.command.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
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

/** Mandates of adopted resolutions and the reports that follow them up (API.md, "Between and after sessions"). */
@RestController
@RequestMapping(path = "/api/resolutions/{id}/mandates", produces = MediaType.APPLICATION_JSON_VALUE)
public class MandateController {

    private final CommandDispatcher dispatcher;

    public MandateController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    public record MandateRequest(
            @NotBlank @Size(max = REASON_MAX) @Pattern(regexp = MULTI_LINE, message = MULTI_LINE_MESSAGE) String task,
            @NotNull @DelegationCodeShape String owner,
            @NotNull LocalDate due) {
    }

    public record ReportRequest(
            @NotNull @Pattern(regexp = "IN_PROGRESS|DONE", message = "must be IN_PROGRESS or DONE") String status,
            @Size(max = REASON_MAX) @Pattern(regexp = MULTI_LINE, message = MULTI_LINE_MESSAGE) String note) {
    }

    @Operation(summary = "Give a mandate of an adopted resolution (chair)",
            description = "A task for a member delegation (`owner`) due on a date; answers 201 {mandateId}.")
    @PostMapping
    public ResponseEntity<JsonNode> give(@PathVariable String id, @Valid @RequestBody MandateRequest body,
                                         Caller caller, HttpServletRequest http) {
        return give(id, Identifiers.newId(), body, caller, http);
    }

    /** The same with the mandate's id given (an import names it, so that its later reports can name it too). */
    ResponseEntity<JsonNode> give(String id, String mandateId, MandateRequest body, Caller caller,
                                  HttpServletRequest http) {
        return dispatcher.send(http, caller, body, new GiveMandate(Paths.resolution(id), mandateId,
                body.task(), DelegationCode.of(body.owner()), body.due(), caller.delegation()));
    }

    @Operation(summary = "Report on a mandate (its owner, or the chair)",
            description = "IN_PROGRESS or DONE, with an optional note; a mandate reported done takes no more reports "
                    + "(409 MANDATE_DONE).")
    @PostMapping("/{mandateId}/reports")
    public ResponseEntity<JsonNode> report(@PathVariable String id, @PathVariable String mandateId,
                                           @Valid @RequestBody ReportRequest body,
                                           Caller caller, HttpServletRequest http) {
        return dispatcher.send(http, caller, body, new ReportOnMandate(Paths.resolution(id),
                Paths.mandate(mandateId), MandateStatus.valueOf(body.status()), body.note(), caller.delegation()));
    }
}
