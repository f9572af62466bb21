package io.resolutionledger.query.stream;

import io.resolutionledger.api.event.AgendaItemAdded;
import io.resolutionledger.api.event.CoSponsorJoined;
import io.resolutionledger.api.value.AgendaItemKind;
import io.resolutionledger.api.value.ResolutionId;
import io.resolutionledger.api.value.SessionId;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static io.resolutionledger.query.support.LedgerEvents.code;
import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The live stream: subscribers hear each change; one that reconnects with Last-Event-ID gets what it missed. */
class StreamTest extends QuerySideTest {

    /** One parsed server-sent event. */
    record Sse(String id, String event, String data) {
    }

    /** A subscriber reading the stream on a background thread. */
    final class Subscriber implements AutoCloseable {
        final List<Sse> received = new CopyOnWriteArrayList<>();
        final CompletableFuture<HttpResponse<Stream<String>>> response;

        Subscriber(String token, String lastEventId) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/stream"))
                    .header("Accept", "text/event-stream").GET();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
            response.thenAcceptAsync(r -> {
                String[] current = new String[3];
                try {
                    r.body().forEach(line -> {
                        if (line.isEmpty()) {
                            if (current[2] != null) {
                                received.add(new Sse(current[0], current[1], current[2]));
                            }
                            current[0] = current[1] = current[2] = null;
                        } else if (line.startsWith("id:")) {
                            current[0] = line.substring(3).trim();
                        } else if (line.startsWith("event:")) {
                            current[1] = line.substring(6).trim();
                        } else if (line.startsWith("data:")) {
                            current[2] = line.substring(5).trim();
                        }
                    });
                } catch (RuntimeException closed) {
                    // the test closed the stream
                }
            });
        }

        /** Waits until the server has registered this subscriber (it sends a "connected" comment at once). */
        Subscriber connected() {
            await().atMost(Duration.ofSeconds(5)).until(response::isDone);
            assertThat(response.join().statusCode()).isEqualTo(200);
            return this;
        }

        boolean has(String event, String id) {
            return received.stream().anyMatch(s -> event.equals(s.event()) && s.data().contains("\"id\":\"" + id + "\""));
        }

        @Override
        public void close() {
            response.thenAccept(r -> r.body().close());
        }
    }

    @Test
    void a_subscriber_hears_each_change_and_after_a_reconnect_misses_nothing() {
        String session = unique("s");
        String early = unique("r-early");
        String missed = unique("r-missed");
        String lastSeen;
        try (Subscriber member = new Subscriber(Tokens.delegate("DE-BY"), null).connected()) {
            LedgerEvents ledger = ledger();
            ledger.schedule(session, 2, LocalDate.parse("2024-10-24"), "Berlin", "DE-BE")
                    .propose(early, session, "Early", "Text.", List.of("x"), "DE-BY")
                    .append();
            await().atMost(Duration.ofSeconds(10)).until(() -> member.has("resolution", early)
                    && member.has("session", session) && member.has("stats", "all"));
            Sse proposed = member.received.stream().filter(s -> "resolution".equals(s.event())).filter(s -> s.data()
                    .contains(early)).findFirst().orElseThrow();
            assertThat(proposed.data()).contains("\"status\":\"PROPOSED\"").contains("\"event\":\"ResolutionProposed\"");
            // the id of the last change received is where the stream resumes
            List<String> ids = member.received.stream().map(Sse::id).filter(id -> id != null).toList();
            lastSeen = ids.get(ids.size() - 1);
        }

        ledger().propose(missed, session, "Missed", "Text.", List.of("x"), "DE-HE").append();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM ledger_read.audit_event WHERE aggregate_id = ?", Long.class, missed) == 1);

        try (Subscriber again = new Subscriber(Tokens.delegate("DE-BY"), lastSeen).connected()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> again.has("resolution", missed));
            assertThat(again.has("resolution", early)).isFalse();
            assertThat(again.received).filteredOn(s -> s.id() != null)
                    .allSatisfy(s -> assertThat(globalIndex(s.data())).isGreaterThan(position(lastSeen)));
        }
    }

    @Test
    void anonymous_subscribers_hear_of_sessions_but_not_of_unpublished_resolutions() {
        String session = unique("s");
        String draft = unique("r-draft");
        String published = unique("r-pub");
        try (Subscriber anonymous = new Subscriber(null, null).connected()) {
            ledger().schedule(session, 4, LocalDate.parse("2025-04-10"), "Mainz", "DE-RP")
                    .propose(draft, session, "Draft", "Secret text.", List.of("x"), "DE-BY")
                    .published(published, session, "Public", List.of("x"), "DE-RP", "DE-RP")
                    .append();
            await().atMost(Duration.ofSeconds(10)).until(() -> anonymous.has("session", session)
                    && anonymous.has("resolution", published));
            assertThat(anonymous.received).noneMatch(s -> s.data().contains(draft));
            assertThat(anonymous.received).filteredOn(s -> "resolution".equals(s.event()))
                    .allMatch(s -> s.data().contains("\"status\":\"PUBLISHED\""));
        }
    }

    @Test
    void anonymous_subscribers_hear_nothing_of_an_unpublished_resolution_not_even_its_events_names() {
        String session = unique("s");
        String secret = unique("r-secret");
        String marker = unique("r-marker");
        try (Subscriber anonymous = new Subscriber(null, null).connected();
             Subscriber member = new Subscriber(Tokens.delegate("DE-HE"), null).connected()) {
            LedgerEvents ledger = ledger();
            ledger.schedule(session, 6, LocalDate.parse("2025-11-06"), "Wiesbaden", "DE-RP")
                    .propose(secret, session, "Secret", "Secret text.", List.of("x"), "DE-HE")
                    .amend(secret, 2, "Secret text, amended.", "DE-HE")
                    .resolution(new CoSponsorJoined(ResolutionId.of(secret), code("DE-SN"), ledger.tick()))
                    .session(new AgendaItemAdded(SessionId.of(session), unique("top"), 1, AgendaItemKind.RESOLUTION,
                            "Secret", ResolutionId.of(secret), null, code("DE-RP"), ledger.tick()))
                    .session(new AgendaItemAdded(SessionId.of(session), unique("top"), 2, AgendaItemKind.REPORT,
                            "Report of the federal minister", null, "BMDV", code("DE-RP"), ledger.tick()))
                    .openVote(secret, session, 2, "DE-RP")
                    .votes(secret, 2, 16)
                    .adopt(secret, session, 2, 16, "DE-RP")
                    // a published resolution after it: once anonymous hears of it, it has been sent all before it
                    .published(marker, session, "Public", List.of("x"), "DE-RP", "DE-RP")
                    .append();
            await().atMost(Duration.ofSeconds(10)).until(() -> anonymous.has("resolution", marker)
                    && member.has("resolution", marker));

            assertThat(anonymous.received).noneMatch(s -> s.data().contains(secret));
            // what anonymous readers hear of: publications, the session's schedule and its report item, nothing else
            assertThat(anonymous.received).extracting(s -> eventType(s.data()))
                    .containsOnly("SessionScheduled", "AgendaItemAdded", "ResolutionPublished");
            assertThat(anonymous.received).filteredOn(s -> "stats".equals(s.event()))
                    .allMatch(s -> s.data().contains("\"event\":\"ResolutionPublished\""));
            assertThat(anonymous.received).filteredOn(s -> s.data().contains("AgendaItemAdded")).hasSize(1);
            // a member hears all of it
            assertThat(member.received).filteredOn(s -> s.data().contains(secret)).extracting(s -> eventType(s.data()))
                    .contains("ResolutionProposed", "ResolutionAmended", "CoSponsorJoined", "VoteOpened", "VoteCast",
                            "ResolutionAdopted");
            assertThat(member.received).filteredOn(s -> "stats".equals(s.event()))
                    .anyMatch(s -> s.data().contains("\"event\":\"ResolutionProposed\""));
            assertThat(member.received).filteredOn(s -> s.data().contains("AgendaItemAdded")).hasSize(2);
        }
    }

    private static String eventType(String data) {
        int at = data.indexOf("\"event\":\"") + 9;
        return data.substring(at, data.indexOf('"', at));
    }

    @Test
    void a_malformed_last_event_id_is_a_400() {
        HttpResponse<String> response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/stream")).header("Last-Event-ID", "yesterday")
                .GET().build(), HttpResponse.BodyHandlers.ofString()).join();
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("VALIDATION_FAILED");
    }

    static long globalIndex(String data) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"globalIndex\":(\\d+)").matcher(data);
        assertThat(m.find()).as(data).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The stream position an SSE id starts with (an id may add the missing positions and a partial event). */
    static long position(String id) {
        return Long.parseLong(id.split("[~+]", 2)[0]);
    }
}
