package io.resolutionledger.command.abuse;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.resolutionledger.command.support.TestTokens;
import io.resolutionledger.command.web.CommandHttpTestSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus of issue 7, table-driven against every command endpoint: malformed JSON, wrong types, huge
 * and deeply nested bodies, unknown fields (among them an attempt to name the acting delegation), bad UTF-8, control
 * characters, invalid codes and dates, ids of other aggregates, bad tokens and reused idempotency keys. Every case
 * must answer its 4xx problem detail with the expected {@code code}, and the event store must not change
 * ({@code count(*)} and {@code max(global_index)} of {@code domain_event_entry} before and after each case).
 * What the corpus ran is written to {@code target/bad-input-corpus.md}.
 */
class BadInputCorpusTest extends CommandHttpTestSupport {

    private static final String OTHER = "DE-NW";
    private static final int DEPTH = 10_000;
    /** Not a problem code: Tomcat itself answers 400 for an encoded NUL or slash in the path, before the application. */
    private static final String REFUSED_BY_TOMCAT = "(400 by Tomcat)";

    /** One command endpoint: its path (with the fixture's ids), the acting delegation and a valid body (or none). */
    record Endpoint(String name, String path, String actor, String validBody, boolean needsIfMatch) {
        boolean hasBody() {
            return validBody != null;
        }
    }

    /** One row of the corpus. */
    record Case(String endpoint, String name, Supplier<Response> call, int status, String code) {
    }

    private record StoreState(long count, long max) {
    }

    private StoreState store() {
        return jdbc.queryForObject("SELECT count(*), coalesce(max(global_index), 0) FROM ledger_write.domain_event_entry",
                (rs, i) -> new StoreState(rs.getLong(1), rs.getLong(2)));
    }

    private List<Endpoint> endpoints(String session, String resolution, String amendment) {
        String r = "/api/resolutions/" + resolution;
        String a = r + "/tabled-amendments/" + amendment;
        return List.of(
                new Endpoint("propose", "/api/resolutions", SPONSOR, proposal(session), false),
                new Endpoint("amend", r + "/amendments", SPONSOR, json(Map.of("text", "neu", "reason", "r")), true),
                new Endpoint("table", r + "/tabled-amendments", OTHER, json(Map.of("text", "anders")), false),
                new Endpoint("accept", a + "/acceptance", SPONSOR, null, true),
                new Endpoint("decline", a + "/declination", SPONSOR, json(Map.of("reason", "nein")), false),
                new Endpoint("cosponsor", r + "/cosponsors", OTHER, null, false),
                new Endpoint("withdraw", r + "/withdrawal", SPONSOR, json(Map.of("reason", "zurück")), false),
                new Endpoint("open vote", r + "/voting", CHAIR, null, false),
                new Endpoint("vote", r + "/votes", OTHER, json(Map.of("choice", "YES")), false),
                new Endpoint("adopt", r + "/adoption", CHAIR, null, false),
                new Endpoint("reject", r + "/rejection", CHAIR, json(Map.of("reason", "nein")), false),
                new Endpoint("publish", r + "/publication", CHAIR, json(Map.of("reference", "Beschluss 1")), false),
                new Endpoint("schedule session", "/api/sessions", CHAIR, json(Map.of("sessionId", newId("s"),
                        "number", 2, "kind", "REGULAR", "date", "2024-10-24", "place", "Berlin")), false),
                new Endpoint("open session", "/api/sessions/" + session + "/opening", CHAIR, null, false),
                new Endpoint("close session", "/api/sessions/" + session + "/closing", CHAIR, null, false),
                new Endpoint("hand over chair", "/api/chair/handovers", CHAIR,
                        json(Map.of("year", 2025, "to", List.of("DE-RP"), "effectiveFrom", "2025-01-01")), false));
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputGetsItsProblemAndWritesNothing() {
        String session = session(false);
        String resolution = propose(session);
        Response tabled = post("/api/resolutions/" + resolution + "/tabled-amendments", TestTokens.delegate(OTHER),
                json(Map.of("text", "Ein anderer Text", "reason", "besser")));
        assertThat(tabled.status()).as(tabled.raw()).isEqualTo(201);
        String amendment = tabled.json().get("amendmentId").asText();

        List<Case> cases = new ArrayList<>();
        for (Endpoint e : endpoints(session, resolution, amendment)) {
            addTokenCases(cases, e);
            addSizeCases(cases, e);
            if (e.hasBody()) {
                addBodyCases(cases, e);
            }
        }
        addFieldCases(cases, session, resolution, amendment);
        addIdCases(cases, session, resolution, amendment);
        addIdempotencyCases(cases, session);
        writeReport(cases);
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return cases.stream().map(c -> DynamicTest.dynamicTest("#" + n.incrementAndGet() + " " + c.endpoint() + ": " + c.name(), () -> {
            StoreState before = store();
            Response r = c.call().get();
            if (c.code().equals(REFUSED_BY_TOMCAT)) {
                // refused by Tomcat while parsing the request line, before any filter of ours: its own error page
                assertThat(r.status()).as(r.raw()).isEqualTo(c.status());
            } else if (c.code().contains("|")) {
                assertThat(r.status()).as(r.raw()).isEqualTo(c.status());
                assertThat(r.header("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
                assertThat(List.of(c.code().split("\\|"))).as(r.raw()).contains(r.code());
            } else {
                assertProblem(r, c.status(), c.code());
            }
            assertThat(store()).as("event store after " + c.endpoint() + ": " + c.name()).isEqualTo(before);
        }));
    }

    // ---- tokens: on every endpoint ----

    private void addTokenCases(List<Case> cases, Endpoint e) {
        Map<String, Supplier<String>> tokens = new LinkedHashMap<>();
        tokens.put("no token", () -> null);
        tokens.put("expired token", () -> TestTokens.expired(e.actor()));
        tokens.put("token signed by an untrusted key", () -> TestTokens.forged(e.actor()));
        tokens.put("unsigned token (alg: none)", () -> TestTokens.unsigned(e.actor()));
        tokens.put("HS256 token keyed with the public key (algorithm confusion)", () -> hmacWithPublicKey(e.actor()));
        tokens.put("garbage token", () -> "not.a.jwt");
        tokens.forEach((name, token) -> cases.add(new Case(e.name(), name,
                () -> post(e.path(), token.get(), e.validBody(), ifMatch(e)), 401, "UNAUTHENTICATED")));
    }

    // ---- size: on every endpoint (a body on a body-less endpoint is not read, but an oversized one is refused) ----

    private void addSizeCases(List<Case> cases, Endpoint e) {
        String huge = "{\"text\":\"" + "x".repeat(300 * 1024) + "\"}";
        cases.add(new Case(e.name(), "body over 256 KiB with Content-Length",
                () -> post(e.path(), TestTokens.delegate(e.actor()), huge, ifMatch(e)), 413, "PAYLOAD_TOO_LARGE"));
        if (e.hasBody()) {
            cases.add(new Case(e.name(), "body over 256 KiB, chunked (no Content-Length)",
                    () -> postStream(e, huge.getBytes(StandardCharsets.UTF_8)), 413, "PAYLOAD_TOO_LARGE"));
        }
    }

    // ---- bodies: on every endpoint that reads one ----

    private void addBodyCases(List<Case> cases, Endpoint e) {
        String token = TestTokens.delegate(e.actor());
        Map<String, byte[]> malformed = new LinkedHashMap<>();
        malformed.put("truncated JSON", "{\"text\": \"abc".getBytes(StandardCharsets.UTF_8));
        malformed.put("not JSON at all", "text=abc".getBytes(StandardCharsets.UTF_8));
        malformed.put("an array instead of an object", "[1,2,3]".getBytes(StandardCharsets.UTF_8));
        malformed.put("a bare string", "\"YES\"".getBytes(StandardCharsets.UTF_8));
        malformed.put("10,000 nested arrays", ("[".repeat(DEPTH) + "]".repeat(DEPTH)).getBytes(StandardCharsets.UTF_8));
        malformed.put("10,000 nested objects", ("{\"a\":".repeat(DEPTH) + "1" + "}".repeat(DEPTH))
                .getBytes(StandardCharsets.UTF_8));
        malformed.put("bad UTF-8 bytes", concat("{\"text\":\"", new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, "\"}"));
        malformed.put("raw NUL inside a string", concat("{\"text\":\"a", new byte[]{0}, "b\"}"));
        malformed.put("a second JSON value after the first", (e.validBody() + " " + e.validBody())
                .getBytes(StandardCharsets.UTF_8));
        malformed.put("trailing garbage", (e.validBody() + " garbage").getBytes(StandardCharsets.UTF_8));
        malformed.put("a duplicate key", e.validBody().replaceFirst("\\{", "{\"zz\":1,\"zz\":2,")
                .getBytes(StandardCharsets.UTF_8));
        malformed.forEach((name, bytes) -> cases.add(new Case(e.name(), name,
                () -> postBytes(e.path(), token, bytes, "application/json", ifMatch(e)), 400,
                name.equals("a duplicate key") ? "MALFORMED_REQUEST|VALIDATION_FAILED" : "MALFORMED_REQUEST")));
        cases.add(new Case(e.name(), "deeply nested value in a known field",
                () -> post(e.path(), token, deepIn(e.validBody()), ifMatch(e)), 400, "VALIDATION_FAILED|MALFORMED_REQUEST"));
        for (String field : List.of("actor", "sponsor", "delegation", "user")) {
            cases.add(new Case(e.name(), "unknown field '" + field + "' naming another delegation",
                    () -> post(e.path(), TestTokens.delegate(OTHER.equals(e.actor()) ? "DE-SL" : OTHER),
                            withField(e.validBody(), field, e.actor()), ifMatch(e)), 400, "VALIDATION_FAILED"));
        }
        cases.add(new Case(e.name(), "text/plain body", () -> postBytes(e.path(), token,
                e.validBody().getBytes(StandardCharsets.UTF_8), "text/plain", ifMatch(e)), 415, "UNSUPPORTED_MEDIA_TYPE"));
    }

    // ---- fields: wrong types, control characters, invalid codes and dates ----

    private void addFieldCases(List<Case> cases, String session, String resolution, String amendment) {
        String by = TestTokens.delegate(SPONSOR);
        String chair = TestTokens.delegate(CHAIR);
        String r = "/api/resolutions/" + resolution;
        Map<String, Object> good = Map.of("sessionId", session, "title", "t", "text", "x");
        field(cases, "propose", "title of the wrong type (number)", "/api/resolutions", by, with(good, "title", 42));
        field(cases, "propose", "title of the wrong type (array)", "/api/resolutions", by, with(good, "title", List.of("a")));
        field(cases, "propose", "topics as a string", "/api/resolutions", by, with(good, "topics", "smart-city"));
        field(cases, "propose", "title with NUL", "/api/resolutions", by, with(good, "title", "a\u0000b"));
        field(cases, "propose", "title with a line feed", "/api/resolutions", by, with(good, "title", "a\nb"));
        field(cases, "propose", "title with ESC (ANSI)", "/api/resolutions", by, with(good, "title", "\u001b[31mred"));
        field(cases, "propose", "title with a C1 control", "/api/resolutions", by, with(good, "title", "a\u0085b"));
        field(cases, "propose", "text with a bell", "/api/resolutions", by, with(good, "text", "a\u0007b"));
        field(cases, "propose", "blank title", "/api/resolutions", by, with(good, "title", "   "));
        field(cases, "propose", "invalid delegation code in coSponsors", "/api/resolutions", by,
                with(good, "coSponsors", List.of("Bayern")));
        field(cases, "propose", "lower-case delegation code", "/api/resolutions", by, with(good, "coSponsors", List.of("de-by")));
        field(cases, "propose", "sessionId with a path", "/api/resolutions", by, with(good, "sessionId", "../etc/passwd"));
        field(cases, "propose", "sessionId with SQL", "/api/resolutions", by, with(good, "sessionId", "x' OR '1'='1"));
        field(cases, "vote", "choice MAYBE", r + "/votes", TestTokens.delegate(OTHER), Map.of("choice", "MAYBE"));
        field(cases, "vote", "choice lower case", r + "/votes", TestTokens.delegate(OTHER), Map.of("choice", "yes"));
        field(cases, "vote", "choice as a number", r + "/votes", TestTokens.delegate(OTHER), Map.of("choice", 1));
        field(cases, "vote", "choice as a boolean", r + "/votes", TestTokens.delegate(OTHER), Map.of("choice", true));
        Map<String, Object> sessionBody = Map.of("sessionId", newId("s"), "number", 3, "kind", "REGULAR",
                "date", "2024-10-24", "place", "Berlin");
        field(cases, "schedule session", "date 2024-02-30", "/api/sessions", chair, with(sessionBody, "date", "2024-02-30"));
        field(cases, "schedule session", "date 19.04.2024", "/api/sessions", chair, with(sessionBody, "date", "19.04.2024"));
        field(cases, "schedule session", "date with a time", "/api/sessions", chair,
                with(sessionBody, "date", "2024-10-24T10:00:00Z"));
        field(cases, "schedule session", "date as a number", "/api/sessions", chair, with(sessionBody, "date", 20241024));
        field(cases, "schedule session", "number as a string", "/api/sessions", chair, with(sessionBody, "number", "3"));
        field(cases, "schedule session", "number as a float", "/api/sessions", chair, with(sessionBody, "number", 3.5));
        field(cases, "schedule session", "number too large for an int", "/api/sessions", chair,
                with(sessionBody, "number", 99999999999L));
        field(cases, "schedule session", "kind lower case", "/api/sessions", chair, with(sessionBody, "kind", "regular"));
        field(cases, "schedule session", "place with a tab", "/api/sessions", chair, with(sessionBody, "place", "a\tb"));
        Map<String, Object> handover = Map.of("year", 2025, "to", List.of("DE-RP"), "effectiveFrom", "2025-01-01");
        field(cases, "hand over chair", "to an invalid code", "/api/chair/handovers", chair, with(handover, "to", List.of("Rheinland-Pfalz")));
        field(cases, "hand over chair", "to an empty list", "/api/chair/handovers", chair, with(handover, "to", List.of()));
        field(cases, "hand over chair", "effectiveFrom 2025-13-01", "/api/chair/handovers", chair,
                with(handover, "effectiveFrom", "2025-13-01"));
        field(cases, "hand over chair", "year as a string", "/api/chair/handovers", chair, with(handover, "year", "2025"));
        field(cases, "hand over chair", "year 10000", "/api/chair/handovers", chair, with(handover, "year", 10000));
        cases.add(new Case("hand over chair", "three holders", () -> post("/api/chair/handovers", chair,
                json(with(handover, "to", List.of("DE-RP", "DE-SL", "DE-SH")))), 400, "TOO_MANY_CHAIR_HOLDERS"));
        cases.add(new Case("amend", "If-Match not a strong tag", () -> post(r + "/amendments", by,
                json(Map.of("text", "neu")), "If-Match", "W/\"1\""), 400, "MALFORMED_REQUEST"));
        cases.add(new Case("amend", "If-Match with a huge number", () -> post(r + "/amendments", by,
                json(Map.of("text", "neu")), "If-Match", "\"99999999999999999999999\""), 400, "MALFORMED_REQUEST"));
        cases.add(new Case("amend", "If-Match missing", () -> post(r + "/amendments", by,
                json(Map.of("text", "neu"))), 428, "PRECONDITION_REQUIRED"));
        cases.add(new Case("amend", "stale If-Match", () -> post(r + "/amendments", by,
                json(Map.of("text", "neu")), "If-Match", "\"7\""), 412, "VERSION_CONFLICT"));
        cases.add(new Case("accept", "If-Match missing", () -> post(r + "/tabled-amendments/" + amendment + "/acceptance",
                by, null), 428, "PRECONDITION_REQUIRED"));
    }

    private void field(List<Case> cases, String endpoint, String name, String path, String token, Map<String, Object> body) {
        cases.add(new Case(endpoint, name, () -> post(path, token, json(body)), 400, "VALIDATION_FAILED"));
    }

    // ---- ids: malformed, unknown, of another aggregate ----

    private void addIdCases(List<Case> cases, String session, String resolution, String amendment) {
        String by = TestTokens.delegate(SPONSOR);
        String chair = TestTokens.delegate(CHAIR);
        String other = TestTokens.delegate(OTHER);
        cases.add(new Case("cosponsor", "a session id used as a resolution id",
                () -> post("/api/resolutions/" + session + "/cosponsors", other, null), 404, "RESOLUTION_NOT_FOUND"));
        cases.add(new Case("vote", "a session id used as a resolution id",
                () -> post("/api/resolutions/" + session + "/votes", other, json(Map.of("choice", "YES"))),
                404, "RESOLUTION_NOT_FOUND"));
        cases.add(new Case("amend", "a session id used as a resolution id",
                () -> post("/api/resolutions/" + session + "/amendments", by, json(Map.of("text", "neu")),
                        "If-Match", "\"1\""), 404, "RESOLUTION_NOT_FOUND"));
        cases.add(new Case("open vote", "the conference id used as a resolution id",
                () -> post("/api/resolutions/DMK/voting", chair, null), 404, "RESOLUTION_NOT_FOUND"));
        cases.add(new Case("open session", "a resolution id used as a session id",
                () -> post("/api/sessions/" + resolution + "/opening", chair, null), 404, "SESSION_NOT_FOUND"));
        cases.add(new Case("close session", "the conference id used as a session id",
                () -> post("/api/sessions/DMK/closing", chair, null), 404, "SESSION_NOT_FOUND"));
        cases.add(new Case("propose", "a resolution id used as a session id",
                () -> post("/api/resolutions", by, json(Map.of("sessionId", resolution, "title", "t", "text", "x"))),
                404, "SESSION_NOT_FOUND"));
        cases.add(new Case("accept", "an unknown amendment id",
                () -> post("/api/resolutions/" + resolution + "/tabled-amendments/" + newId("a") + "/acceptance", by,
                        null, "If-Match", "\"1\""), 404, "AMENDMENT_NOT_FOUND"));
        cases.add(new Case("decline", "a resolution id used as an amendment id",
                () -> post("/api/resolutions/" + resolution + "/tabled-amendments/" + resolution + "/declination", by,
                        null), 404, "AMENDMENT_NOT_FOUND"));
        cases.add(new Case("cosponsor", "an unknown resolution id",
                () -> post("/api/resolutions/" + newId("r") + "/cosponsors", other, null), 404, "RESOLUTION_NOT_FOUND"));
        cases.add(new Case("cosponsor", "an id of 65 characters",
                () -> post("/api/resolutions/" + "r".repeat(65) + "/cosponsors", other, null), 400, "VALIDATION_FAILED"));
        cases.add(new Case("cosponsor", "an id with an encoded NUL",
                () -> post("/api/resolutions/r%00x/cosponsors", other, null), 400, REFUSED_BY_TOMCAT));
        cases.add(new Case("cosponsor", "an id with an encoded slash",
                () -> post("/api/resolutions/a%2F..%2Fb/cosponsors", other, null), 400, REFUSED_BY_TOMCAT));
        cases.add(new Case("vote", "an id with a quote",
                () -> post("/api/resolutions/r'1/votes", other, json(Map.of("choice", "YES"))), 400, "VALIDATION_FAILED"));
    }

    // ---- idempotency keys replayed with another body ----

    private void addIdempotencyCases(List<Case> cases, String session) {
        String key = UUID.randomUUID().toString();
        Response first = post("/api/resolutions", TestTokens.delegate(SPONSOR), proposal(session), "Idempotency-Key", key);
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        cases.add(new Case("propose", "same Idempotency-Key, another title", () -> post("/api/resolutions",
                TestTokens.delegate(SPONSOR), json(Map.of("sessionId", session, "title", "Anders", "text", "x")),
                "Idempotency-Key", key), 422, "IDEMPOTENCY_KEY_REUSED"));
        cases.add(new Case("propose", "same Idempotency-Key, another path", () -> post("/api/sessions",
                TestTokens.delegate(SPONSOR), json(Map.of("sessionId", newId("s"), "number", 9, "kind", "REGULAR",
                        "date", "2024-10-24", "place", "Berlin")), "Idempotency-Key", key), 422, "IDEMPOTENCY_KEY_REUSED"));
    }

    // ---- accepted on purpose: markup in titles is stored verbatim ----

    @Test
    void scriptTagsInTitlesAreStoredVerbatimAndNeverInterpreted() throws IOException {
        String session = session(false);
        String title = "<script>alert('x')</script> & <img src=x onerror=alert(1)> \"quoted\"";
        String text = "<b>fett</b>\n\t{{7*7}} ${7*7} #{7*7}";
        Response r = post("/api/resolutions", TestTokens.delegate(SPONSOR),
                json(Map.of("sessionId", session, "title", title, "text", text)));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        String id = r.json().get("resolutionId").asText();
        String payload = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM ledger_write.domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = 0", String.class, id);
        var event = JSON.readTree(payload);
        assertThat(event.get("title").asText()).isEqualTo(title);
        assertThat(event.get("text").asText()).isEqualTo(text);
        assertThat(r.header("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
    }

    // ---- helpers ----

    private static String[] ifMatch(Endpoint e) {
        return e.needsIfMatch() ? new String[]{"If-Match", "\"1\""} : new String[0];
    }

    private Response postBytes(String path, String token, byte[] body, String contentType, String... headers) {
        HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    private Response postStream(Endpoint e, byte[] body) {
        Supplier<InputStream> stream = () -> new ByteArrayInputStream(body);
        HttpRequest.Builder builder = request(e.path()).POST(HttpRequest.BodyPublishers.ofInputStream(stream))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestTokens.delegate(e.actor()));
        String[] headers = ifMatch(e);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + middle.length + t.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(middle, 0, all, h.length, middle.length);
        System.arraycopy(t, 0, all, h.length + middle.length, t.length);
        return all;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    private static String withField(String validBody, String field, Object value) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = JSON.readValue(validBody, LinkedHashMap.class);
            body.put(field, value);
            return json(body);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The body with its first field's value replaced by 10,000 nested arrays. */
    private static String deepIn(String validBody) {
        int colon = validBody.indexOf(':');
        return validBody.substring(0, colon + 1) + "[".repeat(DEPTH) + "]".repeat(DEPTH) + "}";
    }

    private static String hmacWithPublicKey(String delegation) {
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/dev-keys/dev-public.pem")) {
            byte[] secret = in.readAllBytes();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("user-confused").issuer(TestTokens.ISSUER)
                    .expirationTime(Date.from(Instant.now().plusSeconds(600))).claim("roles", List.of("delegate"))
                    .claim("delegation", delegation).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private void writeReport(List<Case> cases) {
        StringBuilder md = new StringBuilder("# Bad input corpus (command side)\n\n")
                .append("Every case answers the status and problem `code` below and leaves the event store unchanged.\n\n")
                .append("| # | endpoint | case | status | code |\n|---|---|---|---|---|\n");
        int i = 0;
        for (Case c : cases) {
            md.append("| ").append(++i).append(" | ").append(c.endpoint()).append(" | ").append(c.name().replace("|", "\\|")).append(" | ")
                    .append(c.status()).append(" | ").append(c.code().equals(REFUSED_BY_TOMCAT) ? c.code() : "`" + c.code().replace("|", "` or `") + "`").append(" |\n");
        }
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "bad-input-corpus.md"), md.toString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
