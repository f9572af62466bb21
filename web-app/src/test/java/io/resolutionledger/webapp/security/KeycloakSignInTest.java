package io.resolutionledger.webapp.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.testkit.Keycloak;
import io.resolutionledger.webapp.support.Browser;
import io.resolutionledger.webapp.support.Ledger;
import io.resolutionledger.webapp.support.WebStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Signing in through the real identity provider: Keycloak with the realm file of compose, the web app as its
 * confidential client {@code ledger-web}, authorization code with PKCE through the login form. The session then
 * holds the tokens, the browser only a cookie whose value changed at sign-in; sign-out ends the session and the
 * provider's (RP-initiated logout).
 */
class KeycloakSignInTest {

    private static final String PASSWORD = "correct-horse-battery-staple";
    private static WebStack stack;

    @BeforeAll
    static void stack() {
        stack = WebStack.shared();
        stack.assumeKeycloak();
    }

    @Test
    void authorization_code_with_pkce_through_the_login_form_ends_in_a_session_with_the_person_s_claims() {
        String username = "nora-" + UUID.randomUUID().toString().substring(0, 8);
        stack.keycloak().orElseThrow().addNamedPerson(username, PASSWORD, "Nora", "Nordrhein", "DE-NW");
        Browser browser = stack.browser();
        WebStack.SignInSteps steps = stack.signInKeycloak(browser, username, PASSWORD);

        Map<String, String> authorization = query(steps.authorizationUrl());
        assertThat(steps.authorizationUrl()).startsWith(stack.keycloak().orElseThrow().issuer()
                + "/protocol/openid-connect/auth?");
        assertThat(authorization).containsEntry("client_id", "ledger-web").containsEntry("response_type", "code")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", stack.webUrl() + "/login/oauth2/code/ledger");
        assertThat(authorization.get("code_challenge")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(authorization.get("scope")).contains("openid");
        assertThat(authorization.get("state")).isNotBlank();

        assertThat(steps.landed().status()).isEqualTo(302);
        assertThat(steps.landed().header("Location")).isIn("/", stack.webUrl() + "/");
        JsonNode me = browser.get("/bff/me").json();
        assertThat(me.path("authenticated").asBoolean()).isTrue();
        assertThat(me.path("devLogin").asBoolean()).isFalse();
        assertThat(me.path("delegation").asText()).isEqualTo("DE-NW");
        assertThat(me.path("roles").toString()).isEqualTo("[\"delegate\"]");
        assertThat(me.path("name").asText()).isEqualTo("Nora Nordrhein");
        assertThat(me.path("sub").asText()).isNotBlank();
        assertThat(me.path("expiresAt").asText()).isNotBlank();
    }

    @Test
    void the_session_id_changes_at_sign_in_and_the_one_from_before_stays_anonymous() {
        String username = "sara-" + UUID.randomUUID().toString().substring(0, 8);
        stack.addPerson(username, PASSWORD, "DE-SL");
        Browser browser = stack.browser();
        Browser.Response start = browser.get("/oauth2/authorization/ledger");
        assertThat(start.status()).isEqualTo(302);
        String before = browser.sessionCookie();
        assertThat(before).as("the authorization request is kept in a session").isNotNull();

        String callback = stack.keycloak().orElseThrow().submitLogin(start.header("Location"), username, PASSWORD);
        Browser.Response landed = browser.get(callback);
        assertThat(landed.status()).as(landed.body()).isEqualTo(302);
        String after = browser.sessionCookie();
        assertThat(after).isNotNull().isNotEqualTo(before);
        assertThat(browser.get("/bff/me").json().path("delegation").asText()).isEqualTo("DE-SL");

        Browser fixated = new Browser(stack.webUrl());
        fixated.setCookie(WebStack.SESSION_COOKIE, before);
        assertThat(fixated.get("/bff/me").json().path("authenticated").asBoolean()).isFalse();
    }

    @Test
    void no_answer_to_the_browser_ever_carries_the_access_or_refresh_token() {
        Browser chair = Ledger.chair(stack).browser();
        String sessionId = Ledger.session(chair);
        Browser.Response proposed = chair.post("/bff/command/resolutions", Ledger.proposalJson(sessionId, "Tokens"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        Ledger.awaitResolution(chair, proposed.json().path("resolutionId").asText(), 1);
        chair.get("/bff/query/chair?on=2024-05-01");
        chair.post("/bff/command/resolutions", "{}");
        chair.get("/bff/query/resolutions/unknown");

        OAuth2AuthorizedClient client = authorizedClient(chair);
        String access = client.getAccessToken().getTokenValue();
        String refresh = client.getRefreshToken() == null ? null : client.getRefreshToken().getTokenValue();
        assertThat(refresh).as("Keycloak gives a refresh token, which the web app keeps").isNotNull();
        assertThat(Keycloak.claims(access).path("aud").toString()).contains("ledger");
        assertThat(chair.seen()).hasSizeGreaterThan(5);
        for (Browser.Response seen : chair.seen()) {
            String everything = seen.headers().map() + "\n" + seen.body();
            assertThat(everything).doesNotContain(access).doesNotContain(refresh).doesNotContain("eyJ");
        }
    }

    @Test
    void signing_out_ends_the_session_here_and_at_the_identity_provider() throws Exception {
        String username = "theo-" + UUID.randomUUID().toString().substring(0, 8);
        stack.addPerson(username, PASSWORD, "DE-TH");
        Browser browser = stack.signInKeycloak(username, PASSWORD);
        String cookie = browser.sessionCookie();
        assertThat(browser.get("/bff/me").json().path("authenticated").asBoolean()).isTrue();

        Browser.Response withoutToken = browser.send(browser.request("/bff/logout").header("Origin", browser.origin())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(withoutToken.code()).isEqualTo("CSRF_TOKEN_INVALID");

        Browser.Response out = browser.post("/bff/logout", null);
        assertThat(out.status()).as(out.body()).isEqualTo(200);
        String logoutUrl = out.json().path("logoutUrl").asText();
        assertThat(logoutUrl).startsWith(stack.keycloak().orElseThrow().issuer() + "/protocol/openid-connect/logout?");
        Map<String, String> logout = query(logoutUrl);
        assertThat(logout).containsEntry("post_logout_redirect_uri", stack.webUrl() + "/")
                .containsKey("id_token_hint");
        // the ID token of RP-initiated logout names the web app as its audience: the services refuse it
        String idToken = logout.get("id_token_hint");
        assertThat(Keycloak.claims(idToken).path("aud").asText()).isEqualTo("ledger-web");
        Browser direct = new Browser(stack.commandUrl());
        Browser.Response refused = direct.send(direct.request("/api/resolutions")
                .header("Authorization", "Bearer " + idToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(refused.status()).isEqualTo(401);

        assertThat(browser.get("/bff/me").json().path("authenticated").asBoolean()).isFalse();
        Browser old = new Browser(stack.webUrl());
        old.setCookie(WebStack.SESSION_COOKIE, cookie);
        assertThat(old.get("/bff/me").json().path("authenticated").asBoolean()).isFalse();
        assertThat(old.get("/bff/query/resolutions").status()).isEqualTo(200);

        // the provider ends its own session and sends the browser back to the web app
        Browser.Response provider = browser.get(logoutUrl);
        assertThat(provider.status()).as(provider.body()).isEqualTo(302);
        assertThat(provider.header("Location")).isEqualTo(stack.webUrl() + "/");
    }

    @Test
    void tokens_are_renewed_before_they_expire_and_a_refused_renewal_signs_the_session_out() {
        String username = "rhea-" + UUID.randomUUID().toString().substring(0, 8);
        stack.addPerson(username, PASSWORD, "DE-RP");
        Browser browser = stack.signInKeycloak(username, PASSWORD);
        String first = authorizedClient(browser).getAccessToken().getTokenValue();
        // an instance that renews tokens 299 of their 300 seconds ahead: at once, on the shared session
        try (ConfigurableApplicationContext eager = stack.anotherWebApp("--ledger.web.token-refresh-before=299s",
                "--ledger.web.public-url=")) {
            Browser there = new Browser("http://127.0.0.1:" + eager.getEnvironment().getProperty("local.server.port"));
            browser.cookies().forEach(there::setCookie);
            await("a renewed access token").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        assertThat(there.get("/bff/query/resolutions").status()).isEqualTo(200);
                        return !authorizedClient(browser).getAccessToken().getTokenValue().equals(first);
                    });
            assertThat(there.get("/bff/me").json().path("authenticated").asBoolean()).isTrue();

            stack.keycloak().orElseThrow().signOutEverywhere(username);
            // the token in hand stays good until this instance renews it (a second later): then the renewal is refused
            Browser.Response[] ended = new Browser.Response[1];
            await("the refused renewal").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        ended[0] = there.post("/bff/command/resolutions", "{}");
                        assertThat(ended[0].status()).as(ended[0].body()).isIn(400, 401);
                        return ended[0].status() == 401;
                    });
            assertThat(ended[0].code()).isEqualTo("NOT_SIGNED_IN");
            assertThat(there.get("/bff/me").json().path("authenticated").asBoolean()).isFalse();
            assertThat(browser.get("/bff/me").json().path("authenticated").asBoolean())
                    .as("the session is over for every instance").isFalse();
        }
    }

    private static OAuth2AuthorizedClient authorizedClient(Browser browser) {
        @SuppressWarnings("unchecked")
        SessionRepository<Session> sessions = stack.webApp().getBean(SessionRepository.class);
        String id = new String(Base64.getDecoder().decode(browser.sessionCookie()), StandardCharsets.UTF_8);
        Session session = sessions.findById(id);
        assertThat(session).isNotNull();
        for (String name : session.getAttributeNames()) {
            Object value = session.getAttribute(name);
            if (value instanceof Map<?, ?> clients) {
                for (Object client : clients.values()) {
                    if (client instanceof OAuth2AuthorizedClient authorized) {
                        return authorized;
                    }
                }
            }
        }
        throw new AssertionError("no authorized client in the session: " + session.getAttributeNames());
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
