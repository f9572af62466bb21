package io.resolutionledger.query.publication;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The OParl API as an OParl client meets it: starting from {@code System}, every URL that points into this server is
 * fetched (lists page by page), every object met (fetched or embedded) is validated against its OParl 1.1 schema, and
 * no reference dangles. Everything anonymous.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OParlTest extends QuerySideTest {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    private static final Map<String, Schema> SCHEMAS = new HashMap<>();

    private Http http;
    private String base;

    @BeforeAll
    void record() {
        http = http();
        base = "http://localhost:" + port;
        FirstDmk.recordOnce(ledger(), jdbc);
        awaitProjectionsCaughtUp();
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/resolutions/" + FirstDmk.LONG).status() == 200);
    }

    static synchronized Schema schema(String type) {
        return SCHEMAS.computeIfAbsent(type, t -> {
            InputStream in = OParlTest.class.getResourceAsStream("/standards/oparl-1.1/schema/" + t + ".json");
            assertThat(in).as("an OParl schema for " + t).isNotNull();
            return REGISTRY.getSchema(in);
        });
    }

    /** Validates every OParl object in the tree (the node itself and everything embedded) against its schema. */
    static int validateAll(JsonNode node, String where) {
        int validated = 0;
        if (node.isObject() && node.path("type").asText().startsWith(OParlController.SCHEMA)) {
            String type = node.path("type").asText().substring(OParlController.SCHEMA.length());
            List<Error> errors = schema(type).validate(node);
            assertThat(errors).as(type + " at " + where + ": " + node).isEmpty();
            assertThat(node.path("id").asText()).as("absolute id").startsWith("http");
            validated++;
        }
        for (JsonNode child : node) {
            validated += validateAll(child, where);
        }
        return validated;
    }

    static void urls(JsonNode node, String base, Set<String> into) {
        if (node.isTextual() && node.asText().startsWith(base)) {
            into.add(node.asText());
        }
        for (JsonNode child : node) {
            urls(child, base, into);
        }
    }

    @Test
    void the_whole_graph_from_system_is_valid_and_every_url_resolves() {
        Deque<String> queue = new ArrayDeque<>(List.of(base + "/oparl/v1/system"));
        Set<String> seen = new LinkedHashSet<>(queue);
        Map<String, Integer> types = new LinkedHashMap<>();
        List<String> dangling = new ArrayList<>();
        int objects = 0;
        while (!queue.isEmpty()) {
            String url = queue.poll();
            // the AKN document, the JSON form and the dashboard a System, File or Paper point to are not JSON only
            Http.Response response = url.startsWith(base + "/oparl/") ? http.get(url.substring(base.length()))
                    : http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "*/*").GET().build());
            if (response.status() != 200) {
                dangling.add(url + " -> " + response.status());
                continue;
            }
            if (!url.startsWith(base + "/oparl/")) {
                continue; // fetched, not OParl
            }
            JsonNode body = response.body();
            assertThat(response.contentType()).startsWith("application/json");
            if (body.has("data")) {
                assertThat(body.path("pagination").path("totalElements").isInt()).as(url).isTrue();
                assertThat(body.path("links").has("first")).as(url).isTrue();
                body.path("data").forEach(o -> types.merge(o.path("type").asText(), 1, Integer::sum));
            } else {
                types.merge(body.path("type").asText(), 1, Integer::sum);
                assertThat(body.path("id").asText()).as("an object answers under its own id").isEqualTo(url);
            }
            objects += validateAll(body, url);
            Set<String> found = new LinkedHashSet<>();
            urls(body, base, found);
            for (String next : found) {
                if (seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        assertThat(dangling).as("dangling references").isEmpty();
        for (String type : List.of("System", "Body", "Organization", "Meeting", "AgendaItem", "Paper", "Consultation",
                "File", "Location", "LegislativeTerm")) {
            if (!type.equals("LegislativeTerm") || types.containsKey(OParlController.SCHEMA + type)) {
                assertThat(types).as("objects met").containsKey(OParlController.SCHEMA + type);
            }
        }
        assertThat(objects).isGreaterThan(50);
        assertThat(seen).contains(base + "/api/resolutions/" + FirstDmk.IDS[0] + "/akn");
    }

    @Test
    void the_schemas_do_refuse_what_oparl_forbids() throws Exception {
        // guards the checks above against a validator that accepts everything
        JsonNode noOrder = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"id\":\"http://x/a\",\"type\":\"https://schema.oparl.org/1.1/AgendaItem\",\"public\":\"yes\"}");
        assertThat(schema("AgendaItem").validate(noOrder)).hasSizeGreaterThanOrEqualTo(2);
        JsonNode wrongType = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"id\":\"http://x/s\",\"type\":\"https://schema.oparl.org/1.0/System\",\"oparlVersion\":"
                        + "\"https://schema.oparl.org/1.1/\",\"body\":\"http://x/b\"}");
        assertThat(schema("System").validate(wrongType)).isNotEmpty();
    }

    @Test
    void the_first_dmk_is_a_body_with_its_meeting_and_five_papers() {
        JsonNode body = http.get("/oparl/v1/bodies/DMK").body();
        assertThat(body.path("name").asText()).contains("Digitalministerkonferenz");
        JsonNode meeting = http.get("/oparl/v1/bodies/DMK/meetings/" + FirstDmk.SESSION).body();
        assertThat(meeting.path("name").asText()).isEqualTo("1. Sitzung der DMK");
        assertThat(meeting.path("location").path("description").asText()).isEqualTo("Potsdam, Hasso-Plattner-Institut");
        JsonNode items = meeting.path("agendaItem");
        assertThat(items.size()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(items.get(i).path("name").asText()).isEqualTo(FirstDmk.TITLES[i]);
            assertThat(items.get(i).path("order").asInt()).isEqualTo(i + 1);
            JsonNode paper = http.get("/oparl/v1/bodies/DMK/papers/" + FirstDmk.IDS[i]).body();
            assertThat(paper.path("reference").asText()).isEqualTo("DMK 2024-04-19 Nr. " + (i + 1));
            assertThat(paper.path("mainFile").path("accessUrl").asText()).endsWith("/api/resolutions/"
                    + FirstDmk.IDS[i] + "/akn");
            assertThat(paper.path("consultation").get(0).path("meeting").asText()).isEqualTo(meeting.path("id").asText());
            assertThat(validateAll(paper, "paper")).isGreaterThanOrEqualTo(3);
        }
        JsonNode members = http.get("/oparl/v1/bodies/DMK/organizations?limit=200").body();
        assertThat(members.path("data").size()).isEqualTo(17);
        assertThat(members.path("data").get(0).path("votingMemberCount").asInt()).isEqualTo(16);
        assertThat(members.toString()).contains("Thüringen", "Baden-Württemberg");
    }

    @Test
    void lists_are_paged_as_oparl_prescribes() {
        JsonNode first = http.get("/oparl/v1/bodies/DMK/organizations?limit=5").body();
        assertThat(first.path("data").size()).isEqualTo(5);
        assertThat(first.path("pagination").path("totalElements").asInt()).isEqualTo(17);
        assertThat(first.path("pagination").path("totalPages").asInt()).isEqualTo(4);
        assertThat(first.path("pagination").path("currentPage").asInt()).isEqualTo(1);
        assertThat(first.path("links").has("prev")).isFalse();
        JsonNode last = http.get(first.path("links").path("last").asText().substring(base.length())).body();
        assertThat(last.path("data").size()).isEqualTo(2);
        assertThat(last.path("links").has("next")).isFalse();
        JsonNode second = http.get(first.path("links").path("next").asText().substring(base.length())).body();
        assertThat(second.path("data").get(0).path("id").asText())
                .isNotEqualTo(first.path("data").get(0).path("id").asText());
        assertThat(http.get("/oparl/v1/bodies/DMK/papers?limit=0").status()).isEqualTo(400);
        assertThat(http.get("/oparl/v1/bodies/DMK/papers?page=0").status()).isEqualTo(400);
    }

    @Test
    void unpublished_matters_do_not_exist_in_oparl_even_for_members() {
        String member = Tokens.delegate("DE-HH");
        assertThat(http.get("/oparl/v1/bodies/DMK/papers/" + FirstDmk.UNPUBLISHED, member).status()).isEqualTo(404);
        assertThat(http.get("/oparl/v1/bodies/DMK/agenda-items/" + FirstDmk.UNPUBLISHED).status()).isEqualTo(404);
        JsonNode meeting = http.get("/oparl/v1/bodies/DMK/meetings/" + FirstDmk.SESSION, member).body();
        assertThat(meeting.toString()).doesNotContain(FirstDmk.UNPUBLISHED, "Geheim");
        assertThat(http.get("/oparl/v1/bodies/DMK/papers?limit=200").body().toString())
                .doesNotContain(FirstDmk.UNPUBLISHED);
        assertThat(http.get("/oparl/v1/bodies/NOPE").status()).isEqualTo(404);
        assertThat(http.get("/oparl/v1/bodies/DMK/meetings/nope").status()).isEqualTo(404);
    }
}
