package io.resolutionledger.webapp.devlogin;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.webapp.support.Browser;
import io.resolutionledger.webapp.support.WebStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local development sign-in of {@code ./ledger up}: a page clearly marked as not for production, a token with the
 * claims of the tests' tokens kept in the session like an OIDC sign-in's, the session id changed at sign-in, CSRF on
 * the form, and a relayed command and read with the minted token.
 */
class DevLoginTest {

    private static WebStack stack;

    @BeforeAll
    static void stack() {
        stack = WebStack.shared();
        stack.assumeDevLogin();
    }

    @Test
    void the_page_is_marked_not_for_production_and_offers_the_conference_s_delegations() {
        Browser.Response page = stack.browser().get("/dev-login");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<h1>Development sign-in — not for production</h1>")
                .contains("value=\"DE-BY\"").contains("value=\"DE-TH\"").contains("value=\"DE-BSI\"")
                .contains("name=\"_csrf\"").doesNotContain("<script").doesNotContain("style=");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(page.header("Cache-Control")).contains("no-store");
    }

    @Test
    void a_development_sign_in_carries_the_claims_of_a_real_one_and_its_token_works_upstream() {
        Browser anonymous = stack.browser();
        assertThat(anonymous.get("/bff/me").json().path("authenticated").asBoolean()).isFalse();

        Browser admin = stack.signInDev(null, "admin", "Ada Admin");
        JsonNode me = admin.get("/bff/me").json();
        assertThat(me.path("authenticated").asBoolean()).isTrue();
        assertThat(me.path("devLogin").asBoolean()).isTrue();
        assertThat(me.path("roles").toString()).isEqualTo("[\"admin\"]");
        assertThat(me.path("name").asText()).isEqualTo("Ada Admin");
        assertThat(me.path("sub").asText()).isEqualTo("dev:admin:ada-admin");
        assertThat(me.has("delegation")).isFalse();
        assertThat(me.path("expiresAt").asText()).isNotEmpty();

        Browser.Response handover = admin.post("/bff/command/chair/handovers",
                "{\"year\":2024,\"to\":[\"DE-BY\"],\"effectiveFrom\":\"2024-01-01\"}",
                "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(handover.status()).as(handover.body()).isIn(201, 409);

        Browser chair = stack.signInDev("DE-BY", "delegate", "Bea Bayern");
        JsonNode delegate = chair.get("/bff/me").json();
        assertThat(delegate.path("delegation").asText()).isEqualTo("DE-BY");
        assertThat(delegate.path("roles").toString()).isEqualTo("[\"delegate\"]");
        Browser.Response scheduled = chair.post("/bff/command/sessions", "{\"sessionId\":\"s-" + UUID.randomUUID()
                + "\",\"number\":1,\"kind\":\"REGULAR\",\"date\":\"2024-04-19\",\"place\":\"Potsdam\"}");
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);

        Browser.Response read = chair.get("/bff/query/chair?on=2024-05-01");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).contains("DE-BY");
    }

    @Test
    void the_sign_in_gives_the_browser_a_new_session_id_and_the_planted_one_stays_anonymous() {
        // an attacker's session id planted in the victim's browser before the sign-in (session fixation)
        @SuppressWarnings("unchecked")
        SessionRepository<Session> sessions = stack.webApp().getBean(SessionRepository.class);
        Session planted = sessions.createSession();
        sessions.save(planted);
        String plantedCookie = Base64.getEncoder().encodeToString(planted.getId().getBytes(StandardCharsets.UTF_8));
        Browser victim = stack.browser();
        victim.setCookie(WebStack.SESSION_COOKIE, plantedCookie);

        Browser.Response page = victim.get("/dev-login");
        Browser.Response signedIn = victim.postForm("/dev-login", Map.of("delegation", "DE-HE", "role", "delegate",
                "name", "Hanna Hessen", "_csrf", WebStack.csrfField(page.body())));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
        assertThat(victim.sessionCookie()).as("a new session id at sign-in").isNotEqualTo(plantedCookie);
        assertThat(victim.get("/bff/me").json().path("delegation").asText()).isEqualTo("DE-HE");

        Browser attacker = new Browser(stack.webUrl());
        attacker.setCookie(WebStack.SESSION_COOKIE, plantedCookie);
        assertThat(attacker.get("/bff/me").json().path("authenticated").asBoolean())
                .as("the planted session id is not signed in").isFalse();
        assertThat(sessions.findById(planted.getId())).as("the old id no longer names a session").isNull();
    }

    @Test
    void the_form_needs_its_csrf_token_and_refuses_bad_input_with_a_problem() {
        Browser browser = stack.browser();
        Map<String, String> fields = Map.of("delegation", "DE-BY", "role", "delegate", "name", "Mallory");
        Browser.Response without = browser.postForm("/dev-login", fields);
        assertThat(without.status()).isEqualTo(403);
        assertThat(without.code()).isEqualTo("CSRF_TOKEN_INVALID");
        assertThat(without.header("Content-Type")).startsWith("application/problem+json");

        Browser.Response wrong = browser.postForm("/dev-login", Map.of("delegation", "DE-BY", "role", "delegate",
                "name", "Mallory", "_csrf", "not-the-token"));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.code()).isEqualTo("CSRF_TOKEN_INVALID");
        assertThat(browser.get("/bff/me").json().path("authenticated").asBoolean()).isFalse();

        String csrf = WebStack.csrfField(browser.get("/dev-login").body());
        Browser.Response chair = browser.postForm("/dev-login", Map.of("delegation", "DE-BY", "role", "chair",
                "name", "Mallory", "_csrf", csrf));
        assertThat(chair.status()).isEqualTo(400);
        assertThat(chair.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(chair.json().path("errors").has("role")).isTrue();

        Browser.Response noDelegation = browser.postForm("/dev-login", Map.of("role", "delegate", "name", "Mallory",
                "_csrf", WebStack.csrfField(browser.get("/dev-login").body())));
        assertThat(noDelegation.status()).isEqualTo(400);
        assertThat(noDelegation.json().path("errors").has("delegation")).isTrue();

        Browser.Response unknown = browser.postForm("/dev-login", Map.of("delegation", "DE-XX", "role", "delegate",
                "name", "Mallory", "_csrf", WebStack.csrfField(browser.get("/dev-login").body())));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(browser.get("/bff/me").json().path("authenticated").asBoolean()).as("nothing signed in").isFalse();
    }

    @Test
    void signing_out_ends_the_session_and_the_old_cookie_no_longer_works() {
        Browser browser = stack.signInDev("DE-SN", "delegate", "Sven Sachsen");
        String cookie = browser.sessionCookie();
        Browser.Response refused = browser.send(browser.request("/bff/logout").header("Origin", browser.origin())
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(refused.status()).as("sign-out needs the CSRF token too").isEqualTo(403);
        assertThat(browser.get("/bff/me").json().path("authenticated").asBoolean()).isTrue();

        Browser.Response out = browser.post("/bff/logout", null);
        assertThat(out.status()).as(out.body()).isEqualTo(200);
        assertThat(out.json().path("logoutUrl").asText()).isEqualTo("/");
        assertThat(browser.get("/bff/me").json().path("authenticated").asBoolean()).isFalse();

        Browser stolen = new Browser(stack.webUrl());
        stolen.setCookie(WebStack.SESSION_COOKIE, cookie);
        assertThat(stolen.get("/bff/me").json().path("authenticated").asBoolean()).isFalse();
        Browser.Response command = stolen.post("/bff/command/resolutions", "{}");
        assertThat(command.status()).isIn(401, 403);
    }
}
