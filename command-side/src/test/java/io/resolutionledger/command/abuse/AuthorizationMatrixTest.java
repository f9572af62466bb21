package io.resolutionledger.command.abuse;

import io.resolutionledger.command.ratelimit.CommandRateLimiter;
import io.resolutionledger.api.limits.TokenBuckets;
import io.resolutionledger.command.support.TestTokens;
import io.resolutionledger.command.web.CommandHttpTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command endpoint × every kind of caller, from the declarative table {@link #EXPECTED}: each cell runs on a
 * fresh fixture in the state the endpoint needs, and its answer (status and problem code) must be the expected one;
 * refusals must write nothing. The matrix is printed to {@code target/authorization-matrix.md}.
 *
 * <p>Chair of the day: DE-BE on a 2024 session (chair 2024: DE-BE and DE-BB). Former chair: DE-BE on a 2025 session,
 * when DE-RP holds the chair (the 2025 hand-over is made here unless the shared store has it already). For the
 * hand-over itself, the "chair of the day" is the holder of the latest term (it hands over to the next year), and the
 * former chair is DE-BE, who held 2024. A guest is refused as a guest where any member may act (propose, table,
 * co-sponsor, vote), and by the specific rule (not the sponsor, not the chair) elsewhere: 403 either way.
 */
class AuthorizationMatrixTest extends CommandHttpTestSupport {

    enum Role {
        ANONYMOUS("anonymous"), MEMBER("member, not involved (DE-NW)"), SPONSOR("sponsor (DE-BY)"),
        CO_SPONSOR("co-sponsor (DE-HH)"), CHAIR("chair of the day (DE-BE, 2024)"),
        FORMER_CHAIR("former chair (DE-BE on a 2025 session; DE-RP holds it)"), GUEST("guest (DE-BSI)"),
        AUDITOR("auditor"), ADMIN("admin"),
        // the token of the delegation that would succeed, broken in one way each: no cell may write anything
        WRONG_AUDIENCE("token for another audience"), NO_EXPIRY("token without exp"),
        NO_DELEGATION("delegate token without delegation"), OTHER_ISSUER("token of another issuer");

        final String label;

        Role(String label) {
            this.label = label;
        }
    }

    /** The state a cell starts from, and what it sends. */
    record Cell(String path, String body, String[] headers) {
    }

    private record Row(String endpoint, Function<Integer, Cell> fixture, Map<Role, String> expected) {
    }

    @Autowired
    private CommandRateLimiter rateLimiter;

    // expected answers: "status" or "status CODE"
    private static final String OK = "200", CREATED = "201", ANON = "401 UNAUTHENTICATED", FORBIDDEN = "403 FORBIDDEN",
            NOT_SPONSOR = "403 NOT_SPONSOR", NOT_CHAIR = "403 NOT_CHAIR", GUEST = "403 GUEST_ACTING",
            NOT_HOLDER = "403 NOT_HOLDER_OF_CHAIR";

    private static Map<Role, String> row(String member, String sponsor, String coSponsor, String chair,
                                         String formerChair, String guest, String admin) {
        Map<Role, String> m = new EnumMap<>(Role.class);
        m.put(Role.ANONYMOUS, ANON);
        m.put(Role.MEMBER, member);
        m.put(Role.SPONSOR, sponsor);
        m.put(Role.CO_SPONSOR, coSponsor);
        m.put(Role.CHAIR, chair);
        m.put(Role.FORMER_CHAIR, formerChair);
        m.put(Role.GUEST, guest);
        m.put(Role.AUDITOR, FORBIDDEN);
        m.put(Role.ADMIN, admin);
        for (Role broken : List.of(Role.WRONG_AUDIENCE, Role.NO_EXPIRY, Role.NO_DELEGATION, Role.OTHER_ISSUER)) {
            m.put(broken, ANON);
        }
        return m;
    }

    /** The declarative table: endpoint → (member, sponsor, co-sponsor, chair, former chair, guest, admin). */
    private final Map<String, Map<Role, String>> EXPECTED = new LinkedHashMap<>();

    {
        // the proposal names DE-HH as co-sponsor: DE-HH proposing it would name itself
        EXPECTED.put("POST /api/resolutions", row(CREATED, CREATED, "400 VALIDATION_FAILED", CREATED, CREATED, GUEST, FORBIDDEN));
        EXPECTED.put("POST /api/resolutions/{id}/amendments", row(NOT_SPONSOR, OK, OK, NOT_SPONSOR, NOT_SPONSOR, NOT_SPONSOR, FORBIDDEN));
        EXPECTED.put("POST /api/resolutions/{id}/tabled-amendments", row(CREATED, "403 SPONSOR_CANNOT_TABLE",
                "403 SPONSOR_CANNOT_TABLE", CREATED, CREATED, GUEST, FORBIDDEN));
        EXPECTED.put("POST /api/resolutions/{id}/tabled-amendments/{aid}/acceptance", row(NOT_SPONSOR, OK, NOT_SPONSOR,
                NOT_SPONSOR, NOT_SPONSOR, NOT_SPONSOR, FORBIDDEN));
        EXPECTED.put("POST /api/resolutions/{id}/tabled-amendments/{aid}/declination", row(NOT_SPONSOR, OK, NOT_SPONSOR,
                NOT_SPONSOR, NOT_SPONSOR, NOT_SPONSOR, FORBIDDEN));
        EXPECTED.put("POST /api/resolutions/{id}/translations", row(NOT_SPONSOR, CREATED, NOT_SPONSOR, NOT_SPONSOR,
                NOT_SPONSOR, NOT_SPONSOR, FORBIDDEN));
        EXPECTED.put("POST /api/resolutions/{id}/cosponsors", row(OK, "409 ALREADY_COSPONSOR", "409 ALREADY_COSPONSOR",
                OK, OK, GUEST, FORBIDDEN));
        EXPECTED.put("POST /api/resolutions/{id}/withdrawal", row(NOT_SPONSOR, OK, NOT_SPONSOR, NOT_SPONSOR, NOT_SPONSOR,
                NOT_SPONSOR, FORBIDDEN));
        EXPECTED.put("POST /api/resolutions/{id}/voting", row(NOT_CHAIR, NOT_CHAIR, NOT_CHAIR, OK, NOT_CHAIR, NOT_CHAIR, FORBIDDEN));
        EXPECTED.put("POST /api/resolutions/{id}/votes", row(OK, OK, OK, OK, OK, GUEST, FORBIDDEN));
        EXPECTED.put("POST /api/resolutions/{id}/adoption", row(NOT_CHAIR, NOT_CHAIR, NOT_CHAIR, OK, NOT_CHAIR, NOT_CHAIR, FORBIDDEN));
        EXPECTED.put("POST /api/resolutions/{id}/rejection", row(NOT_CHAIR, NOT_CHAIR, NOT_CHAIR, OK, NOT_CHAIR, NOT_CHAIR, FORBIDDEN));
        EXPECTED.put("POST /api/resolutions/{id}/publication", row(NOT_CHAIR, NOT_CHAIR, NOT_CHAIR, OK, NOT_CHAIR, NOT_CHAIR, FORBIDDEN));
        EXPECTED.put("POST /api/sessions", row(NOT_CHAIR, NOT_CHAIR, NOT_CHAIR, CREATED, NOT_CHAIR, NOT_CHAIR, FORBIDDEN));
        EXPECTED.put("POST /api/sessions/{id}/opening", row(NOT_CHAIR, NOT_CHAIR, NOT_CHAIR, OK, NOT_CHAIR, NOT_CHAIR, FORBIDDEN));
        EXPECTED.put("POST /api/sessions/{id}/closing", row(NOT_CHAIR, NOT_CHAIR, NOT_CHAIR, OK, NOT_CHAIR, NOT_CHAIR, FORBIDDEN));
        EXPECTED.put("POST /api/chair/handovers", row(NOT_HOLDER, NOT_HOLDER, NOT_HOLDER, CREATED, NOT_HOLDER,
                NOT_HOLDER, "409 CHAIR_ALREADY_SET"));
    }

    @BeforeEach
    void noRateLimitHere() {
        rateLimiter.buckets().setLimits(new TokenBuckets.Limits(100_000, 100_000));
    }

    @AfterEach
    void resetRateLimit() {
        rateLimiter.buckets().reset();
    }

    @Test
    void everyEndpointAnswersEveryRoleAsTheTableSays() throws IOException {
        ensureChair2024();
        ensureChair2025();
        List<String> mismatches = new ArrayList<>();
        Map<String, Map<Role, String>> actual = new LinkedHashMap<>();
        for (Map.Entry<String, Map<Role, String>> entry : EXPECTED.entrySet()) {
            String endpoint = entry.getKey();
            Map<Role, String> answers = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                int year = role == Role.FORMER_CHAIR ? 2025 : 2024;
                Cell cell = fixture(endpoint, year, role);
                long before = storeCount();
                Response r = post(cell.path(), token(role, endpoint, entry.getValue()), cell.body(), cell.headers());
                String answer = r.status() < 300 ? Integer.toString(r.status()) : r.status() + " " + r.code();
                answers.put(role, answer);
                String expected = entry.getValue().get(role);
                if (!answer.equals(expected)) {
                    mismatches.add(endpoint + " as " + role.label + ": expected " + expected + ", got " + answer
                            + " " + r.raw());
                }
                if (r.status() >= 400) {
                    assertThat(r.header("Content-Type")).hasValueSatisfying(ct ->
                            assertThat(ct).startsWith("application/problem+json"));
                    assertThat(storeCount()).as("refused " + endpoint + " as " + role + " wrote nothing").isEqualTo(before);
                }
            }
            actual.put(endpoint, answers);
        }
        writeMarkdown(actual);
        assertThat(mismatches).as("cells that differ from the table").isEmpty();
    }

    private long storeCount() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM ledger_write.domain_event_entry", Long.class);
        return n == null ? 0 : n;
    }

    private String token(Role role, String endpoint, Map<Role, String> expected) {
        return switch (role) {
            case WRONG_AUDIENCE -> TestTokens.wrongAudience(succeeding(endpoint, expected));
            case NO_EXPIRY -> TestTokens.withoutExpiry(succeeding(endpoint, expected));
            case OTHER_ISSUER -> TestTokens.otherIssuer(succeeding(endpoint, expected));
            case NO_DELEGATION -> TestTokens.custom("user-" + succeeding(endpoint, expected).toLowerCase(), null,
                    List.of("delegate"));
            default -> token(role, endpoint);
        };
    }

    /** The delegation whose valid token this cell accepts: broken, the same token must be refused. */
    private String succeeding(String endpoint, Map<Role, String> expected) {
        for (Role role : List.of(Role.SPONSOR, Role.CHAIR, Role.MEMBER, Role.CO_SPONSOR)) {
            if (expected.get(role).startsWith("2")) {
                return switch (role) {
                    case SPONSOR -> SPONSOR;
                    case CHAIR -> endpoint.equals("POST /api/chair/handovers") ? latestTerm().holder : CHAIR;
                    case MEMBER -> "DE-NW";
                    default -> "DE-HH";
                };
            }
        }
        throw new IllegalStateException("no delegation succeeds on " + endpoint);
    }

    private String token(Role role, String endpoint) {
        return switch (role) {
            case ANONYMOUS, WRONG_AUDIENCE, NO_EXPIRY, NO_DELEGATION, OTHER_ISSUER -> null;
            case MEMBER -> TestTokens.delegate("DE-NW");
            case SPONSOR -> TestTokens.delegate(SPONSOR);
            case CO_SPONSOR -> TestTokens.delegate("DE-HH");
            case CHAIR -> TestTokens.delegate(endpoint.equals("POST /api/chair/handovers") ? latestTerm().holder : CHAIR);
            case FORMER_CHAIR -> TestTokens.delegate(CHAIR);
            case GUEST -> TestTokens.delegate("DE-BSI");
            case AUDITOR -> TestTokens.auditor();
            case ADMIN -> TestTokens.admin();
        };
    }

    private static String chairOf(int year) {
        return year == 2024 ? CHAIR : "DE-RP";
    }

    private String session(int year, boolean open) {
        String id = newId("s");
        Response r = post("/api/sessions", TestTokens.delegate(chairOf(year)), json(Map.of("sessionId", id,
                "number", 1, "kind", "REGULAR", "date", year + "-05-15", "place", "Mainz")));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        if (open) {
            Response o = post("/api/sessions/" + id + "/opening", TestTokens.delegate(chairOf(year)), null);
            assertThat(o.status()).as(o.raw()).isEqualTo(200);
        }
        return id;
    }

    private String resolution(int year, boolean open) {
        return propose(session(year, open));
    }

    private String voting(int year, int yes) {
        String id = resolution(year, true);
        Response r = post("/api/resolutions/" + id + "/voting", TestTokens.delegate(chairOf(year)), null);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        for (int i = 0; i < yes; i++) {
            vote(id, MEMBERS.get(MEMBERS.size() - 1 - i), "YES");
        }
        return id;
    }

    private static final String[] NONE = new String[0];

    private Cell fixture(String endpoint, int year, Role role) {
        String r;
        switch (endpoint) {
            case "POST /api/resolutions":
                return new Cell("/api/resolutions", proposal(session(year, false)), NONE);
            case "POST /api/resolutions/{id}/amendments":
                return new Cell("/api/resolutions/" + resolution(year, false) + "/amendments",
                        json(Map.of("text", "neuer Text")), new String[]{"If-Match", "\"1\""});
            case "POST /api/resolutions/{id}/tabled-amendments":
                return new Cell("/api/resolutions/" + resolution(year, false) + "/tabled-amendments",
                        json(Map.of("text", "anderer Text")), NONE);
            case "POST /api/resolutions/{id}/tabled-amendments/{aid}/acceptance":
            case "POST /api/resolutions/{id}/tabled-amendments/{aid}/declination": {
                r = resolution(year, false);
                Response t = post("/api/resolutions/" + r + "/tabled-amendments", TestTokens.delegate("DE-SL"),
                        json(Map.of("text", "anderer Text")));
                assertThat(t.status()).as(t.raw()).isEqualTo(201);
                String base = "/api/resolutions/" + r + "/tabled-amendments/" + t.json().get("amendmentId").asText();
                return endpoint.endsWith("acceptance")
                        ? new Cell(base + "/acceptance", null, new String[]{"If-Match", "\"1\""})
                        : new Cell(base + "/declination", json(Map.of("reason", "nein")), NONE);
            }
            case "POST /api/resolutions/{id}/translations":
                return new Cell("/api/resolutions/" + resolution(year, false) + "/translations",
                        json(Map.of("language", "en", "version", 1, "title", "Title", "text", "Text.")), NONE);
            case "POST /api/resolutions/{id}/cosponsors":
                return new Cell("/api/resolutions/" + resolution(year, false) + "/cosponsors", null, NONE);
            case "POST /api/resolutions/{id}/withdrawal":
                return new Cell("/api/resolutions/" + resolution(year, false) + "/withdrawal",
                        json(Map.of("reason", "zurückgezogen")), NONE);
            case "POST /api/resolutions/{id}/voting":
                return new Cell("/api/resolutions/" + resolution(year, true) + "/voting", null, NONE);
            case "POST /api/resolutions/{id}/votes":
                return new Cell("/api/resolutions/" + voting(year, 0) + "/votes", json(Map.of("choice", "YES")), NONE);
            case "POST /api/resolutions/{id}/adoption":
                return new Cell("/api/resolutions/" + voting(year, 13) + "/adoption", null, NONE);
            case "POST /api/resolutions/{id}/rejection":
                return new Cell("/api/resolutions/" + voting(year, 0) + "/rejection", json(Map.of("reason", "nein")), NONE);
            case "POST /api/resolutions/{id}/publication": {
                r = voting(year, 13);
                Response a = post("/api/resolutions/" + r + "/adoption", TestTokens.delegate(chairOf(year)), null);
                assertThat(a.status()).as(a.raw()).isEqualTo(200);
                return new Cell("/api/resolutions/" + r + "/publication", json(Map.of("reference", "DMK 1/2024")), NONE);
            }
            case "POST /api/sessions":
                return new Cell("/api/sessions", json(Map.of("sessionId", newId("s"), "number", 2, "kind", "SPECIAL",
                        "date", year + "-10-24", "place", "Berlin")), NONE);
            case "POST /api/sessions/{id}/opening":
                return new Cell("/api/sessions/" + session(year, false) + "/opening", null, NONE);
            case "POST /api/sessions/{id}/closing":
                return new Cell("/api/sessions/" + session(year, true) + "/closing", null, NONE);
            case "POST /api/chair/handovers": {
                Term last = latestTerm();
                return new Cell("/api/chair/handovers", json(Map.of("year", last.year + 1, "to", List.of("DE-RP"),
                        "effectiveFrom", (last.year + 1) + "-01-01")), NONE);
            }
            default:
                throw new IllegalArgumentException(endpoint);
        }
    }

    private record Term(int year, String holder) {
    }

    private Term latestTerm() {
        String last = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM ledger_write.domain_event_entry"
                + " WHERE payload_type LIKE '%ChairHandedOver' AND aggregate_identifier = 'DMK' ORDER BY global_index DESC LIMIT 1", String.class);
        try {
            var term = JSON.readTree(last);
            return new Term(term.get("year").asInt(), term.get("to").get(0).asText());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 2025: DE-RP, handed over by DE-BE unless the shared store has a 2025 term already. */
    private void ensureChair2025() {
        Integer terms2025 = jdbc.queryForObject("SELECT count(*) FROM ledger_write.domain_event_entry"
                + " WHERE payload_type LIKE '%ChairHandedOver' AND aggregate_identifier = 'DMK' AND convert_from(payload, 'UTF8')::jsonb ->> 'year' = '2025'",
                Integer.class);
        if (terms2025 == null || terms2025 == 0) {
            Response r = post("/api/chair/handovers", TestTokens.delegate(CHAIR),
                    json(Map.of("year", 2025, "to", List.of("DE-RP"), "effectiveFrom", "2025-01-01")));
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
        }
    }

    private void writeMarkdown(Map<String, Map<Role, String>> actual) throws IOException {
        StringBuilder md = new StringBuilder("# Authorization matrix (command side)\n\n")
                .append("Generated by `AuthorizationMatrixTest` from its declarative table; every cell was run on a fresh ")
                .append("fixture and answered as shown (status, and the problem `code` for refusals).\n\n| endpoint |");
        for (Role role : Role.values()) {
            md.append(' ').append(role.label).append(" |");
        }
        md.append("\n|---|");
        md.append("---|".repeat(Role.values().length)).append('\n');
        actual.forEach((endpoint, answers) -> {
            md.append("| `").append(endpoint).append("` |");
            for (Role role : Role.values()) {
                md.append(' ').append(answers.get(role)).append(" |");
            }
            md.append('\n');
        });
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "authorization-matrix.md"), md.toString());
    }
}
