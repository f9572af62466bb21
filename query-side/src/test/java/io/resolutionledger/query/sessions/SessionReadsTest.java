package io.resolutionledger.query.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.api.event.AgendaItemAdded;
import io.resolutionledger.api.event.AgendaReordered;
import io.resolutionledger.api.event.AttendanceRecorded;
import io.resolutionledger.api.event.SessionClosed;
import io.resolutionledger.api.value.AgendaItemKind;
import io.resolutionledger.api.value.ResolutionId;
import io.resolutionledger.api.value.SessionId;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.resolutionledger.query.support.LedgerEvents.code;
import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/sessions/{id}} as API.md says: the agenda items in their order with presenter and (after the
 * session) outcome, the attendance of members and guests, the status, date and place; now and at any point of
 * business or recording time, from the event store.
 */
class SessionReadsTest extends QuerySideTest {

    static final Instant RECORDED = Instant.parse("2024-06-01T08:00:00Z");

    @Test
    void aSessionShowsItsAgendaInOrderItsAttendanceAndAfterItClosedEachItemsOutcome() {
        String session = unique("s");
        String adopted = unique("r");
        String open = unique("r");
        SessionId s = SessionId.of(session);
        var ledger = ledger().recordedAt(RECORDED);
        ledger.at(Instant.parse("2024-03-01T08:00:00Z"))
                .schedule(session, 1, LocalDate.parse("2024-04-19"), "Potsdam, Hasso-Plattner-Institut", "DE-BE")
                .propose(adopted, session, "KI-Verordnung umsetzen", "…", List.of("ai"), "DE-BY")
                .propose(open, session, "Breitband", "…", List.of("broadband"), "DE-NW")
                .session(new AgendaItemAdded(s, "top-1", 1, AgendaItemKind.RESOLUTION, "KI-Verordnung",
                        ResolutionId.of(adopted), null, code("DE-BE"), ledger.tick()))
                .session(new AgendaItemAdded(s, "top-2", 2, AgendaItemKind.REPORT,
                        "Bericht zur Digitalstrategie und zum AI Act", null, "Bundesminister für Digitales",
                        code("DE-BE"), ledger.tick()))
                .session(new AgendaItemAdded(s, "top-3", 3, AgendaItemKind.RESOLUTION, "Breitband",
                        ResolutionId.of(open), null, code("DE-BE"), ledger.tick()))
                .session(new AgendaReordered(s, List.of("top-2", "top-1", "top-3"), code("DE-BE"), ledger.tick()))
                .at(Instant.parse("2024-04-19T07:00:00Z"))
                .session(new AttendanceRecorded(s, code("DE-BY"), null, null, true, code("DE-BE"), ledger.tick()))
                .session(new AttendanceRecorded(s, code("DE-BB"), null, null, true, code("DE-BE"), ledger.tick()))
                .session(new AttendanceRecorded(s, code("DE-HB"), null, null, true, code("DE-BE"), ledger.tick()))
                .session(new AttendanceRecorded(s, code("DE-HB"), null, null, false, code("DE-BE"), ledger.tick()))
                .session(new AttendanceRecorded(s, null, code("DE-BSI"), "Claudia Plattner", true, code("DE-BE"),
                        ledger.tick()))
                .open(session, "DE-BE")
                .openVote(adopted, session, 1, "DE-BE")
                .votes(adopted, 1, 16)
                .adopt(adopted, session, 1, 16, "DE-BE")
                .at(Instant.parse("2024-04-19T15:00:00Z"))
                .session(new SessionClosed(s, code("DE-BE"), ledger.tick()))
                .append();
        awaitProjectionsCaughtUp();
        String member = Tokens.delegate("DE-HB");

        JsonNode now = http().get("/api/sessions/" + session, member).body();
        assertThat(now.get("status").asText()).isEqualTo("CLOSED");
        assertThat(now.get("date").asText()).isEqualTo("2024-04-19");
        assertThat(now.get("place").asText()).isEqualTo("Potsdam, Hasso-Plattner-Institut");
        JsonNode agenda = now.get("agenda");
        assertThat(agenda).hasSize(3);
        assertThat(agenda.get(0).get("itemId").asText()).isEqualTo("top-2");
        assertThat(agenda.get(0).get("kind").asText()).isEqualTo("REPORT");
        assertThat(agenda.get(0).get("presenter").asText()).isEqualTo("Bundesminister für Digitales");
        assertThat(agenda.get(0).get("outcome").asText()).isEqualTo("HELD");
        assertThat(agenda.get(0).has("resolutionId")).isFalse();
        assertThat(agenda.get(1).get("itemId").asText()).isEqualTo("top-1");
        assertThat(agenda.get(1).get("number").asInt()).isEqualTo(1);
        assertThat(agenda.get(1).get("resolutionId").asText()).isEqualTo(adopted);
        assertThat(agenda.get(1).get("outcome").asText()).isEqualTo("ADOPTED");
        assertThat(agenda.get(1).at("/tally/yes").asInt()).isEqualTo(16);
        assertThat(agenda.get(2).get("outcome").asText()).isEqualTo("NOT_DECIDED");
        assertThat(now.at("/attendance/members").toString()).isEqualTo("[\"DE-BB\",\"DE-BY\"]");
        assertThat(now.at("/attendance/guests/0/guest").asText()).isEqualTo("DE-BSI");
        assertThat(now.at("/attendance/guests/0/name").asText()).isEqualTo("Claudia Plattner");

        // business time: during the session the vote was open, no outcome yet
        JsonNode during = http().get("/api/sessions/" + session + "?asOf=2024-04-19T07:10:00Z", member).body();
        assertThat(during.get("status").asText()).isEqualTo("OPEN");
        assertThat(during.get("asOf").asText()).isEqualTo("2024-04-19T07:10:00Z");
        assertThat(during.get("agenda").get(1).get("status").asText()).isEqualTo("VOTING");
        assertThat(during.get("agenda").get(1).has("outcome")).isFalse();
        // before the roll call: the agenda in its first order, nobody recorded present
        JsonNode before = http().get("/api/sessions/" + session + "?asOf=2024-03-01T08:05:30Z", member).body();
        // (a resolution proposed for the session but not yet on its agenda is listed after the items, without one)
        assertThat(before.get("agenda")).extracting(i -> i.path("itemId").asText("-"))
                .containsExactly("top-1", "top-2", "-");
        assertThat(before.get("agenda").get(2).get("resolutionId").asText()).isEqualTo(open);
        assertThat(before.at("/attendance/members")).isEmpty();
        // recording time: before the ledger recorded it, there was no such session
        assertThat(http().get("/api/sessions/" + session + "?knownAt=2024-05-31T00:00:00Z", member).status())
                .isEqualTo(404);
        JsonNode known = http().get("/api/sessions/" + session + "?knownAt=" + RECORDED.plusSeconds(2)
                + "&asOf=2099-01-01T00:00:00Z", member).body();
        assertThat(known.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(known.get("knownAt").asText()).isEqualTo(RECORDED.plusSeconds(2).toString());

        // anonymous readers: the session and its reports, no unpublished resolution, not even its item's title
        JsonNode anonymous = http().get("/api/sessions/" + session, null).body();
        assertThat(anonymous.get("agenda")).extracting(i -> i.get("itemId").asText()).containsExactly("top-2");
        assertThat(anonymous.toString()).doesNotContain("KI-Verordnung").doesNotContain("Breitband");
    }
}
