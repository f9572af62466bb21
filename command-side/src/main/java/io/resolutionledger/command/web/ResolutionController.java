package io.resolutionledger.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.api.command.AcceptTabledAmendment;
import io.resolutionledger.api.command.AddTranslation;
import io.resolutionledger.api.command.AdoptResolution;
import io.resolutionledger.api.command.AmendResolution;
import io.resolutionledger.api.command.CastVote;
import io.resolutionledger.api.command.CoSponsorResolution;
import io.resolutionledger.api.command.DeclineTabledAmendment;
import io.resolutionledger.api.command.OpenVote;
import io.resolutionledger.api.command.OpenWrittenProcedure;
import io.resolutionledger.api.command.ConcludeWrittenProcedure;
import io.resolutionledger.api.command.ProposeResolution;
import io.resolutionledger.api.command.PublishResolution;
import io.resolutionledger.api.command.RejectResolution;
import io.resolutionledger.api.command.TableAmendment;
import io.resolutionledger.api.command.TransferResolution;
import io.resolutionledger.api.command.WithdrawResolution;
import io.resolutionledger.api.value.AmendmentId;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.api.value.Identifiers;
import io.resolutionledger.api.value.ResolutionId;
import io.resolutionledger.api.value.SessionId;
import io.resolutionledger.api.value.VoteChoice;
import io.resolutionledger.command.config.LedgerProperties;
import io.resolutionledger.command.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;
import java.util.List;

import static io.resolutionledger.command.web.TextRules.*;

/** Commands on resolutions (API.md, command side). The acting delegation is always the caller's, from its token. */
@RestController
@RequestMapping(path = "/api/resolutions", produces = MediaType.APPLICATION_JSON_VALUE)
public class ResolutionController {

    private final CommandDispatcher dispatcher;

    public ResolutionController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    public record ProposeRequest(
            @NotNull @LedgerIdentifier String sessionId,
            @NotBlank @Size(max = TITLE_MAX) @Pattern(regexp = SINGLE_LINE, message = SINGLE_LINE_MESSAGE) String title,
            @NotBlank @Size(max = TEXT_MAX) @Pattern(regexp = MULTI_LINE, message = MULTI_LINE_MESSAGE) String text,
            @Size(max = TOPICS_MAX) List<@NotNull @Size(max = TOPIC_MAX) @Pattern(regexp = TOPIC, message = TOPIC_MESSAGE) String> topics,
            @Size(max = CO_SPONSORS_MAX) List<@NotNull @DelegationCodeShape String> coSponsors,
            @Size(max = PARTIES_MAX) List<@NotNull @Size(max = PARTY_MAX) @Pattern(regexp = PARTY, message = PARTY_MESSAGE) String> addressees,
            @Size(max = PARTIES_MAX) List<@NotNull @Size(max = PARTY_MAX) @Pattern(regexp = PARTY, message = PARTY_MESSAGE) String> partners) {
    }

    /** A direct amendment; {@code addressees} and {@code partners}, when given, replace the resolution's. */
    public record AmendRequest(
            @Size(max = TITLE_MAX) @Pattern(regexp = SINGLE_LINE, message = SINGLE_LINE_MESSAGE) String title,
            @NotBlank @Size(max = TEXT_MAX) @Pattern(regexp = MULTI_LINE, message = MULTI_LINE_MESSAGE) String text,
            @Size(max = REASON_MAX) @Pattern(regexp = MULTI_LINE, message = MULTI_LINE_MESSAGE) String reason,
            @Size(max = PARTIES_MAX) List<@NotNull @Size(max = PARTY_MAX) @Pattern(regexp = PARTY, message = PARTY_MESSAGE) String> addressees,
            @Size(max = PARTIES_MAX) List<@NotNull @Size(max = PARTY_MAX) @Pattern(regexp = PARTY, message = PARTY_MESSAGE) String> partners) {
    }

    /** An amendment tabled for the sponsor: a text (and title), no change of addressees. */
    public record TableRequest(
            @Size(max = TITLE_MAX) @Pattern(regexp = SINGLE_LINE, message = SINGLE_LINE_MESSAGE) String title,
            @NotBlank @Size(max = TEXT_MAX) @Pattern(regexp = MULTI_LINE, message = MULTI_LINE_MESSAGE) String text,
            @Size(max = REASON_MAX) @Pattern(regexp = MULTI_LINE, message = MULTI_LINE_MESSAGE) String reason) {
    }

    public record TranslationRequest(
            @NotNull @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 language code in lower case, e.g. en") String language,
            @NotNull @jakarta.validation.constraints.Positive Long version,
            @NotBlank @Size(max = TITLE_MAX) @Pattern(regexp = SINGLE_LINE, message = SINGLE_LINE_MESSAGE) String title,
            @NotBlank @Size(max = TEXT_MAX) @Pattern(regexp = MULTI_LINE, message = MULTI_LINE_MESSAGE) String text) {
    }

    public record ReasonRequest(
            @Size(max = REASON_MAX) @Pattern(regexp = MULTI_LINE, message = MULTI_LINE_MESSAGE) String reason) {
    }

    public record VoteRequest(
            @NotNull @Pattern(regexp = "YES|NO|ABSTAIN", message = "must be YES, NO or ABSTAIN") String choice) {
    }

    public record PublishRequest(
            @NotBlank @Size(max = REFERENCE_MAX) @Pattern(regexp = SINGLE_LINE, message = SINGLE_LINE_MESSAGE) String reference) {
    }

    @PostMapping
    public ResponseEntity<JsonNode> propose(@Valid @RequestBody ProposeRequest body, Caller caller,
                                            HttpServletRequest http) {
        return propose(ResolutionId.of(Identifiers.newId()), body, caller, http);
    }

    /** A proposal under a given id: the history import's lines may name the id that their later lines target. */
    ResponseEntity<JsonNode> propose(ResolutionId id, ProposeRequest body, Caller caller, HttpServletRequest http) {
        List<DelegationCode> coSponsors = body.coSponsors() == null ? List.of()
                : body.coSponsors().stream().map(DelegationCode::of).toList();
        return dispatcher.send(http, caller, body, new ProposeResolution(id, SessionId.of(body.sessionId()),
                body.title(), body.text(), body.topics(), coSponsors, body.addressees(), body.partners(),
                caller.delegation()));
    }

    @PostMapping("/{id}/amendments")
    public ResponseEntity<JsonNode> amend(@PathVariable String id, @Valid @RequestBody AmendRequest body,
                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                          Caller caller, HttpServletRequest http) {
        ResolutionId resolution = Paths.resolution(id);
        long expected = Paths.expectedVersion(ifMatch);
        return dispatcher.send(http, caller, body, new AmendResolution(resolution, expected, body.title(),
                body.text(), body.reason(), body.addressees(), body.partners(), caller.delegation()));
    }

    /** A translation of one version (API.md "Publication"): the sponsor's; the original stays authoritative. */
    @PostMapping("/{id}/translations")
    public ResponseEntity<JsonNode> translate(@PathVariable String id, @Valid @RequestBody TranslationRequest body,
                                              Caller caller, HttpServletRequest http) {
        return dispatcher.send(http, caller, body, new AddTranslation(Paths.resolution(id), body.version(),
                body.language(), body.title(), body.text(), caller.delegation()));
    }

    @PostMapping("/{id}/tabled-amendments")
    public ResponseEntity<JsonNode> table(@PathVariable String id, @Valid @RequestBody TableRequest body,
                                          Caller caller, HttpServletRequest http) {
        ResolutionId resolution = Paths.resolution(id);
        return dispatcher.send(http, caller, body, new TableAmendment(resolution,
                AmendmentId.of(Identifiers.newId()), body.title(), body.text(), body.reason(), caller.delegation()));
    }

    @PostMapping("/{id}/tabled-amendments/{amendmentId}/acceptance")
    public ResponseEntity<JsonNode> accept(@PathVariable String id, @PathVariable String amendmentId,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                           Caller caller, HttpServletRequest http) {
        ResolutionId resolution = Paths.resolution(id);
        AmendmentId amendment = Paths.amendment(amendmentId);
        long expected = Paths.expectedVersion(ifMatch);
        return dispatcher.send(http, caller, null,
                new AcceptTabledAmendment(resolution, amendment, expected, caller.delegation()));
    }

    @PostMapping("/{id}/tabled-amendments/{amendmentId}/declination")
    public ResponseEntity<JsonNode> decline(@PathVariable String id, @PathVariable String amendmentId,
                                            @Valid @RequestBody(required = false) ReasonRequest body,
                                            Caller caller, HttpServletRequest http) {
        ResolutionId resolution = Paths.resolution(id);
        AmendmentId amendment = Paths.amendment(amendmentId);
        return dispatcher.send(http, caller, body,
                new DeclineTabledAmendment(resolution, amendment, reason(body), caller.delegation()));
    }

    @PostMapping("/{id}/cosponsors")
    public ResponseEntity<JsonNode> coSponsor(@PathVariable String id, Caller caller, HttpServletRequest http) {
        return dispatcher.send(http, caller, null, new CoSponsorResolution(Paths.resolution(id), caller.delegation()));
    }

    @PostMapping("/{id}/withdrawal")
    public ResponseEntity<JsonNode> withdraw(@PathVariable String id,
                                             @Valid @RequestBody(required = false) ReasonRequest body,
                                             Caller caller, HttpServletRequest http) {
        return dispatcher.send(http, caller, body,
                new WithdrawResolution(Paths.resolution(id), reason(body), caller.delegation()));
    }

    public record OpenVoteRequest(
            @Size(max = RULE_NAME_MAX) @Pattern(regexp = LedgerProperties.Conference.RULE_NAME,
                    message = "must be a rule's name: lower-case words joined by hyphens") String rule) {
    }

    @Operation(summary = "Open the vote (chair, session open)",
            description = "Optional body {\"rule\": name} picks a rule of the conference's catalogue; the default "
                    + "applies without one. Answers the version put to the vote and the rule's name and terms; "
                    + "an unknown rule is 400 UNKNOWN_RULE.")
    @PostMapping("/{id}/voting")
    public ResponseEntity<JsonNode> openVote(@PathVariable String id,
                                             @Valid @RequestBody(required = false) OpenVoteRequest body,
                                             Caller caller, HttpServletRequest http) {
        ResolutionId resolution = Paths.resolution(id);
        return dispatcher.send(http, caller, body,
                new OpenVote(resolution, body == null ? null : body.rule(), caller.delegation()));
    }

    public record WrittenProcedureRequest(
            @NotNull OffsetDateTime deadline,
            @Size(max = RULE_NAME_MAX) @Pattern(regexp = LedgerProperties.Conference.RULE_NAME,
                    message = "must be a rule's name: lower-case words joined by hyphens") String rule) {
    }

    @Operation(summary = "Put a proposed resolution to a vote in writing (chair; no session needed)",
            description = "Body {\"deadline\": ISO 8601 instant with offset, \"rule\"?: name}. Members vote with "
                    + "POST …/votes until the deadline; then the ledger adopts when the rule is met and rejects "
                    + "otherwise, by itself, or earlier once no outstanding vote can change the outcome. Answers the "
                    + "version put to the vote, the rule and the deadline.")
    @PostMapping("/{id}/written-procedure")
    public ResponseEntity<JsonNode> openWrittenProcedure(@PathVariable String id,
                                                         @Valid @RequestBody WrittenProcedureRequest body,
                                                         Caller caller, HttpServletRequest http) {
        ResolutionId resolution = Paths.resolution(id);
        return dispatcher.send(http, caller, body, new OpenWrittenProcedure(resolution,
                body.deadline().toInstant(), body.rule(), caller.delegation()));
    }

    @Operation(summary = "Record a written procedure's end after its deadline (chair or admin)",
            description = "The ledger decides a written procedure by itself at its deadline. This records the same "
                    + "decision (the rule over the votes cast before the deadline, decidedBy DEADLINE) where no job "
                    + "fired it: a procedure imported after its deadline, or a deadline missed. Before the deadline "
                    + "409 DEADLINE_NOT_REACHED; once decided 409 INVALID_STATE_TRANSITION.")
    @PostMapping("/{id}/written-procedure/conclusion")
    public ResponseEntity<JsonNode> concludeWrittenProcedure(@PathVariable String id, Caller caller,
                                                             HttpServletRequest http) {
        boolean admin = caller.delegation() == null && caller.has(Caller.Role.ADMIN);
        if (!admin && caller.delegation() == null) {
            throw new io.resolutionledger.api.error.LedgerRefusedException(
                    io.resolutionledger.api.error.ErrorCode.FORBIDDEN,
                    "the chair of the session's date or an administrator records a written procedure's end");
        }
        return dispatcher.send(http, caller, null, new ConcludeWrittenProcedure(Paths.resolution(id),
                caller.delegation(), admin));
    }

    @PostMapping("/{id}/votes")
    public ResponseEntity<JsonNode> vote(@PathVariable String id, @Valid @RequestBody VoteRequest body,
                                         Caller caller, HttpServletRequest http) {
        ResolutionId resolution = Paths.resolution(id);
        return dispatcher.send(http, caller, body,
                new CastVote(resolution, VoteChoice.valueOf(body.choice()), caller.delegation()));
    }

    @PostMapping("/{id}/adoption")
    public ResponseEntity<JsonNode> adopt(@PathVariable String id, Caller caller, HttpServletRequest http) {
        return dispatcher.send(http, caller, null, new AdoptResolution(Paths.resolution(id), caller.delegation()));
    }

    @PostMapping("/{id}/rejection")
    public ResponseEntity<JsonNode> reject(@PathVariable String id,
                                           @Valid @RequestBody(required = false) ReasonRequest body,
                                           Caller caller, HttpServletRequest http) {
        return dispatcher.send(http, caller, body,
                new RejectResolution(Paths.resolution(id), reason(body), caller.delegation()));
    }

    @PostMapping("/{id}/publication")
    public ResponseEntity<JsonNode> publish(@PathVariable String id, @Valid @RequestBody PublishRequest body,
                                            Caller caller, HttpServletRequest http) {
        ResolutionId resolution = Paths.resolution(id);
        return dispatcher.send(http, caller, body,
                new PublishResolution(resolution, body.reference(), caller.delegation()));
    }

    public record TransferRequest(@NotNull @LedgerIdentifier String sessionId) {
    }

    @Operation(summary = "Move a resolution not yet voted on to a coming session (chair)")
    @PostMapping("/{id}/transfer")
    public ResponseEntity<JsonNode> transfer(@PathVariable String id, @Valid @RequestBody TransferRequest body,
                                             Caller caller, HttpServletRequest http) {
        ResolutionId resolution = Paths.resolution(id);
        return dispatcher.send(http, caller, body,
                new TransferResolution(resolution, SessionId.of(body.sessionId()), caller.delegation()));
    }

    private static String reason(ReasonRequest body) {
        return body == null ? null : body.reason();
    }
}
