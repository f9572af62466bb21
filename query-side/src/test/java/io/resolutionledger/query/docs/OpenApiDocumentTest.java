package io.resolutionledger.query.docs;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated description names every query of API.md's table (the contract clients rely on). */
class OpenApiDocumentTest extends QuerySideTest {

    private static final List<String> API_MD_PATHS = List.of(
            "/api/resolutions", "/api/resolutions/{id}", "/api/resolutions/{id}/versions",
            "/api/resolutions/{id}/versions/{n}", "/api/resolutions/{id}/versions/{n}/diff",
            "/api/resolutions/{id}/history", "/api/sessions", "/api/sessions/{id}", "/api/chair/handovers",
            "/api/chair", "/api/stats", "/api/stream", "/api/audit/events", "/api/audit/export", "/api/audit/verify",
            "/api/admin/projections");

    @Test
    void every_query_of_the_contract_is_described_with_the_bearer_scheme() {
        var response = http().get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        JsonNode doc = response.body();
        assertThat(doc.at("/info/title").asText()).contains("query API");
        assertThat(doc.at("/components/securitySchemes/bearer-jwt/scheme").asText()).isEqualTo("bearer");
        List<String> paths = iterable(doc.get("paths"));
        for (String path : API_MD_PATHS) {
            assertThat(paths).as("a path matching %s", path)
                    .anyMatch(p -> p.replaceAll("\\{[^}]+}", "{}").equals(path.replaceAll("\\{[^}]+}", "{}")));
            assertThat(doc.get("paths").path(paths.stream()
                    .filter(p -> p.replaceAll("\\{[^}]+}", "{}").equals(path.replaceAll("\\{[^}]+}", "{}")))
                    .findFirst().orElseThrow()).has("get")).as("GET %s", path).isTrue();
        }
        assertThat(paths).anyMatch(p -> p.matches("/api/admin/projections/\\{[^}]+}/rebuild"));
    }

    private static List<String> iterable(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
