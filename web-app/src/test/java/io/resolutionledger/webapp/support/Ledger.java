package io.resolutionledger.webapp.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Business through the web app, as the pages do it: the chair of 2024 (DE-BY, set once per stack by an admin),
 * a session of it, a proposal, and reading what the query side shows once its projection has caught up.
 */
public final class Ledger {

    public static final String CHAIR = "DE-BY";

    private Ledger() {
    }

    /** A browser of the 2024 chair's delegation (the hand-over is made once, by an admin). */
    public static Browser chair(WebStack stack) {
        Browser admin = stack.signIn(null, "admin", "Ada Admin");
        Browser.Response handover = admin.post("/bff/command/chair/handovers",
                "{\"year\":2024,\"to\":[\"" + CHAIR + "\"],\"effectiveFrom\":\"2024-01-01\"}");
        assertThat(handover.status()).as(handover.body()).isIn(201, 409);
        return stack.signIn(CHAIR, "delegate", "Bea Bayern");
    }

    /** A scheduled 2024 session of the chair. */
    public static String session(Browser chair) {
        String sessionId = "s-" + UUID.randomUUID();
        Browser.Response scheduled = chair.post("/bff/command/sessions", "{\"sessionId\":\"" + sessionId
                + "\",\"number\":1,\"kind\":\"REGULAR\",\"date\":\"2024-04-19\",\"place\":\"Potsdam\"}");
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);
        return sessionId;
    }

    public static String proposalJson(String sessionId, String title) {
        return "{\"sessionId\":\"" + sessionId + "\",\"title\":\"" + title + "\",\"text\":\"Die Länder beschließen.\","
                + "\"topics\":[\"open-data\"],\"coSponsors\":[]}";
    }

    /** The resolution as the query side shows it to this browser, once it is there. */
    public static Browser.Response awaitResolution(Browser browser, String resolutionId, long version) {
        Browser.Response[] last = new Browser.Response[1];
        await("resolution " + resolutionId + " v" + version).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    last[0] = browser.get("/bff/query/resolutions/" + resolutionId);
                    return last[0].status() == 200 && last[0].json().path("version").asLong() == version;
                });
        return last[0];
    }

    public static JsonNode json(Browser.Response response) {
        return response.json();
    }
}
