package io.resolutionledger.command.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.event.EventMetadata;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.api.value.Identifiers;
import io.resolutionledger.api.value.ResolutionId;
import io.resolutionledger.command.clock.BusinessClock;
import io.resolutionledger.command.idempotency.IdempotencyKey;
import io.resolutionledger.command.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/imports}: history recorded after the fact (API.md, "Recording history after the fact"). Each line
 * is one command with its actor and its business time, applied in order through the very route that handles it live
 * (same body, same validation, same command, same idempotency), so imported history obeys every rule live history
 * does; the only differences are the declared business time ({@link BusinessClock}) and the import's id on every
 * event it causes ({@link EventMetadata#IMPORT_ID}), beside the administrator who imported as {@code user}.
 * A refused line writes nothing and the next lines still apply; the answer reports each line.
 */
@RestController
@RequestMapping(path = "/api/imports")
public class HistoryImportController {

    public static final String NDJSON = "application/x-ndjson";
    public static final String IMPORT_ID_HEADER = "Import-Id";
    static final String ADMIN_ACTOR = "admin";

    private static final Logger log = LoggerFactory.getLogger(HistoryImportController.class);
    private static final ObjectMapper OUT = new ObjectMapper();
    private static final List<String> ANSWER_IDS = List.of("resolutionId", "itemId", "amendmentId", "mandateId",
            "sessionId");

    private final ObjectMapper bodies;
    private final Validator validator;
    private final BusinessClock clock;
    private final Map<String, LineRoute> routes;

    public HistoryImportController(ObjectMapper bodies, Validator validator, BusinessClock clock,
                                   ResolutionController resolutions, SessionController sessions,
                                   ChairController chair, MandateController mandates) {
        this.bodies = bodies;
        this.validator = validator;
        this.clock = clock;
        this.routes = routes(resolutions, sessions, chair, mandates);
    }

    /** One line of an import, as API.md gives it; {@code version} stands for the {@code If-Match} of amending routes. */
    record ImportLine(String command, String actor, String occurredAt, String idempotencyKey, JsonNode body,
                      String target, Long version) {
    }

    @FunctionalInterface
    private interface LineRoute {
        ResponseEntity<JsonNode> apply(ImportLine line, Caller caller, HttpServletRequest request);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ImportLineResult", description = "The outcome of one line of an import (one per line, in order)")
    public record LineResult(
            @Schema(description = "the line's number, from 1") int line,
            @Schema(description = "the HTTP status its route answers") int status,
            @Schema(description = "the refusal's code, for a refused line") String code,
            @Schema(description = "the id of what the line created or changed") String id,
            @Schema(description = "why a line was refused") String detail,
            @Schema(description = "true when the line's idempotency key was imported before: nothing new written")
            Boolean replayed) {
    }

    @Operation(summary = "Record history after the fact (admin)",
            description = "One command per line: {command, actor, occurredAt, idempotencyKey, body, target}. Lines "
                    + "apply in order; a refused line is reported with its code and writes nothing, the others still "
                    + "apply. occurredAt may not precede the target's latest event (OUT_OF_ORDER) nor lie in the "
                    + "future (OCCURRED_IN_FUTURE). Answers one result per line.")
    // NDJSON is a sequence of JSON texts, not one JSON value: OpenAPI 3.0/3.1 can only call the whole body a string
    // (3.2's itemSchema would name LineResult per item), so the lines' shape is in the description
    @ApiResponse(responseCode = "200", description = "one result per line",
            content = @Content(mediaType = NDJSON, schema = @Schema(type = "string", description = "one JSON object "
                    + "per line, in the order of the request's lines: {line, status, code?, id?, detail?, replayed?} "
                    + "(line: its number; status: what its route answered; code and detail: why it was refused; "
                    + "id: what it created or changed; replayed: true when its idempotency key was imported before), "
                    + "e.g. {\"line\":2,\"status\":409,\"code\":\"OUT_OF_ORDER\",\"detail\":\"…\"}")))
    @PostMapping(consumes = NDJSON, produces = NDJSON)
    public ResponseEntity<String> importHistory(@RequestBody String ndjson, Caller caller, HttpServletRequest http) {
        String importId = Identifiers.newId();
        StringBuilder answer = new StringBuilder();
        String[] lines = ndjson.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            LineResult result = apply(i + 1, lines[i], caller, importId, http);
            try {
                answer.append(OUT.writeValueAsString(result)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a line's result", e);
            }
        }
        return ResponseEntity.ok().header(IMPORT_ID_HEADER, importId)
                .contentType(MediaType.parseMediaType(NDJSON)).body(answer.toString());
    }

    private LineResult apply(int number, String text, Caller admin, String importId, HttpServletRequest http) {
        ImportLine line = null;
        try {
            line = parse(text);
            LineRoute route = routes.get(line.command());
            if (route == null) {
                throw new InvalidRequestException(ErrorCode.UNKNOWN_COMMAND, "No command '" + line.command()
                        + "' can be imported; one of " + String.join(", ", routes.keySet()) + ".");
            }
            Instant occurredAt = occurredAt(line);
            Map<String, Object> metaData = Map.of(EventMetadata.OCCURRED_AT, occurredAt.toString(),
                    EventMetadata.IMPORT_ID, importId);
            ResponseEntity<JsonNode> answer = route.apply(line, callerFor(line, admin),
                    new LineRequest(http, line, metaData));
            boolean replayed = answer.getHeaders().containsKey(CommandDispatcher.REPLAYED_HEADER);
            return new LineResult(number, answer.getStatusCode().value(), null, idOf(line, answer.getBody()), null,
                    replayed ? Boolean.TRUE : null);
        } catch (RuntimeException failure) {
            ProblemDetailsAdvice.Classified refusal = ProblemDetailsAdvice.classify(failure);
            if (refusal.code() == ErrorCode.INTERNAL_ERROR) {
                log.error("import {} line {} failed unexpectedly", importId, number, failure);
            }
            String detail = refusal.detail();
            if (failure instanceof InvalidRequestException invalid && !invalid.errors().isEmpty()) {
                detail = detail + " " + invalid.errors().stream()
                        .map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("");
            }
            return new LineResult(number, refusal.code().httpStatus(), refusal.code().name(),
                    line == null ? null : line.target(), detail, null);
        }
    }

    private ImportLine parse(String text) {
        JsonNode node;
        try {
            node = bodies.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(ErrorCode.MALFORMED_REQUEST, "The line is not a JSON object.");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException(ErrorCode.MALFORMED_REQUEST, "The line is not a JSON object.");
        }
        JsonNode version = node.get("version");
        if (version != null && !version.isNull() && !version.canConvertToLong()) {
            throw InvalidRequestException.field("version", "must be a whole number");
        }
        ImportLine line = new ImportLine(text(node, "command"), text(node, "actor"), text(node, "occurredAt"),
                text(node, "idempotencyKey"), node.get("body"), text(node, "target"),
                version == null || version.isNull() ? null : version.asLong());
        if (line.command() == null) {
            throw InvalidRequestException.field("command", "names the command, e.g. ProposeResolution");
        }
        if (line.actor() == null || !(ADMIN_ACTOR.equals(line.actor()) || DelegationCode.isValid(line.actor()))) {
            throw InvalidRequestException.field("actor", "a member's code (e.g. DE-BB) or 'admin'");
        }
        if (line.idempotencyKey() == null || !IdempotencyKey.isValid(line.idempotencyKey())) {
            throw InvalidRequestException.field("idempotencyKey", "every line carries its own key (a UUID), so "
                    + "that importing the same lines again writes nothing new");
        }
        return line;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw InvalidRequestException.field(field, "must be a string");
        }
        return value.asText();
    }

    private Instant occurredAt(ImportLine line) {
        if (line.occurredAt() == null) {
            throw InvalidRequestException.field("occurredAt", "the business time of the line (ISO-8601 instant)");
        }
        Instant occurredAt;
        try {
            occurredAt = java.time.OffsetDateTime.parse(line.occurredAt()).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.field("occurredAt", "an ISO-8601 instant with offset, e.g. "
                    + "2024-04-19T09:00:00+02:00");
        }
        Instant now = clock.wallClock().instant();
        if (occurredAt.isAfter(now)) {
            throw new InvalidRequestException(ErrorCode.OCCURRED_IN_FUTURE, "occurredAt " + occurredAt
                    + " lies in the future (now " + now + "); the ledger records what has happened");
        }
        return occurredAt;
    }

    /** The line's actor acts, as its token would say; the administrator who imports stays the {@code user}. */
    private static Caller callerFor(ImportLine line, Caller admin) {
        if (ADMIN_ACTOR.equals(line.actor())) {
            return new Caller(admin.subject(), null, Set.of(Caller.Role.ADMIN));
        }
        return new Caller(admin.subject(), DelegationCode.of(line.actor()), Set.of(Caller.Role.DELEGATE));
    }

    private static String idOf(ImportLine line, JsonNode answer) {
        if (answer != null) {
            for (String field : ANSWER_IDS) {
                if (answer.path(field).isTextual()) {
                    return answer.path(field).asText();
                }
            }
        }
        if (line.target() != null) {
            return line.target();
        }
        return line.body() != null && line.body().path("sessionId").isTextual()
                ? line.body().path("sessionId").asText() : null;
    }

    // ---- the bodies, read and validated as their routes read and validate them

    private <T> T body(ImportLine line, Class<T> type, String... lineOnlyFields) {
        if (line.body() == null || line.body().isNull()) {
            throw InvalidRequestException.field("body", "this command needs the body of its route");
        }
        return optionalBody(line, type, lineOnlyFields);
    }

    private <T> T optionalBody(ImportLine line, Class<T> type, String... lineOnlyFields) {
        JsonNode node = line.body();
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw InvalidRequestException.field("body", "must be a JSON object");
        }
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        for (String field : lineOnlyFields) {
            copy.remove(field);
        }
        T value;
        try {
            value = bodies.treeToValue(copy, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw InvalidRequestException.field("body", "does not have the shape of its route's body");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(ErrorCode.VALIDATION_FAILED, "The request has invalid fields.",
                    violations.stream()
                            .map(v -> new ProblemWriter.FieldProblem("body." + v.getPropertyPath(), v.getMessage()))
                            .sorted(Comparator.comparing(ProblemWriter.FieldProblem::field))
                            .toList());
        }
        return value;
    }

    private static String bodyText(ImportLine line, String field) {
        JsonNode value = line.body() == null ? null : line.body().get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private static String ifMatch(ImportLine line) {
        return line.version() == null ? null : "\"" + line.version() + "\"";
    }

    /** Every importable command (API.md: the lifecycle's commands and the sessions' and the chair's). */
    private Map<String, LineRoute> routes(ResolutionController resolutions, SessionController sessions,
                                          ChairController chair, MandateController mandates) {
        Map<String, LineRoute> r = new LinkedHashMap<>();
        r.put("ProposeResolution", (l, c, h) -> {
            String named = bodyText(l, "resolutionId") != null ? bodyText(l, "resolutionId") : l.target();
            ResolutionId id = named == null ? ResolutionId.of(Identifiers.newId()) : Paths.resolution(named);
            return resolutions.propose(id, body(l, ResolutionController.ProposeRequest.class, "resolutionId"), c, h);
        });
        r.put("AmendResolution", (l, c, h) -> resolutions.amend(l.target(),
                body(l, ResolutionController.AmendRequest.class), ifMatch(l), c, h));
        r.put("TableAmendment", (l, c, h) -> resolutions.table(l.target(),
                body(l, ResolutionController.TableRequest.class), c, h));
        r.put("AddTranslation", (l, c, h) -> resolutions.translate(l.target(),
                body(l, ResolutionController.TranslationRequest.class), c, h));
        r.put("AcceptTabledAmendment", (l, c, h) -> resolutions.accept(l.target(), bodyText(l, "amendmentId"),
                ifMatch(l), c, h));
        r.put("DeclineTabledAmendment", (l, c, h) -> resolutions.decline(l.target(), bodyText(l, "amendmentId"),
                optionalBody(l, ResolutionController.ReasonRequest.class, "amendmentId"), c, h));
        r.put("CoSponsorResolution", (l, c, h) -> resolutions.coSponsor(l.target(), c, h));
        r.put("WithdrawResolution", (l, c, h) -> resolutions.withdraw(l.target(),
                optionalBody(l, ResolutionController.ReasonRequest.class), c, h));
        r.put("OpenVote", (l, c, h) -> resolutions.openVote(l.target(),
                optionalBody(l, ResolutionController.OpenVoteRequest.class), c, h));
        r.put("CastVote", (l, c, h) -> resolutions.vote(l.target(),
                body(l, ResolutionController.VoteRequest.class), c, h));
        r.put("AdoptResolution", (l, c, h) -> resolutions.adopt(l.target(), c, h));
        r.put("RejectResolution", (l, c, h) -> resolutions.reject(l.target(),
                optionalBody(l, ResolutionController.ReasonRequest.class), c, h));
        r.put("PublishResolution", (l, c, h) -> resolutions.publish(l.target(),
                body(l, ResolutionController.PublishRequest.class), c, h));
        r.put("TransferResolution", (l, c, h) -> resolutions.transfer(l.target(),
                body(l, ResolutionController.TransferRequest.class), c, h));
        // between and after sessions: a written procedure imported after its deadline has no job to decide it; its
        // ConcludeWrittenProcedure line (actor: the chair or admin, occurredAt at or after the deadline) records the
        // decision the deadline gives
        r.put("OpenWrittenProcedure", (l, c, h) -> resolutions.openWrittenProcedure(l.target(),
                body(l, ResolutionController.WrittenProcedureRequest.class), c, h));
        r.put("ConcludeWrittenProcedure", (l, c, h) -> resolutions.concludeWrittenProcedure(l.target(), c, h));
        r.put("GiveMandate", (l, c, h) -> {
            String named = bodyText(l, "mandateId");
            String id = named == null ? Identifiers.newId() : Paths.mandate(named);
            return mandates.give(l.target(), id, body(l, MandateController.MandateRequest.class, "mandateId"), c, h);
        });
        r.put("ReportOnMandate", (l, c, h) -> mandates.report(l.target(), bodyText(l, "mandateId"),
                body(l, MandateController.ReportRequest.class, "mandateId"), c, h));
        r.put("HandOverChair", (l, c, h) -> chair.handOver(body(l, ChairController.HandOverRequest.class), c, h));
        r.put("ScheduleSession", (l, c, h) -> sessions.schedule(body(l, SessionController.ScheduleRequest.class),
                c, h));
        r.put("OpenSession", (l, c, h) -> sessions.open(l.target(), c, h));
        r.put("CloseSession", (l, c, h) -> sessions.close(l.target(), c, h));
        r.put("AddAgendaItem", (l, c, h) -> sessions.addAgendaItem(l.target(),
                body(l, SessionController.AgendaItemRequest.class), c, h));
        r.put("ReorderAgenda", (l, c, h) -> sessions.reorderAgenda(l.target(),
                body(l, SessionController.AgendaOrderRequest.class), c, h));
        r.put("RecordAttendance", (l, c, h) -> sessions.attendance(l.target(),
                body(l, SessionController.AttendanceRequest.class), c, h));
        r.put("PostponeSession", (l, c, h) -> sessions.postpone(l.target(),
                body(l, SessionController.PostponementRequest.class), c, h));
        r.put("CancelSession", (l, c, h) -> sessions.cancel(l.target(),
                body(l, SessionController.CancellationRequest.class), c, h));
        return Map.copyOf(r);
    }

    /**
     * The import request as one line's route sees it: the line's idempotency key and version as headers, an address
     * of its own (so that one key never matches another line's request), and the metadata the dispatcher adds.
     */
    private static final class LineRequest extends HttpServletRequestWrapper {

        private final ImportLine line;
        private final Map<String, Object> metaData;

        LineRequest(HttpServletRequest request, ImportLine line, Map<String, Object> metaData) {
            super(request);
            this.line = line;
            this.metaData = metaData;
        }

        @Override
        public String getHeader(String name) {
            if (IdempotencyKey.HEADER.equalsIgnoreCase(name)) {
                return line.idempotencyKey();
            }
            if (HttpHeaders.IF_MATCH.equalsIgnoreCase(name)) {
                return ifMatch(line);
            }
            return super.getHeader(name);
        }

        @Override
        public String getMethod() {
            return "POST";
        }

        @Override
        public String getRequestURI() {
            return "/api/imports/" + line.command() + (line.target() == null ? "" : "/" + line.target());
        }

        @Override
        public Object getAttribute(String name) {
            return CommandDispatcher.IMPORT_METADATA.equals(name) ? metaData : super.getAttribute(name);
        }
    }
}
