package io.resolutionledger.query.docs;

import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import io.resolutionledger.testkit.OpenApiContract;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract is what the service answers: a session of reads — anonymous and with tokens, found and not found,
 * malformed, forbidden — and every answer judged by the service's own {@code /v3/api-docs} ({@link OpenApiContract}).
 */
class ContractSessionTest extends QuerySideTest {

    @Test
    void everyAnswerOfAReadingSessionIsOneTheDescriptionAllows() throws Exception {
        Http.Response docs = http().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "openapi-query-side.json"), docs.raw().body());
        OpenApiContract contract = new OpenApiContract(docs.raw().body());

        String session = LedgerEvents.unique("s");
        String published = LedgerEvents.unique("r");
        String proposed = LedgerEvents.unique("r");
        ledger().schedule(session, 1, LocalDate.of(2024, 4, 19), "Potsdam", "DE-BE").open(session, "DE-BE")
                .published(published, session, "Open data", List.of("open-data"), "DE-BY", "DE-BE")
                .propose(proposed, session, "Draft", "A draft.", List.of("draft"), "DE-BY")
                .append();
        awaitProjectionsCaughtUp();

        String delegate = Tokens.delegate("DE-BY");
        String auditor = Tokens.auditor();
        String admin = Tokens.admin();
        Object[][] reads = {
                {"/api/resolutions", null, 200}, {"/api/resolutions?size=5&page=0", delegate, 200},
                {"/api/resolutions?size=500", null, 400}, {"/api/resolutions?status=NOPE", null, 400},
                {"/api/resolutions/" + published, null, 200}, {"/api/resolutions/" + proposed, null, 404},
                {"/api/resolutions/" + proposed, delegate, 200}, {"/api/resolutions/" + proposed, "garbage", 401},
                {"/api/resolutions/" + proposed, Tokens.expired("DE-BY"), 401},
                {"/api/resolutions/" + published + "/versions", null, 200},
                {"/api/resolutions/" + published + "/versions/1", null, 200},
                {"/api/resolutions/" + published + "/versions/9", null, 404},
                {"/api/resolutions/" + published + "/versions/x", null, 400},
                {"/api/resolutions/" + published + "/votes", null, 200},
                {"/api/resolutions/" + published + "/tabled-amendments", delegate, 200},
                {"/api/resolutions/" + published + "/history", null, 401},
                {"/api/resolutions/" + published + "/history", delegate, 403},
                {"/api/resolutions/" + published + "/history", auditor, 200},
                {"/api/resolutions/" + published + "?asOf=2000-01-01T00:00:00Z", null, 404},
                {"/api/resolutions/" + published + "?asOf=yesterday", null, 400},
                {"/api/sessions", null, 200}, {"/api/sessions/" + session, null, 200},
                {"/api/sessions/" + LedgerEvents.unique("s"), null, 404},
                {"/api/chair/handovers", null, 200}, {"/api/chair?on=2024-05-01", null, 200},
                {"/api/chair?on=01.05.2024", null, 400},
                {"/api/stats", null, 200}, {"/api/stats", delegate, 200},
                {"/api/audit/events?after=0&limit=5", auditor, 200}, {"/api/audit/events", delegate, 403},
                {"/api/audit/events?limit=0", auditor, 400}, {"/api/audit/verify", auditor, 200},
                {"/api/audit/export?format=csv", auditor, 200}, {"/api/audit/export?format=jsonl", auditor, 200},
                {"/api/audit/export?format=xml", auditor, 400},
                {"/api/admin/projections", admin, 200}, {"/api/admin/projections", auditor, 403},
                {"/api/admin/dead-letters", admin, 200},
        };
        for (Object[] read : reads) {
            Http.Response r = http().get((String) read[0], (String) read[1]);
            assertThat(r.status()).as(read[0] + " " + r.raw().body()).isEqualTo(read[2]);
            contract.check("GET", URI.create("http://x" + read[0]).getRawPath(), r.status(), r.contentType(),
                    r.raw().body());
        }
        assertThat(contract.checked()).isEqualTo(reads.length);
        assertThat(contract.violations()).as("answers the description does not allow").isEmpty();
    }
}
