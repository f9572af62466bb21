package io.resolutionledger.webapp.web;

import io.resolutionledger.testkit.PrometheusLint;
import io.resolutionledger.webapp.support.Browser;
import io.resolutionledger.webapp.support.WebStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the web app answers around the relay: deep links are the page, its own unknown routes are problems, its
 * actuator is like the services' (health for everyone, metrics for administrators, promtool-clean names), and what
 * the container refuses is a problem detail too.
 */
class WebAppEdgesTest {

    private static WebStack stack;

    @BeforeAll
    static void stack() {
        stack = WebStack.shared();
    }

    @Test
    void deep_links_are_the_page_and_the_web_app_s_own_routes_are_not() {
        Browser browser = stack.browser();
        Browser.Response page = browser.get("/index.html");
        for (String deepLink : new String[] {"/resolutions/3f1c9a2e-0000-4000-8000-000000000001", "/sessions/dmk-1",
                "/chair"}) {
            Browser.Response linked = browser.get(deepLink);
            assertThat(linked.status()).as(deepLink).isEqualTo(page.status());
            assertThat(linked.body()).as(deepLink).isEqualTo(page.body());
        }
        Browser.Response unknown = browser.get("/bff/nothing-here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(browser.get("/oauth2/authorization/unknown").status()).isEqualTo(404);
        assertThat(browser.get("/no-such-file.js").status()).as("a file is not the page").isEqualTo(404);
    }

    @Test
    void health_is_public_and_metrics_are_for_administrators_with_prometheus_names() {
        Browser anonymous = stack.browser();
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
        Browser delegate = stack.signIn("DE-HB", "delegate", "Hedda Bremen");
        assertThat(delegate.get("/actuator/prometheus").status()).isEqualTo(403);

        Browser admin = stack.signIn(null, "admin", "Ada Admin");
        Browser.Response scrape = admin.get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).contains("application=\"resolution-ledger-web-app\"");
        assertThat(PrometheusLint.problems(scrape.body())).isEmpty();
    }

    @Test
    void a_sign_in_while_the_identity_provider_is_away_is_a_503_problem() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (org.springframework.context.ConfigurableApplicationContext away = stack.anotherWebApp(
                "--ledger.web.oidc.issuer=http://127.0.0.1:" + closed + "/realms/ledger",
                "--ledger.web.oidc.client-secret=unused", "--ledger.web.public-url=")) {
            Browser browser = new Browser("http://127.0.0.1:" + away.getEnvironment().getProperty("local.server.port"));
            Browser.Response start = browser.get("/oauth2/authorization/ledger");
            assertThat(start.status()).as(start.body()).isEqualTo(503);
            assertThat(start.code()).isEqualTo("UPSTREAM_UNAVAILABLE");
            assertThat(start.header("Retry-After")).isEqualTo("5");
            assertThat(browser.get("/bff/me").status()).as("the web app itself is fine").isEqualTo(200);
        }
    }

    @Test
    void what_the_container_refuses_is_a_problem_detail() {
        Browser browser = stack.browser();
        Browser.Response encodedSlash = browser.get("/bff/query/resolutions%2F..%2Faudit");
        assertThat(encodedSlash.status()).isEqualTo(400);
        assertThat(encodedSlash.header("Content-Type")).startsWith("application/problem+json");
        Browser.Response traversal = browser.get("/bff/query/%2e%2e/actuator/prometheus");
        assertThat(traversal.status()).isEqualTo(400);
        assertThat(traversal.header("Content-Type")).startsWith("application/problem+json");
    }
}
