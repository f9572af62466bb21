package io.resolutionledger.command.docs;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.command.web.CommandHttpTestSupport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated OpenAPI description ({@code /v3/api-docs}) against API.md's command table: every documented path
 * with its verb and success status, examples for the request bodies, the bearer scheme, and the problem answers.
 */
class OpenApiDocumentTest extends CommandHttpTestSupport {

    /** API.md, "Command side": verb and path, success status. Path parameters are compared by position only. */
    static final List<Map.Entry<String, String>> API_MD = List.of(
            Map.entry("POST /api/resolutions", "201"),
            Map.entry("POST /api/resolutions/{id}/amendments", "200"),
            Map.entry("POST /api/resolutions/{id}/tabled-amendments", "201"),
            Map.entry("POST /api/resolutions/{id}/tabled-amendments/{aid}/acceptance", "200"),
            Map.entry("POST /api/resolutions/{id}/tabled-amendments/{aid}/declination", "200"),
            Map.entry("POST /api/resolutions/{id}/cosponsors", "200"),
            Map.entry("POST /api/resolutions/{id}/withdrawal", "200"),
            Map.entry("POST /api/resolutions/{id}/voting", "200"),
            Map.entry("POST /api/resolutions/{id}/votes", "200"),
            Map.entry("POST /api/resolutions/{id}/adoption", "200"),
            Map.entry("POST /api/resolutions/{id}/rejection", "200"),
            Map.entry("POST /api/resolutions/{id}/publication", "200"),
            Map.entry("POST /api/sessions", "201"),
            Map.entry("POST /api/sessions/{id}/opening", "200"),
            Map.entry("POST /api/sessions/{id}/closing", "200"),
            Map.entry("POST /api/chair/handovers", "201"));

    private JsonNode apiDocs() {
        Response r = send(request("/v3/api-docs").GET().build());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.json();
    }

    private static String shape(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }

    private static JsonNode pathItem(JsonNode paths, String path) {
        for (Iterator<String> names = paths.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (shape(name).equals(shape(path))) {
                return paths.get(name);
            }
        }
        return null;
    }

    @Test
    void everyCommandOfApiMdIsDescribedWithItsVerbAndSuccessStatus() {
        JsonNode docs = apiDocs();
        JsonNode paths = docs.path("paths");
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> row : API_MD) {
            String[] verbAndPath = row.getKey().split(" ");
            JsonNode item = pathItem(paths, verbAndPath[1]);
            JsonNode operation = item == null ? null : item.get(verbAndPath[0].toLowerCase());
            if (operation == null) {
                missing.add(row.getKey());
                continue;
            }
            assertThat(operation.path("responses").has(row.getValue()))
                    .as(row.getKey() + " answers " + row.getValue() + ": " + operation.path("responses"))
                    .isTrue();
            assertThat(operation.path("responses").has("400")).as(row.getKey() + " documents problems").isTrue();
            JsonNode invalid = operation.path("responses").path("400");
            if (invalid.has("$ref")) {
                invalid = docs.at(invalid.get("$ref").asText().substring(1));
            }
            assertThat(invalid.path("content").has("application/problem+json")).isTrue();
            assertThat(operation.path("summary").asText()).as(row.getKey() + " has a summary").isNotBlank();
            assertThat(operation.path("parameters").findValuesAsText("name"))
                    .as(row.getKey() + " takes the caller from the token, not from parameters")
                    .contains("Idempotency-Key")
                    .doesNotContain("caller", "subject", "delegation", "roles");
        }
        assertThat(missing).as("commands of API.md missing from /v3/api-docs").isEmpty();
    }

    @Test
    void requestBodiesHaveExamplesAndTheApiNeedsABearerJwt() {
        JsonNode docs = apiDocs();
        assertThat(docs.path("info").path("title").asText()).contains("Resolution Ledger");
        assertThat(docs.path("info").path("version").asText()).isNotBlank();
        JsonNode scheme = docs.path("components").path("securitySchemes").path(OpenApiConfig.BEARER);
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asText()).isEqualTo("JWT");
        assertThat(docs.path("security").findValuesAsText("dummy")).isEmpty();
        assertThat(docs.path("security").get(0).has(OpenApiConfig.BEARER)).isTrue();

        JsonNode schemas = docs.path("components").path("schemas");
        for (String schema : OpenApiConfig.REQUEST_EXAMPLES.keySet()) {
            assertThat(schemas.path(schema).path("example").isObject()).as(schema + " has an example").isTrue();
        }
        assertThat(schemas.path("ProposeRequest").path("example").path("sessionId").asText()).isNotBlank();
        assertThat(schemas.path("VoteRequest").path("example").path("choice").asText()).isEqualTo("YES");

        JsonNode propose = pathItem(docs.path("paths"), "/api/resolutions").path("post");
        assertThat(propose.path("requestBody").path("content").path("application/json").path("schema")
                .path("$ref").asText()).endsWith("/ProposeRequest");
        JsonNode created = propose.path("responses").path("201");
        assertThat(created.path("content").path("application/json").path("example").path("version").asInt())
                .isEqualTo(1);
        assertThat(created.path("headers").has("Location")).isTrue();
        assertThat(propose.path("responses").has("200")).as("a proposal answers 201, not 200").isFalse();
    }
}
