package io.resolutionledger.query.abuse;

import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every GET endpoint of the query side × anonymous, delegate, auditor, admin, from the declarative table below. The
 * table lists endpoints other engineers may still be adding: only those mapped in this build are run (and printed to
 * {@code target/authorization-matrix.md}); every mapped {@code /api} GET endpoint must be in the table. The live stream
 * ({@code /api/stream}) is long-lived and checked by the stream tests instead.
 */
class AuthorizationMatrixTest extends QuerySideTest {

    /** The last four: tokens of the dev key broken in one way each; a bad token is a 401 even on public paths. */
    enum Role { ANONYMOUS, DELEGATE, AUDITOR, ADMIN, WRONG_AUDIENCE, NO_EXPIRY, NO_DELEGATION, OTHER_ISSUER }

    private static final Map<Role, Supplier<String>> TOKENS = Map.of(
            Role.ANONYMOUS, () -> null,
            Role.DELEGATE, () -> Tokens.delegate("DE-NW"),
            Role.AUDITOR, Tokens::auditor,
            Role.ADMIN, Tokens::admin,
            Role.WRONG_AUDIENCE, () -> Tokens.wrongAudience("DE-NW"),
            Role.NO_EXPIRY, () -> Tokens.withoutExpiry("DE-NW"),
            Role.NO_DELEGATION, Tokens::withoutDelegation,
            Role.OTHER_ISSUER, () -> Tokens.otherIssuer("DE-NW"));

    /** A row: the mapped pattern, the concrete path to call, and the expected status per role. */
    private record Row(String pattern, String path, int anonymous, int delegate, int auditor, int admin) {
        int expected(Role role) {
            return switch (role) {
                case ANONYMOUS -> anonymous;
                case DELEGATE -> delegate;
                case AUDITOR -> auditor;
                case ADMIN -> admin;
                case WRONG_AUDIENCE, NO_EXPIRY, NO_DELEGATION, OTHER_ISSUER -> 401;
            };
        }
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointAnswersEveryRoleAsTheTableSays() throws IOException {
        String session = LedgerEvents.unique("s");
        String published = LedgerEvents.unique("r-pub");
        String proposed = LedgerEvents.unique("r-prop");
        if (jdbc.queryForObject("SELECT count(*) FROM ledger_write.domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, LedgerEvents.DMK.value()) == 0) {
            // GET /api/conference needs the conference's establishment (other test classes may have recorded it)
            LedgerEvents established = ledger();
            established.conference(new io.resolutionledger.api.event.ConferenceEstablished(LedgerEvents.DMK,
                    "Digitalministerkonferenz der Länder", LedgerEvents.MEMBERS,
                    List.of(LedgerEvents.code("DE-BMDS"), LedgerEvents.code("DE-BSI")), null, established.tick()))
                    .append();
        }
        ledger().schedule(session, 1, LocalDate.of(2024, 4, 19), "Potsdam", "DE-BE")
                .published(published, session, "Öffentlich", List.of("smart-city"), "DE-BY", "DE-BE")
                .propose(proposed, session, "Entwurf", "text", List.of("ai"), "DE-BY")
                .append();
        // a webhook subscription of the delegate's delegation: its deliveries are DE-NW's only
        String subscription = LedgerEvents.unique("sub");
        LedgerEvents subscriptions = ledger();
        subscriptions.add("Subscription", subscription, new io.resolutionledger.api.event.SubscriptionCreated(
                subscription, "DE-NW", "http://127.0.0.1:9/hooks", List.of("*"), true, LedgerEvents.code("DE-NW"),
                subscriptions.tick())).append();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM ledger_read.webhook_subscription WHERE subscription_id = ?", Long.class,
                subscription) == 1);
        awaitProjectionsCaughtUp();
        awaitLogged();
        long publishedLeaf = jdbc.queryForObject("SELECT min(log_index) FROM ledger_read.log_leaf "
                + "WHERE aggregate_identifier = ?", Long.class, published);
        long proposedLeaf = jdbc.queryForObject("SELECT min(log_index) FROM ledger_read.log_leaf "
                + "WHERE aggregate_identifier = ?", Long.class, proposed);

        String r = "/api/resolutions/";
        List<Row> table = List.of(
                new Row("/api/resolutions", "/api/resolutions", 200, 200, 200, 200),
                new Row("/api/resolutions/{id}", r + published, 200, 200, 200, 200),
                new Row("/api/resolutions/{id}", r + proposed + " (not yet published)", 404, 200, 200, 200),
                new Row("/api/resolutions/{id}/versions", r + published + "/versions", 200, 200, 200, 200),
                new Row("/api/resolutions/{id}/versions", r + proposed + "/versions (not yet published)", 404, 200, 200, 200),
                new Row("/api/resolutions/{id}/versions/{version}", r + published + "/versions/1", 200, 200, 200, 200),
                new Row("/api/resolutions/{id}/versions/{version}/diff", r + published + "/versions/1/diff?against=1", 200, 200, 200, 200),
                new Row("/api/resolutions/{id}/versions/{version}/lines", r + published + "/versions/1/lines", 200, 200, 200, 200),
                new Row("/api/resolutions/{id}/versions/{version}/lines", r + proposed + "/versions/1/lines (not yet published)", 404, 200, 200, 200),
                new Row("/api/resolutions/{id}/tabled-amendments", r + published + "/tabled-amendments", 200, 200, 200, 200),
                new Row("/api/resolutions/{id}/votes", r + published + "/votes", 200, 200, 200, 200),
                new Row("/api/resolutions/{id}/history", r + published + "/history", 401, 403, 200, 200),
                // publication: the public documents exist only for published resolutions, for every caller
                new Row("/api/resolutions/{id}/akn", r + published + "/akn", 200, 200, 200, 200),
                new Row("/api/resolutions/{id}/akn", r + proposed + "/akn (not yet published)", 404, 404, 404, 404),
                new Row("/api/sessions/{id}/decisions.pdf", "/api/sessions/" + session + "/decisions.pdf", 200, 200, 200, 200),
                new Row("/api/feed.atom", "/api/feed.atom", 200, 200, 200, 200),
                new Row("/api/sessions", "/api/sessions", 200, 200, 200, 200),
                new Row("/api/sessions/{id}", "/api/sessions/" + session, 200, 200, 200, 200),
                new Row("/api/chair/handovers", "/api/chair/handovers", 200, 200, 200, 200),
                new Row("/api/chair", "/api/chair?on=2024-04-19", 200, 200, 200, 200),
                new Row("/api/conference", "/api/conference", 200, 200, 200, 200),
                new Row("/api/stats", "/api/stats", 200, 200, 200, 200),
                // anonymous readers get the mandates of published resolutions only (an empty page here at worst)
                new Row("/api/mandates", "/api/mandates", 200, 200, 200, 200),
                new Row("/api/mandates", "/api/mandates?overdue=true", 200, 200, 200, 200),
                new Row("/api/subscriptions/{id}/deliveries", "/api/subscriptions/" + subscription + "/deliveries",
                        404, 200, 404, 404),
                new Row("/api/stats/timeline", "/api/stats/timeline", 200, 200, 200, 200),
                new Row("/api/audit/verify", "/api/audit/verify", 401, 403, 200, 200),
                new Row("/api/audit/events", "/api/audit/events?limit=5", 401, 403, 200, 200),
                new Row("/api/audit/export", "/api/audit/export?format=jsonl", 401, 403, 200, 200),
                new Row("/api/admin/projections", "/api/admin/projections", 401, 403, 403, 200),
                new Row("/api/admin/projections/{name}", "/api/admin/projections/resolutions", 401, 403, 403, 200),
                new Row("/api/admin/dead-letters", "/api/admin/dead-letters", 401, 403, 403, 200),
                // the verifiable log: hashes and signatures are public, a leaf only of what is published
                new Row("/api/ledger/checkpoint", "/api/ledger/checkpoint", 200, 200, 200, 200),
                new Row("/api/ledger/public-key", "/api/ledger/public-key", 200, 200, 200, 200),
                new Row("/api/ledger/proof/inclusion", "/api/ledger/proof/inclusion?index=0&size=1", 200, 200, 200, 200),
                new Row("/api/ledger/proof/consistency", "/api/ledger/proof/consistency?from=0&to=1", 200, 200, 200, 200),
                new Row("/api/ledger/entries/{index}", "/api/ledger/entries/" + publishedLeaf, 200, 200, 200, 200),
                new Row("/api/ledger/entries/{index}", "/api/ledger/entries/" + proposedLeaf + " (not yet published)",
                        404, 404, 200, 200),
                new Row("/api/resolutions/{id}/proof", r + published + "/proof", 200, 200, 200, 200),
                new Row("/api/resolutions/{id}/proof", r + proposed + "/proof (not yet published)", 404, 200, 200, 200));

        Set<String> mapped = mappedGetPatterns();
        Set<String> inTable = new TreeSet<>();
        table.forEach(row -> inTable.add(row.pattern()));
        Set<String> missing = new TreeSet<>(mapped);
        missing.removeAll(inTable);
        missing.remove("/api/stream");

        List<String> mismatches = new ArrayList<>();
        Map<Row, Map<Role, Integer>> actual = new LinkedHashMap<>();
        for (Row row : table) {
            if (!mapped.contains(row.pattern())) {
                continue;
            }
            String path = row.path().replace(" (not yet published)", "");
            Map<Role, Integer> answers = new LinkedHashMap<>();
            for (Role role : Role.values()) {
                Http.Response response = http().get(path, TOKENS.get(role).get());
                answers.put(role, response.status());
                if (response.status() != row.expected(role)) {
                    mismatches.add(row.path() + " as " + role + ": expected " + row.expected(role) + ", got "
                            + response.status() + " " + response.body());
                }
                if (response.status() >= 400) {
                    assertThat(response.contentType()).as(path + " as " + role).startsWith("application/problem+json");
                }
            }
            actual.put(row, answers);
        }
        // the one kind of write the query side takes: a rebuild, refused to an admin token meant for another service
        Http.Response rebuild = http().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/admin/projections/stats/rebuild"))
                .header("Authorization", "Bearer " + Tokens.adminWrongAudience())
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(rebuild.status()).as(rebuild.body().toString()).isEqualTo(401);
        writeMarkdown(actual, mapped);
        assertThat(missing).as("mapped GET endpoints missing from the table").isEmpty();
        assertThat(mismatches).as("cells that differ from the table").isEmpty();
    }

    private Set<String> mappedGetPatterns() {
        Set<String> patterns = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            boolean get = info.getMethodsCondition().getMethods().isEmpty() || info.getMethodsCondition().getMethods()
                    .stream().anyMatch(m -> m.name().equals("GET"));
            if (get) {
                info.getPatternValues().stream().filter(p -> p.startsWith("/api/")).forEach(patterns::add);
            }
        }
        return patterns;
    }

    private static void writeMarkdown(Map<Row, Map<Role, Integer>> actual, Set<String> mapped) throws IOException {
        StringBuilder md = new StringBuilder("# Authorization matrix (query side)\n\n")
                .append("Generated by `AuthorizationMatrixTest` from its declarative table; endpoints mapped in this build: ")
                .append(mapped.size()).append(". Anonymous callers see only published resolutions.\n\n")
                .append("| GET |");
        for (Role role : Role.values()) {
            md.append(' ').append(role.name().toLowerCase().replace('_', ' ')).append(" |");
        }
        md.append("\n|---|").append("---|".repeat(Role.values().length)).append('\n');
        actual.forEach((row, answers) -> {
            md.append("| `").append(row.path().replaceAll("[a-z-]+-[0-9a-f]{8}", "{id}")).append("` |");
            for (Role role : Role.values()) {
                md.append(' ').append(answers.get(role)).append(" |");
            }
            md.append('\n');
        });
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "authorization-matrix.md"), md.toString());
    }
}
