package io.resolutionledger.query.security;

import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every answer of the query side — the dashboard's files, API answers, problem details — carries the same headers. */
class SecurityHeadersTest extends QuerySideTest {

    @Test
    void pages_answers_and_problems_carry_csp_nosniff_frame_and_referrer_policy() {
        for (Http.Response r : List.of(http().get("/"), http().get("/dashboard.js"), http().get("/api/resolutions"),
                http().get("/api/resolutions/r-unknown-0000"), http().get("/api/audit/verify"),
                http().get("/api/resolutions", Tokens.expired("DE-BY")), http().get("/actuator/health"))) {
            String what = r.raw().request().uri() + " " + r.status();
            String csp = r.header("Content-Security-Policy");
            assertThat(csp).as(what).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'",
                    "object-src 'none'").doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(r.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
            assertThat(r.header("X-Frame-Options")).as(what).isEqualTo("DENY");
            assertThat(r.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
            assertThat(r.raw().headers().allValues("Content-Security-Policy")).as(what + ": one policy").hasSize(1);
        }
    }

    @Test
    void the_dashboard_needs_nothing_the_policy_forbids() throws Exception {
        String index = new String(getClass().getResourceAsStream("/static/index.html").readAllBytes());
        assertThat(index).as("no inline script").doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
        assertThat(index).as("no inline style").doesNotContain("<style").doesNotContainPattern("\\sstyle=\"");
        assertThat(index).as("no inline handlers").doesNotContainPattern("\\son[a-z]+=\"");
        String script = new String(getClass().getResourceAsStream("/static/dashboard.js").readAllBytes());
        assertThat(script).doesNotContain("eval(", "new Function(", "innerHTML");
    }
}
