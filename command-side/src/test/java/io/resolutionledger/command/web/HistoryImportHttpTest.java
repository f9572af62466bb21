package io.resolutionledger.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.command.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/imports}: history recorded after the fact, line by line, through the routes that handle it live.
 */
class HistoryImportHttpTest extends CommandHttpTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    io.resolutionledger.command.security.Pseudonyms pseudonyms;

    private Response importLines(String token, List<Map<String, Object>> lines) {
        StringBuilder body = new StringBuilder();
        lines.forEach(line -> body.append(json(line)).append('\n'));
        return importBody(token, body.toString(), "application/x-ndjson");
    }

    private Response importBody(String token, String body, String contentType) {
        HttpRequest.Builder builder = request("/api/imports")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", contentType);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return send(builder.build());
    }

    private static List<JsonNode> results(Response r) {
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/x-ndjson"));
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.raw().split("\n")) {
            if (!line.isBlank()) {
                try {
                    out.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    private static Map<String, Object> line(String command, String actor, String occurredAt, String target,
                                            Object body) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("command", command);
        line.put("actor", actor);
        line.put("occurredAt", occurredAt);
        line.put("idempotencyKey", UUID.randomUUID().toString());
        if (target != null) {
            line.put("target", target);
        }
        if (body != null) {
            line.put("body", body);
        }
        return line;
    }

    private String occurredAt(String resolutionOrSession, int sequence) {
        return jdbc.queryForObject("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'occurredAt' "
                + "FROM ledger_write.domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                String.class, resolutionOrSession, sequence);
    }

    private String metaData(String aggregateId, int sequence, String key) {
        return jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8')::jsonb ->> ? "
                + "FROM ledger_write.domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                String.class, key, aggregateId, sequence);
    }

    private Instant recordedAt(String aggregateId, int sequence) {
        return Instant.parse(jdbc.queryForObject("SELECT time_stamp FROM ledger_write.domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number = ?", String.class, aggregateId, sequence));
    }

    /** A session of 2024 run from scheduling to adoption, with one refused line in the middle and one out of order. */
    private List<Map<String, Object>> sessionDay(String session, String resolution) {
        List<Map<String, Object>> lines = new ArrayList<>();
        lines.add(line("ScheduleSession", CHAIR, "2024-03-01T09:00:00+01:00", null, Map.of("sessionId", session,
                "number", 1, "kind", "REGULAR", "date", "2024-04-19", "place", "Potsdam")));
        lines.add(line("ProposeResolution", SPONSOR, "2024-03-10T10:00:00+01:00", null, Map.of(
                "resolutionId", resolution, "sessionId", session, "title", "Smart Region",
                "text", "Die Digitalministerkonferenz beschließt …", "topics", List.of("smart-city"),
                "coSponsors", List.of())));
        // refused: the session is not open yet, so no vote opens (nothing written, the next lines still apply)
        lines.add(line("OpenVote", CHAIR, "2024-03-11T10:00:00+01:00", resolution, null));
        lines.add(line("OpenSession", "DE-BB", "2024-04-19T09:00:00+02:00", session, null));
        lines.add(line("OpenVote", CHAIR, "2024-04-19T11:00:00+02:00", resolution, Map.of("rule", "qualified-majority")));
        // refused: dated before the resolution's latest event (the vote opened at 11:00)
        lines.add(line("CastVote", "DE-HH", "2024-04-19T10:30:00+02:00", resolution, Map.of("choice", "YES")));
        for (String member : MEMBERS.subList(0, 13)) {
            lines.add(line("CastVote", member, "2024-04-19T11:05:00+02:00", resolution, Map.of("choice", "YES")));
        }
        lines.add(line("AdoptResolution", "DE-BB", "2024-04-19T11:30:00+02:00", resolution, null));
        lines.add(line("CloseSession", CHAIR, "2024-04-19T17:00:00+02:00", session, null));
        return lines;
    }

    @Test
    void linesApplyInOrderWithTheirBusinessTimeAndARefusedLineWritesNothingWhileTheOthersApply() {
        ensureChair2024();
        String session = newId("imported-s");
        String resolution = UUID.randomUUID().toString();
        Instant before = Instant.now();
        List<JsonNode> results = results(importLines(TestTokens.admin(), sessionDay(session, resolution)));

        assertThat(results).hasSize(21);
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).get("line").asInt()).isEqualTo(i + 1);
        }
        assertThat(results.get(0).get("status").asInt()).as(results.get(0).toString()).isEqualTo(201);
        assertThat(results.get(0).get("id").asText()).isEqualTo(session);
        assertThat(results.get(1).get("status").asInt()).as(results.get(1).toString()).isEqualTo(201);
        assertThat(results.get(1).get("id").asText()).isEqualTo(resolution);
        assertThat(results.get(2).get("status").asInt()).isEqualTo(409);
        assertThat(results.get(2).get("code").asText()).isEqualTo("SESSION_NOT_OPEN");
        assertThat(results.get(3).get("status").asInt()).as(results.get(3).toString()).isEqualTo(200);
        assertThat(results.get(4).get("status").asInt()).as(results.get(4).toString()).isEqualTo(200);
        assertThat(results.get(5).get("status").asInt()).isEqualTo(409);
        assertThat(results.get(5).get("code").asText()).isEqualTo("OUT_OF_ORDER");
        for (int i = 6; i < 21; i++) {
            assertThat(results.get(i).get("status").asInt()).as(results.get(i).toString()).isEqualTo(200);
            assertThat(results.get(i).has("code")).isFalse();
        }

        // proposed, vote opened, 13 votes, adopted: the refused lines wrote nothing
        assertThat(eventCount(resolution)).isEqualTo(16);
        assertThat(eventCount(session)).isEqualTo(3);
        // business time as declared, recording time now, and the import says so on every event
        assertThat(Instant.parse(occurredAt(resolution, 0))).isEqualTo(Instant.parse("2024-03-10T09:00:00Z"));
        assertThat(Instant.parse(occurredAt(resolution, 15))).isEqualTo(Instant.parse("2024-04-19T09:30:00Z"));
        assertThat(Instant.parse(occurredAt(session, 2))).isEqualTo(Instant.parse("2024-04-19T15:00:00Z"));
        assertThat(recordedAt(resolution, 15)).isAfterOrEqualTo(before.minusSeconds(1));
        String importId = metaData(resolution, 0, "importId");
        assertThat(importId).isNotBlank();
        assertThat(metaData(resolution, 15, "importId")).isEqualTo(importId);
        assertThat(metaData(session, 0, "importId")).isEqualTo(importId);
        // the administrator as a pseudonym (security.Pseudonyms), never the token's sub
        assertThat(metaData(resolution, 0, "user")).isEqualTo(pseudonyms.of("admin-1"));
        // on whose behalf the administrator recorded it, as the payload's actor says
        assertThat(metaData(resolution, 0, "delegation")).isEqualTo(SPONSOR);
    }

    /** Quartz jobs whose stored data names this resolution (Axon keeps the deadline's scope and payload there). */
    private long storedDeadlines(String resolution) {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_write.qrtz_job_details"
                + " WHERE position(convert_to(?, 'UTF8') in job_data) > 0", Long.class, resolution);
    }

    @Test
    void aWrittenProcedureAndAMandateAreImportedAndThePastDeadlineIsRecordedNotScheduled() {
        ensureChair2024();
        String session = newId("imported-w");
        String rejected = newId("w-rejected");
        String adopted = newId("w-adopted");
        String mandate = newId("m");
        List<Map<String, Object>> lines = new ArrayList<>();
        lines.add(line("ScheduleSession", CHAIR, "2024-06-01T09:00:00+02:00", null, Map.of("sessionId", session,
                "number", 2, "kind", "REGULAR", "date", "2024-10-24", "place", "Berlin")));
        for (String resolution : List.of(rejected, adopted)) {
            lines.add(line("ProposeResolution", SPONSOR, "2024-06-10T10:00:00+02:00", null, Map.of(
                    "resolutionId", resolution, "sessionId", session, "title", "Pilotstudie",
                    "text", "Die Digitalministerkonferenz beauftragt …", "topics", List.of("economy"),
                    "coSponsors", List.of())));
            lines.add(line("OpenWrittenProcedure", CHAIR, "2024-06-12T09:00:00+02:00", resolution,
                    Map.of("deadline", "2024-06-26T12:00:00+02:00")));
        }
        // 12 YES and 1 NO under the qualified majority (13 YES): three outstanding members could still carry it
        for (String member : MEMBERS.subList(0, 12)) {
            lines.add(line("CastVote", member, "2024-06-20T10:00:00+02:00", rejected, Map.of("choice", "YES")));
        }
        lines.add(line("CastVote", MEMBERS.get(12), "2024-06-20T11:00:00+02:00", rejected, Map.of("choice", "NO")));
        // line 19: too early; line 20: a vote after the deadline; line 21: the end, recorded after the deadline
        lines.add(line("ConcludeWrittenProcedure", "admin", "2024-06-25T09:00:00+02:00", rejected, null));
        lines.add(line("CastVote", MEMBERS.get(13), "2024-06-27T09:00:00+02:00", rejected, Map.of("choice", "YES")));
        lines.add(line("ConcludeWrittenProcedure", "admin", "2024-06-27T09:00:00+02:00", rejected, null));
        // the 13th YES settles the other one at once (no outstanding vote can change it)
        for (String member : MEMBERS.subList(0, 13)) {
            lines.add(line("CastVote", member, "2024-06-21T10:00:00+02:00", adopted, Map.of("choice", "YES")));
        }
        lines.add(line("GiveMandate", CHAIR, "2024-07-01T10:00:00+02:00", adopted, Map.of("mandateId", mandate,
                "task", "Die Pilotstudie mit Bund und WMK aufsetzen", "owner", "DE-BB", "due", "2024-12-31")));
        lines.add(line("ReportOnMandate", "DE-BB", "2024-11-12T10:00:00+01:00", adopted, Map.of("mandateId",
                mandate, "status", "DONE", "note", "Auftakt am 12. November")));

        List<JsonNode> results = results(importLines(TestTokens.admin(), lines));
        assertThat(results).hasSize(36);
        assertThat(results.get(18).get("code").asText()).as(results.get(18).toString()).isEqualTo("DEADLINE_NOT_REACHED");
        assertThat(results.get(19).get("code").asText()).as(results.get(19).toString()).isEqualTo("DEADLINE_PASSED");
        for (int i = 0; i < results.size(); i++) {
            if (i != 18 && i != 19) {
                assertThat(results.get(i).get("status").asInt()).as(results.get(i).toString()).isBetween(200, 201);
            }
        }
        assertThat(results.get(34).get("id").asText()).isEqualTo(mandate);

        // the deadline decided, at the deadline, by the rule; the admin's line only recorded that it had passed
        JsonNode outcome = lastEvent(rejected);
        assertThat(outcome.path("decidedBy").asText()).isEqualTo("DEADLINE");
        assertThat(outcome.path("actor").isNull()).isTrue();
        assertThat(Instant.parse(outcome.path("occurredAt").asText())).isEqualTo(Instant.parse("2024-06-26T10:00:00Z"));
        assertThat(outcome.path("tally").path("yes").asInt()).isEqualTo(12);
        assertThat(typeOfLast(rejected)).endsWith("ResolutionRejected");
        assertThat(typeOfLast(adopted)).endsWith("MandateReported");
        // a job for a deadline in the wall clock's past would have fired before the votes were in: none is stored
        assertThat(storedDeadlines(rejected)).isZero();
        assertThat(storedDeadlines(adopted)).isZero();

        // the same line live, while its deadline lies ahead, is refused; its job is stored (the check can fail)
        String live = propose(session(false));
        Response early = post("/api/resolutions/" + live + "/written-procedure/conclusion", TestTokens.delegate(CHAIR),
                null);
        assertProblem(early, 409, "INVALID_STATE_TRANSITION");
        Response opened = post("/api/resolutions/" + live + "/written-procedure", TestTokens.delegate(CHAIR),
                json(Map.of("deadline", Instant.now().plus(java.time.Duration.ofDays(3)).toString())));
        assertThat(opened.status()).as(opened.raw()).isEqualTo(200);
        assertThat(storedDeadlines(live)).isEqualTo(1);
        assertProblem(post("/api/resolutions/" + live + "/written-procedure/conclusion", TestTokens.delegate(CHAIR),
                null), 409, "DEADLINE_NOT_REACHED");
        assertProblem(post("/api/resolutions/" + live + "/written-procedure/conclusion", TestTokens.delegate("DE-HH"),
                null), 403, "NOT_CHAIR");
        assertThat(post("/api/resolutions/" + live + "/written-procedure/conclusion", TestTokens.auditor(), null)
                .status()).isEqualTo(403);
    }

    private JsonNode lastEvent(String aggregate) {
        try {
            return JSON.readTree(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM "
                    + "ledger_write.domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number DESC"
                    + " LIMIT 1", String.class, aggregate));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String typeOfLast(String aggregate) {
        return jdbc.queryForObject("SELECT payload_type FROM ledger_write.domain_event_entry WHERE "
                + "aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1", String.class, aggregate);
    }

    @Test
    void importingTheSameLinesAgainWritesNothingNewAndAnswersAsTheFirstTime() {
        ensureChair2024();
        String session = newId("imported-s");
        String resolution = UUID.randomUUID().toString();
        List<Map<String, Object>> lines = sessionDay(session, resolution);
        List<JsonNode> first = results(importLines(TestTokens.admin(), lines));
        long resolutionEvents = eventCount(resolution);
        long sessionEvents = eventCount(session);

        List<JsonNode> again = results(importLines(TestTokens.admin(), lines));
        assertThat(again).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            if (first.get(i).get("status").asInt() < 300) {
                // a line that was written answers as it did the first time
                assertThat(again.get(i).get("status")).isEqualTo(first.get(i).get("status"));
                assertThat(again.get(i).path("id")).isEqualTo(first.get(i).path("id"));
                assertThat(again.get(i).path("replayed").asBoolean()).as(again.get(i).toString()).isTrue();
            } else {
                // a refused line wrote nothing and left no answer to replay: it is judged again, and refused again
                assertThat(again.get(i).get("status").asInt()).as(again.get(i).toString()).isEqualTo(409);
            }
        }
        assertThat(eventCount(resolution)).isEqualTo(resolutionEvents);
        assertThat(eventCount(session)).isEqualTo(sessionEvents);

        // the same key with another line is refused, as over HTTP
        Map<String, Object> changed = new LinkedHashMap<>(lines.get(3));
        changed.put("occurredAt", "2024-04-19T09:10:00+02:00");
        changed.put("target", newId("other"));
        List<JsonNode> reused = results(importLines(TestTokens.admin(), List.of(changed)));
        assertThat(reused.get(0).get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void aLineDatedBeforeItsAggregatesLatestEventIsRefusedAndWritesNothing() {
        ensureChair2024();
        String session = newId("imported-s");
        List<JsonNode> results = results(importLines(TestTokens.admin(), List.of(
                line("ScheduleSession", CHAIR, "2024-03-01T09:00:00Z", null, Map.of("sessionId", session,
                        "number", 1, "kind", "REGULAR", "date", "2024-04-19", "place", "Potsdam")),
                line("OpenSession", CHAIR, "2024-04-19T09:00:00Z", session, null),
                line("CloseSession", CHAIR, "2024-04-19T08:59:59Z", session, null))));
        assertThat(results.get(2).get("status").asInt()).isEqualTo(409);
        assertThat(results.get(2).get("code").asText()).isEqualTo("OUT_OF_ORDER");
        assertThat(results.get(2).get("detail").asText()).contains("precedes");
        assertThat(eventCount(session)).isEqualTo(2);
    }

    @Test
    void badLinesAreReportedWithTheirCodesAndWriteNothing() {
        ensureChair2024();
        String session = newId("imported-s");
        String future = Instant.now().plusSeconds(3600).toString();
        Map<String, Object> noKey = line("OpenSession", CHAIR, "2024-04-19T09:00:00Z", session, null);
        noKey.remove("idempotencyKey");
        List<JsonNode> results = results(importBody(TestTokens.admin(), String.join("\n",
                json(line("ScheduleSession", CHAIR, future, null, Map.of("sessionId", session, "number", 1,
                        "kind", "REGULAR", "date", "2024-04-19", "place", "Potsdam"))),
                json(line("EstablishConference", "admin", "2024-01-01T00:00:00Z", "DMK", Map.of())),
                "{not json",
                json(noKey),
                json(line("ScheduleSession", CHAIR, "2024-03-01T09:00:00Z", null, Map.of("sessionId", session,
                        "number", 0, "kind", "REGULAR", "date", "2024-04-19", "place", "Potsdam"))),
                json(line("CastVote", "nobody", "2024-03-01T09:00:00Z", session, Map.of("choice", "YES")))),
                "application/x-ndjson"));
        assertThat(results).extracting(r -> r.get("code").asText()).containsExactly("OCCURRED_IN_FUTURE",
                "UNKNOWN_COMMAND", "MALFORMED_REQUEST", "VALIDATION_FAILED", "VALIDATION_FAILED", "VALIDATION_FAILED");
        assertThat(results).extracting(r -> r.get("status").asInt()).containsOnly(400);
        assertThat(results.get(4).get("detail").asText()).contains("body.number");
        assertThat(eventCount(session)).isZero();
    }

    @Test
    void onlyAnAdministratorImportsAndOnlyNdjson() {
        String lines = json(line("OpenSession", CHAIR, "2024-04-19T09:00:00Z", "s-1", null)) + "\n";
        assertProblem(importBody(TestTokens.delegate(CHAIR), lines, "application/x-ndjson"), 403, "FORBIDDEN");
        assertProblem(importBody(null, lines, "application/x-ndjson"), 401, "UNAUTHENTICATED");
        assertProblem(importBody(TestTokens.admin(), lines, "application/json"), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void theConferencesOwnStartIsItsFoundingDateAndItsPrehistoryIsRecordedAsInformalMeetings() {
        String d16 = newId("d16");
        String regular = newId("d16-regular");
        List<JsonNode> results = results(importLines(TestTokens.admin(), List.of(
                line("ScheduleSession", "admin", "2019-05-20T10:00:00+02:00", null, Map.of("sessionId", d16,
                        "number", 1, "kind", "INFORMAL", "date", "2019-06-19", "place", "Potsdam")),
                line("OpenSession", "admin", "2019-06-19T10:00:00+02:00", d16, null),
                line("ProposeResolution", "DE-BY", "2019-06-19T11:00:00+02:00", null, Map.of("sessionId", d16,
                        "title", "Gründung", "text", "…", "topics", List.of(), "coSponsors", List.of())),
                line("CloseSession", "admin", "2019-06-19T17:00:00+02:00", d16, null),
                line("ScheduleSession", "admin", "2019-08-01T10:00:00+02:00", null, Map.of("sessionId", regular,
                        "number", 1, "kind", "REGULAR", "date", "2019-09-27", "place", "Frankfurt am Main")),
                // the conference was established on its founding date: nothing of it is recorded before
                line("HandOverChair", "admin", "2023-01-01T00:00:00+01:00", null, Map.of("year", 2023,
                        "to", List.of("DE-BE"), "effectiveFrom", "2023-01-01")))));
        assertThat(results).extracting(r -> r.get("status").asInt()).containsExactly(201, 200, 409, 200, 409, 409);
        assertThat(results.get(2).get("code").asText()).isEqualTo("INFORMAL_SESSION");
        assertThat(results.get(4).get("code").asText()).isEqualTo("BEFORE_FOUNDING");
        assertThat(results.get(5).get("code").asText()).isEqualTo("OUT_OF_ORDER");
        assertThat(eventCount(d16)).isEqualTo(3);
        assertThat(eventCount(regular)).isZero();
        assertThat(Instant.parse(occurredAt("DMK", 0))).isEqualTo(Instant.parse("2023-11-08T23:00:00Z"));
    }
}
