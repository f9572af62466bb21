package io.resolutionledger.command.caching;

import io.resolutionledger.command.support.TestTokens;
import io.resolutionledger.command.web.CommandHttpTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-side instances on one database, each with its caches (aggregates, the conference's and the sessions'
 * facts, verified tokens): whatever one instance changes, the other decides on the changed state at once, never on
 * what it had cached. Each test warms the first instance's caches, changes the state through the second, and asks
 * the first for a decision that the old state would have answered differently.
 */
class TwoInstancesTest extends CommandHttpTestSupport {

    /** The second instance: the same application, its own JVM-level caches, the same database. */
    private static ConfigurableApplicationContext other;
    private static int otherPort;

    @Autowired
    Environment environment;

    @BeforeEach
    void startTheOtherInstance() {
        if (other == null) {
            // command-line arguments: they override application.yml, as the test context's dynamic properties do
            // the same settings as the test context, its deadline scheduler apart (CommandHttpTestSupport)
            other = anotherInstance(environment);
            otherPort = Integer.parseInt(other.getEnvironment().getProperty("local.server.port"));
        }
    }

    @AfterAll
    static void stopTheOtherInstance() {
        if (other != null) {
            other.close();
            other = null;
        }
    }

    private Response postToOther(String path, String token, String body, String... headers) {
        int mine = port;
        port = otherPort;
        try {
            return post(path, token, body, headers);
        } finally {
            port = mine;
        }
    }

    @Test
    void aResolutionAmendedThroughTheOtherInstanceIsDecidedAtItsNewVersion() {
        String resolution = propose(session(false));
        Response second = post("/api/resolutions/" + resolution + "/amendments", TestTokens.delegate(SPONSOR),
                json(Map.of("text", "Fassung 2")), "If-Match", "\"1\"");
        assertThat(second.status()).as(second.raw()).isEqualTo(200);

        Response third = postToOther("/api/resolutions/" + resolution + "/amendments", TestTokens.delegate(SPONSOR),
                json(Map.of("text", "Fassung 3")), "If-Match", "\"2\"");
        assertThat(third.status()).as(third.raw()).isEqualTo(200);

        // this instance cached the resolution at version 2: it must decide at version 3 (a stale copy would refuse
        // this request 412 without appending anything, so no unique key would catch the mistake)
        Response fourth = post("/api/resolutions/" + resolution + "/amendments", TestTokens.delegate(SPONSOR),
                json(Map.of("text", "Fassung 4")), "If-Match", "\"3\"");
        assertThat(fourth.status()).as(fourth.raw()).isEqualTo(200);
        assertThat(fourth.json().get("version").asLong()).isEqualTo(4);
        assertProblem(post("/api/resolutions/" + resolution + "/amendments", TestTokens.delegate(SPONSOR),
                json(Map.of("text", "Fassung 4, noch einmal")), "If-Match", "\"3\""), 412, "VERSION_CONFLICT");
        assertThat(eventCount(resolution)).isEqualTo(4);
    }

    @Test
    void aVoteOpenedThroughTheOtherInstanceTakesVotesHere() {
        String session = session(true);
        String resolution = propose(session);
        // cached here as PROPOSED, where a vote is refused
        assertProblem(post("/api/resolutions/" + resolution + "/votes", TestTokens.delegate("DE-NW"),
                json(Map.of("choice", "YES"))), 409, "INVALID_STATE_TRANSITION");

        Response opened = postToOther("/api/resolutions/" + resolution + "/voting", TestTokens.delegate(CHAIR), null);
        assertThat(opened.status()).as(opened.raw()).isEqualTo(200);

        Response vote = post("/api/resolutions/" + resolution + "/votes", TestTokens.delegate("DE-NW"),
                json(Map.of("choice", "YES")));
        assertThat(vote.status()).as(vote.raw()).isEqualTo(200);
        // and the other instance, which cached the vote's opening, sees this vote
        assertProblem(postToOther("/api/resolutions/" + resolution + "/votes", TestTokens.delegate("DE-NW"),
                json(Map.of("choice", "NO"))), 409, "ALREADY_VOTED");
    }

    @Test
    void aSessionClosedThroughTheOtherInstanceTakesNoMoreProposalsHere() {
        String session = session(true);
        propose(session); // the session's facts are cached here now

        Response closed = postToOther("/api/sessions/" + session + "/closing", TestTokens.delegate(CHAIR), null);
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);

        assertProblem(post("/api/resolutions", TestTokens.delegate(SPONSOR), proposal(session)), 409, "SESSION_CLOSED");
    }

    @Test
    void aChairHandedOverThroughTheOtherInstanceSchedulesSessionsHere() throws Exception {
        ensureChair2024();
        propose(session(false)); // the conference's facts are cached here now
        String last = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM ledger_write.domain_event_entry"
                + " WHERE payload_type LIKE '%ChairHandedOver' AND aggregate_identifier = 'DMK'" // the suite's database
                + " ORDER BY global_index DESC LIMIT 1", String.class); // also holds the second conference's chair
        var term = JSON.readTree(last);
        int year = term.get("year").asInt() + 1;
        String holder = term.get("to").get(0).asText();
        String incoming = MEMBERS.stream().filter(m -> !term.get("to").toString().contains(m)).findFirst().orElseThrow();
        Map<String, Object> session = Map.of("sessionId", newId("s"), "number", 1, "kind", "REGULAR",
                "date", year + "-06-01", "place", "Erfurt");
        assertProblem(post("/api/sessions", TestTokens.delegate(incoming), json(session)), 403, "NOT_CHAIR");

        Response handed = postToOther("/api/chair/handovers", TestTokens.delegate(holder),
                json(Map.of("year", year, "to", List.of(incoming), "effectiveFrom", year + "-01-01")));
        assertThat(handed.status()).as(handed.raw()).isEqualTo(201);

        Response scheduled = post("/api/sessions", TestTokens.delegate(incoming), json(session));
        assertThat(scheduled.status()).as(scheduled.raw()).isEqualTo(201);
    }
}
