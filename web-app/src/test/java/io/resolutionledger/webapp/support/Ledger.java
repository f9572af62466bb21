package io.resolutionledger.webapp.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Business through the web app, as the pages do it: whoever holds the chair today (on a fresh ledger an admin names
 * the first: DE-BE and DE-BB, as the browser test does, so that the order of the tests does not matter), a session
 * of today, a proposal, and reading what the query side shows once its projection has caught up.
 */
public final class Ledger {

    private Ledger() {
    }

    /** The delegation that holds the chair today, and a browser of one of its people. */
    public record Chair(String delegation, Browser browser) {
    }

    public static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    /** The chair of today (named by an admin first, when nobody holds it yet), signed in. */
    public static Chair chair(WebStack stack) {
        Browser admin = stack.signIn(null, "admin", "Ada Admin");
        JsonNode holders = admin.get("/bff/query/chair?on=" + today()).json().path("holders");
        if (holders.isEmpty()) {
            String year = today().substring(0, 4);
            Browser.Response handover = admin.post("/bff/command/chair/handovers", "{\"year\":" + year
                    + ",\"to\":[\"DE-BE\",\"DE-BB\"],\"effectiveFrom\":\"" + year + "-01-01\"}");
            assertThat(handover.status()).as(handover.body()).isIn(201, 409);
            await("the chair of today").atMost(Duration.ofSeconds(30)).until(() -> !admin.get("/bff/query/chair?on="
                    + today()).json().path("holders").isEmpty());
            holders = admin.get("/bff/query/chair?on=" + today()).json().path("holders");
        }
        String delegation = holders.get(0).asText();
        return new Chair(delegation, stack.signIn(delegation, "delegate", "Clara Chair"));
    }

    /** A scheduled session of the chair, today. */
    public static String session(Browser chair) {
        String sessionId = "s-" + UUID.randomUUID();
        Browser.Response scheduled = chair.post("/bff/command/sessions", "{\"sessionId\":\"" + sessionId
                + "\",\"number\":1,\"kind\":\"REGULAR\",\"date\":\"" + today() + "\",\"place\":\"Potsdam\"}");
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
