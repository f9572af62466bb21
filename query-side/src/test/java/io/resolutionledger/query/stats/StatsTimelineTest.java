package io.resolutionledger.query.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.api.event.ResolutionWithdrawn;
import io.resolutionledger.api.value.ResolutionId;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.resolutionledger.query.support.LedgerEvents.code;
import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GET /api/stats/timeline: how many resolutions stood in each state at the end of each day with a change, counted
 * from the changes at their business time, in the conference's time zone; anonymous readers count published ones.
 * The history here lies in 1961, a window no other test writes to, so that the counts are exact.
 */
class StatsTimelineTest extends QuerySideTest {

    private static final String WINDOW = "from=1961-05-01&to=1961-05-31";

    @Test
    void each_day_counts_the_resolutions_in_each_state_at_its_end() {
        String session = unique("s1961");
        String published = unique("r-pub");
        String withdrawn = unique("r-wd");
        String open = unique("r-open");
        LedgerEvents ledger = ledger();
        ledger.at(Instant.parse("1961-05-02T08:00:00Z"))
                .schedule(session, 1, LocalDate.parse("1961-05-03"), "Bonn", "DE-BE")
                .propose(published, session, "Erster", "Text.", List.of("t"), "DE-BY")
                .propose(withdrawn, session, "Zweiter", "Text.", List.of("t"), "DE-HE")
                .propose(open, session, "Dritter", "Text.", List.of("t"), "DE-NW")
                // 23:30 UTC is already the next day in Berlin (CET, +1, in 1961): the change counts for 3 May
                .at(Instant.parse("1961-05-02T23:30:00Z"))
                .resolution(new ResolutionWithdrawn(ResolutionId.of(withdrawn), "später", code("DE-HE"), ledger.tick()))
                .at(Instant.parse("1961-05-03T09:00:00Z"))
                .open(session, "DE-BE")
                .openVote(published, session, 1, "DE-BE")
                .votes(published, 1, 16)
                .adopt(published, session, 1, 16, "DE-BE")
                .at(Instant.parse("1961-05-08T10:00:00Z"))
                .publish(published, 1, "Pressemitteilung", "DE-BE")
                .append();
        Http http = http();
        String member = Tokens.delegate("DE-BY");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                http.get("/api/stats/timeline?" + WINDOW, member).body().path("days").size() == 3);

        JsonNode timeline = http.get("/api/stats/timeline?" + WINDOW, member).body();
        assertThat(timeline.path("zone").asText()).isEqualTo("Europe/Berlin");
        JsonNode days = timeline.path("days");
        assertThat(days.findValuesAsText("date")).containsExactly("1961-05-02", "1961-05-03", "1961-05-08");
        assertThat(counts(days.get(0))).isEqualTo("PROPOSED=3");
        assertThat(counts(days.get(1))).isEqualTo("PROPOSED=1 WITHDRAWN=1 ADOPTED=1");
        assertThat(counts(days.get(2))).isEqualTo("PROPOSED=1 WITHDRAWN=1 PUBLISHED=1");

        // anonymous: only the published one, along its whole way
        JsonNode anonymous = http.get("/api/stats/timeline?" + WINDOW).body().path("days");
        assertThat(anonymous.findValuesAsText("date")).containsExactly("1961-05-02", "1961-05-03", "1961-05-08");
        assertThat(counts(anonymous.get(0))).isEqualTo("PROPOSED=1");
        assertThat(counts(anonymous.get(1))).isEqualTo("ADOPTED=1");
        assertThat(counts(anonymous.get(2))).isEqualTo("PUBLISHED=1");
    }

    @Test
    void a_window_that_ends_before_it_starts_is_refused() {
        Http.Response bad = http().get("/api/stats/timeline?from=2024-05-01&to=2024-04-01");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(http().get("/api/stats/timeline?from=gestern").status()).isEqualTo(400);
    }

    /** The non-zero counts of a day, in the order of the states. */
    private static String counts(JsonNode day) {
        StringBuilder out = new StringBuilder();
        day.path("byStatus").fields().forEachRemaining(e -> {
            if (e.getValue().asLong() > 0) {
                out.append(out.isEmpty() ? "" : " ").append(e.getKey()).append('=').append(e.getValue().asLong());
            }
        });
        return out.toString();
    }
}
