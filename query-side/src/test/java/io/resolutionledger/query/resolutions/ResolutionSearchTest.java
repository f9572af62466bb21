package io.resolutionledger.query.resolutions;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/resolutions?q=}: PostgreSQL full-text search with the german configuration on the real database,
 * combined with the list's filters, paging and visibility.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResolutionSearchTest extends QuerySideTest {

    private final String session = unique("s-search");
    private final String other = unique("s-search-other");
    private final String topic = unique("topic");
    private final String greenIt = unique("r-green");
    private final String participation = unique("r-teilhabe");
    private final String broadband = unique("r-breitband");
    private final String draft = unique("r-draft");
    private final String elsewhere = unique("r-elsewhere");
    private final String member = Tokens.delegate("DE-BY");
    private Http http;

    @Autowired
    private DataSource dataSource;

    @BeforeAll
    void recordHistory() {
        http = http();
        LedgerEvents ledger = ledger();
        ledger.schedule(session, 1, LocalDate.parse("2024-04-19"), "Potsdam", "DE-BE")
                .schedule(other, 2, LocalDate.parse("2024-10-24"), "Berlin", "DE-BE")
                .propose(greenIt, session, "Potenziale der Digitalisierung für die Ressourcennutzung",
                        "Die DMK setzt sich für Smart-City-Lösungen und für Green IT in der Verwaltung ein.",
                        List.of(topic, "green-it"), "DE-BB", "DE-BE")
                .propose(participation, session, "Digitale Teilhabe aller gesellschaftlichen Gruppen",
                        "Die DMK setzt sich für niedrigschwellige Angebote zur Medienkompetenz ein.",
                        List.of(topic), "DE-NW")
                .propose(broadband, session, "Standards beim Breitbandausbau",
                        "Die DMK richtet Forderungen an die Telekommunikationsunternehmen und die Verwaltungen.",
                        List.of(topic, "broadband"), "DE-SN", "DE-TH")
                .propose(draft, session, "Entwurf: Verwaltungsdigitalisierung",
                        "Die Verwaltung soll digitale Verfahren anbieten.", List.of(topic), "DE-BY")
                .propose(elsewhere, other, "Moderne Verwaltung", "Die Verwaltung wird digital.", List.of(topic),
                        "DE-BB");
        for (String id : List.of(greenIt, participation, broadband)) {
            ledger.openVote(id, session, 1, "DE-BE").votes(id, 1, 16).adopt(id, session, 1, 16, "DE-BE")
                    .publish(id, 1, "Pressemitteilung", "DE-BE");
        }
        ledger.openVote(elsewhere, other, 1, "DE-BE").votes(elsewhere, 1, 16).adopt(elsewhere, other, 1, 16, "DE-BE")
                .publish(elsewhere, 1, "Pressemitteilung", "DE-BE");
        ledger.append();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                http.get("/api/resolutions?topic=" + topic + "&status=PUBLISHED&size=1", member).body()
                        .path("total").asInt() == 4
                        && http.get("/api/resolutions?topic=" + topic + "&size=1", member).body()
                        .path("total").asInt() == 5);
    }

    @Test
    void a_plural_finds_the_singular_and_the_singular_the_plural() {
        assertThat(ids("q=Verwaltungen&sessionId=" + session, null)).containsExactly(broadband, greenIt);
        assertThat(ids("q=Verwaltung&sessionId=" + session, null)).containsExactly(broadband, greenIt);
        // inflected forms in the query: "gesellschaftlicher Gruppe" stems like "gesellschaftlichen Gruppen"
        assertThat(ids("q=" + enc("gesellschaftlicher Gruppe") + "&sessionId=" + session, null))
                .containsExactly(participation);
    }

    @Test
    void the_title_is_searched_as_well_as_the_text() {
        assertThat(ids("q=Breitbandausbau&sessionId=" + session, null)).containsExactly(broadband);
        assertThat(ids("q=Ressourcennutzung&sessionId=" + session, null)).containsExactly(greenIt);
    }

    @Test
    void every_word_must_match_and_quotes_minus_and_or_work_as_in_a_search_box() {
        assertThat(ids("q=" + enc("Verwaltung Smart") + "&sessionId=" + session, null)).containsExactly(greenIt);
        assertThat(ids("q=" + enc("Verwaltung -Telekommunikationsunternehmen") + "&sessionId=" + session, null))
                .containsExactly(greenIt);
        assertThat(ids("q=" + enc("Medienkompetenz or Breitbandausbau") + "&sessionId=" + session, null))
                .containsExactly(broadband, participation);
        assertThat(ids("q=" + enc("\"digitale Teilhabe\"") + "&sessionId=" + session, null))
                .containsExactly(participation);
        assertThat(ids("q=" + enc("\"Teilhabe digitale\"") + "&sessionId=" + session, null)).isEmpty();
    }

    @Test
    void anonymous_readers_find_published_resolutions_only_members_find_drafts_too() {
        assertThat(ids("q=Verwaltung&sessionId=" + session, null)).doesNotContain(draft);
        assertThat(ids("q=Verwaltung&sessionId=" + session, member)).containsExactly(draft, broadband, greenIt);
        assertThat(ids("q=Verwaltung&sessionId=" + session + "&status=PROPOSED", member)).containsExactly(draft);
    }

    @Test
    void the_search_combines_with_session_topic_delegation_and_state() {
        assertThat(ids("q=Verwaltung&topic=" + topic, null)).containsExactly(elsewhere, broadband, greenIt);
        assertThat(ids("q=Verwaltung&topic=" + topic + "&sessionId=" + other, null)).containsExactly(elsewhere);
        // a co-sponsor counts as well as the sponsor
        assertThat(ids("q=Verwaltung&topic=" + topic + "&delegation=DE-TH", null)).containsExactly(broadband);
        assertThat(ids("q=Verwaltung&topic=" + topic + "&delegation=DE-BE", null)).containsExactly(greenIt);
        assertThat(ids("q=Verwaltung&topic=broadband&sessionId=" + session, null)).containsExactly(broadband);
        assertThat(ids("q=Verwaltung&topic=" + topic + "&status=ADOPTED", null)).isEmpty();
    }

    @Test
    void results_are_paged_newest_first_with_the_total() {
        JsonNode first = http.get("/api/resolutions?q=Verwaltung&topic=" + topic + "&size=2&page=0").body();
        JsonNode second = http.get("/api/resolutions?q=Verwaltung&topic=" + topic + "&size=2&page=1").body();
        assertThat(first.path("total").asInt()).isEqualTo(3);
        assertThat(first.path("size").asInt()).isEqualTo(2);
        assertThat(second.path("page").asInt()).isEqualTo(1);
        List<String> all = new ArrayList<>(ids(first));
        all.addAll(ids(second));
        assertThat(all).containsExactly(elsewhere, broadband, greenIt);
        JsonNode item = first.path("items").get(0);
        assertThat(item.path("title").asText()).isEqualTo("Moderne Verwaltung");
        assertThat(item.path("tally").path("yes").asInt()).isEqualTo(16);
        assertThat(item.path("status").asText()).isEqualTo("PUBLISHED");
    }

    @Test
    void a_word_found_nowhere_and_a_query_of_stop_words_only_find_nothing() {
        JsonNode none = http.get("/api/resolutions?q=Quantencomputer&topic=" + topic).body();
        assertThat(none.path("total").asInt()).isZero();
        assertThat(none.path("items").size()).isZero();
        assertThat(ids("q=" + enc("die und der") + "&topic=" + topic, null)).isEmpty();
        // characters a tsquery would choke on are only words to websearch_to_tsquery
        assertThat(http.get("/api/resolutions?q=" + enc("Verwaltung & | ! ( :*") + "&topic=" + topic).status())
                .isEqualTo(200);
    }

    @Test
    void an_empty_or_overlong_query_is_a_problem_detail() {
        for (String q : List.of("", "%20%20", "x".repeat(201))) {
            Http.Response response = http.get("/api/resolutions?q=" + q);
            assertThat(response.status()).as(q).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body().path("code").asText()).isEqualTo("VALIDATION_FAILED");
            assertThat(response.body().path("errors").get(0).path("field").asText()).isEqualTo("q");
        }
        assertThat(http.get("/api/resolutions?q=Verwaltung&size=201").status()).isEqualTo(400);
    }

    @Test
    void the_match_can_use_the_gin_expression_index() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // the table is small here: forbid the sequential scan to see whether the index fits the expression
                statement.execute("SET LOCAL enable_seqscan = off");
            }
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN SELECT resolution_id FROM "
                    + "ledger_read.resolution WHERE " + ResolutionSearch.DOCUMENT + " @@ "
                    + ResolutionSearch.QUERY.replace(":q", "?"))) {
                explain.setString(1, "Verwaltungen");
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
            }
            connection.rollback();
            assertThat(plan.toString()).contains("resolution_search_idx");
        }
    }

    private List<String> ids(String query, String token) {
        Http.Response response = http.get("/api/resolutions?size=50&" + query, token);
        assertThat(response.status()).as(query + " " + response.body()).isEqualTo(200);
        return ids(response.body());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("resolutionId").asText()));
        return ids;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
