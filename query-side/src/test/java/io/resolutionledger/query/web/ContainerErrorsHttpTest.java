package io.resolutionledger.query.web;

import io.resolutionledger.testkit.RawHttp;
import io.resolutionledger.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What Tomcat or the request firewall refuses before any controller runs is a problem detail too, not an HTML page. */
class ContainerErrorsHttpTest extends QuerySideTest {

    private RawHttp.Answer send(String requestLineAndHeaders) {
        return RawHttp.exchange(port, requestLineAndHeaders + "Host: localhost\r\nConnection: close\r\n\r\n");
    }

    private static void assertProblem(RawHttp.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("status").asInt()).isEqualTo(status);
        assertThat(answer.json().path("code").asText()).isEqualTo(code);
        assertThat(answer.json().path("type").asText()).startsWith("https://resolution-ledger.io/problems/");
        assertThat(answer.json().path("title").asText()).isNotBlank();
        assertThat(answer.body()).doesNotContain("<html", "Tomcat", "Exception");
    }

    @Test
    void anEncodedSlashInThePathIs400() {
        assertProblem(send("GET /api/resolutions/a%2Fb/versions HTTP/1.1\r\n"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void anEncodedNulInThePathIs400() {
        assertProblem(send("GET /api/resolutions/a%00b HTTP/1.1\r\n"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void anOverLongUriIs400() {
        assertProblem(send("GET /api/resolutions/" + "r".repeat(20_000) + " HTTP/1.1\r\n"), 400,
                "MALFORMED_REQUEST");
    }

    @Test
    void anOverLongHeaderIs400() {
        assertProblem(send("GET /api/resolutions HTTP/1.1\r\nX-Padding: " + "p".repeat(20_000) + "\r\n"), 400,
                "MALFORMED_REQUEST");
    }

    @Test
    void aMalformedRequestLineIs400() {
        assertProblem(send("GET /api/resolutions HTTP/1.1 trailing-garbage\r\n"), 400, "MALFORMED_REQUEST");
        assertProblem(send("GE{T /api/resolutions HTTP/1.1\r\n"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void whatTheRequestFirewallRefusesIs400() {
        // Spring Security's firewall refuses path parameters and encoded periods; it answers through /error
        assertProblem(send("GET /api/resolutions;jsessionid=x HTTP/1.1\r\n"), 400, "MALFORMED_REQUEST");
        assertProblem(send("GET /api/%2e%2e/actuator HTTP/1.1\r\n"), 400, "MALFORMED_REQUEST");
    }
}
