package io.resolutionledger.command.web;

import io.resolutionledger.command.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the web layer refuses before anything is dispatched: shape, size, media type, method, headers. */
class RequestErrorsHttpTest extends CommandHttpTestSupport {

    private final String token = TestTokens.delegate(SPONSOR);

    @Test
    void invalidFieldsAreListed() {
        Response r = post("/api/resolutions", token, json(Map.of(
                "sessionId", "no spaces allowed",
                "title", "x".repeat(301),
                "text", "bell \u0007",
                "topics", List.of("Upper Case", "ok"),
                "coSponsors", List.of("Bayern"))));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(r.json().get("errors").findValuesAsText("field"))
                .contains("sessionId", "title", "text", "topics[0]", "coSponsors[0]");
        assertThat(r.json().get("errors").get(0).get("message").asText()).isNotBlank();
    }

    @Test
    void requiredFieldsAndLimits() {
        Response missing = post("/api/resolutions", token, "{}");
        assertProblem(missing, 400, "VALIDATION_FAILED");
        assertThat(missing.json().get("errors").findValuesAsText("field")).contains("sessionId", "title", "text");
        List<String> topics = java.util.stream.IntStream.range(0, 21).mapToObj(i -> "t" + i).toList();
        Response tooMany = post("/api/resolutions", token, json(Map.of("sessionId", "s", "title", "t",
                "text", "x".repeat(100_001), "topics", topics)));
        assertProblem(tooMany, 400, "VALIDATION_FAILED");
        assertThat(tooMany.json().get("errors").findValuesAsText("field")).contains("text", "topics");
        assertProblem(post("/api/resolutions/r-1/withdrawal", token, json(Map.of("reason", "r".repeat(2001)))),
                400, "VALIDATION_FAILED");
    }

    @Test
    void textMayHaveLineBreaksAndTabsButTitlesMayNot() {
        Response r = post("/api/resolutions", token, json(Map.of("sessionId", "s-1", "title", "a\nb",
                "text", "line\n\tindented")));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(r.json().get("errors").findValuesAsText("field")).containsExactly("title");
    }

    @Test
    void unknownFieldsWrongTypesAndBrokenJsonAre400() {
        Response unknown = post("/api/resolutions", token, "{\"sessionId\":\"s\",\"title\":\"t\",\"text\":\"x\",\"sponsor\":\"DE-BE\"}");
        assertProblem(unknown, 400, "VALIDATION_FAILED");
        assertThat(unknown.json().get("errors").findValuesAsText("field")).containsExactly("sponsor");
        Response wrongType = post("/api/sessions", TestTokens.delegate(CHAIR),
                "{\"sessionId\":\"s\",\"number\":\"one\",\"kind\":\"REGULAR\",\"date\":\"2024-04-19\",\"place\":\"P\"}");
        assertProblem(wrongType, 400, "VALIDATION_FAILED");
        assertThat(wrongType.json().get("errors").findValuesAsText("field")).containsExactly("number");
        Response badDate = post("/api/sessions", TestTokens.delegate(CHAIR),
                "{\"sessionId\":\"s\",\"number\":1,\"kind\":\"REGULAR\",\"date\":\"19.04.2024\",\"place\":\"P\"}");
        assertProblem(badDate, 400, "VALIDATION_FAILED");
        assertThat(badDate.json().get("errors").findValuesAsText("field")).containsExactly("date");
        assertProblem(post("/api/resolutions", token, "{\"sessionId\": "), 400, "MALFORMED_REQUEST");
        assertProblem(post("/api/resolutions/r-1/votes", token, null), 400, "MALFORMED_REQUEST");
    }

    @Test
    void badIdsInThePathAndBadHeadersAre400() {
        Response badId = post("/api/resolutions/" + "x".repeat(65) + "/cosponsors", token, null);
        assertProblem(badId, 400, "VALIDATION_FAILED");
        assertThat(badId.json().get("errors").findValuesAsText("field")).containsExactly("resolutionId");
        Response badKey = post("/api/resolutions/r-1/cosponsors", token, null, "Idempotency-Key", "k".repeat(129));
        assertProblem(badKey, 400, "VALIDATION_FAILED");
        assertThat(badKey.json().get("errors").findValuesAsText("field")).containsExactly("Idempotency-Key");
    }

    @Test
    void bodiesOver256KiBAre413WithOrWithoutContentLength() {
        String big = json(Map.of("sessionId", "s", "title", "t", "text", "x".repeat(300 * 1024)));
        assertProblem(post("/api/resolutions", token, big), 413, "PAYLOAD_TOO_LARGE");
        HttpRequest chunked = request("/api/resolutions")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build();
        assertProblem(send(chunked), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void wrongMediaTypeIs415AndWrongMethodIs405() {
        HttpRequest text = request("/api/resolutions")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello"))
                .build();
        assertProblem(send(text), 415, "UNSUPPORTED_MEDIA_TYPE");
        HttpRequest put = request("/api/resolutions")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        assertProblem(send(put), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void everyAnswerCarriesACorrelationId() {
        Response given = post("/api/resolutions", token, "{}", "X-Correlation-Id", "abc-1");
        assertThat(given.header("X-Correlation-Id")).contains("abc-1");
        Response invalid = post("/api/resolutions", token, "{}", "X-Correlation-Id", "not valid!");
        assertThat(invalid.header("X-Correlation-Id")).hasValueSatisfying(id -> assertThat(id).isNotEqualTo("not valid!"));
        assertThat(post("/api/resolutions", null, "{}").header("X-Correlation-Id")).isPresent();
    }
}
