package io.resolutionledger.query.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.api.event.ResolutionTransferred;
import io.resolutionledger.api.event.SessionCancelled;
import io.resolutionledger.api.event.SessionPostponed;
import io.resolutionledger.api.value.ResolutionId;
import io.resolutionledger.api.value.SessionId;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static io.resolutionledger.query.support.LedgerEvents.code;
import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A postponed or cancelled session and a resolution moved to a coming session, as the sessions and resolutions show them. */
class SessionMovesTest extends QuerySideTest {

    @Test
    void a_transferred_resolution_is_on_its_new_sessions_agenda_and_a_postponed_session_shows_its_new_date() {
        String today = unique("dmk-today");
        String coming = unique("dmk-coming");
        String dropped = unique("dmk-dropped");
        String moved = unique("r-moved");
        String member = Tokens.delegate("DE-RP");
        Http http = http();
        LedgerEvents ledger = ledger();
        ledger.schedule(today, 1, LocalDate.parse("2024-04-19"), "Potsdam", "DE-BE")
                .open(today, "DE-BE")
                .schedule(coming, 2, LocalDate.parse("2024-10-24"), "Berlin", "DE-BE")
                .schedule(dropped, 3, LocalDate.parse("2024-12-05"), "Berlin", "DE-BE")
                .propose(moved, today, "Smart Region", "Text.", List.of("smart-city"), "DE-HH")
                .resolution(new ResolutionTransferred(ResolutionId.of(moved), SessionId.of(today),
                        SessionId.of(coming), code("DE-BE"), ledger.tick()))
                .session(new SessionPostponed(SessionId.of(coming), LocalDate.parse("2024-10-24"),
                        LocalDate.parse("2024-11-07"), "Terminkollision", code("DE-BE"), ledger.tick()))
                .session(new SessionCancelled(SessionId.of(dropped), "entfällt", code("DE-BE"), ledger.tick()))
                .append();

        await().atMost(Duration.ofSeconds(15)).until(() ->
                "POSTPONED".equals(http.get("/api/sessions/" + coming, member).body().path("status").asText())
                        && http.get("/api/sessions/" + coming, member).body().path("agenda").size() == 1
                        && "CANCELLED".equals(http.get("/api/sessions/" + dropped, member).body().path("status").asText()));

        JsonNode postponed = http.get("/api/sessions/" + coming, member).body();
        assertThat(postponed.path("date").asText()).isEqualTo("2024-11-07");
        assertThat(postponed.path("agenda").get(0).path("resolutionId").asText()).isEqualTo(moved);
        assertThat(http.get("/api/sessions/" + today, member).body().path("agenda").size()).isZero();
        assertThat(http.get("/api/resolutions/" + moved, member).body().path("sessionId").asText()).isEqualTo(coming);
    }
}
