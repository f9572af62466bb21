package io.resolutionledger.query.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The query side's OpenAPI description ({@code /v3/api-docs}, browsable at {@code /swagger-ui.html}), made to say
 * what the service answers: a summary per operation, the problem details every read may answer (RFC 9457,
 * {@code application/problem+json}), JSON where springdoc would say "any media type", and security as it is —
 * anonymous or bearer for the public reads, bearer for the auditors' and administrators' endpoints.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    public static final String BEARER = "bearer-jwt";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM_SCHEMA = "Problem";

    /** Paths that need a token (SecurityConfig): auditors' and administrators'. Everything else may be anonymous. */
    static final Pattern TOKEN_REQUIRED = Pattern.compile("^/api/(audit|admin)/.*|^/api/resolutions/\\{[^}]+}/history$");

    @Bean
    public OpenAPI querySideOpenApi(@Value("${ledger.api.version:0.1.0}") String version) {
        return new OpenAPI()
                .info(new Info()
                        .title("Resolution Ledger — query API")
                        .version(version)
                        .license(new License().name("EUPL-1.2")
                                .url("https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12"))
                        .description("""
                                Reads of the resolutions, sessions, chair and figures of a ministers' conference, \
                                a live stream of changes (server-sent events), and the auditors' toolkit (history, \
                                time travel with `?asOf=`, integrity check, export) and administration (projection \
                                rebuilds, dead letters). Anonymous callers see only published resolutions, sessions, \
                                the chair and figures; a JWT with role `delegate` sees everything of its conference; \
                                `/api/audit/**` and `/history` need role `auditor`, `/api/admin/**` role `admin`. \
                                Lists are paged (`page`, `size` ≤ 200) as `{items, page, size, total}`. Errors are \
                                RFC 9457 problem details with a stable `code`. Commands are on the command side \
                                (port 8081)."""))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("RS256 JWT with claims sub, delegation (members) and roles")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** The problem answers of reads: status, an example code, what it means here. */
    static final Map<String, String[]> READ_PROBLEMS = ordered(
            "400", new String[]{"VALIDATION_FAILED", "A parameter is malformed or out of range (listed in `errors`)"},
            "401", new String[]{"UNAUTHENTICATED", "A token was sent but is malformed, expired or not trusted"},
            "403", new String[]{"FORBIDDEN", "The token's role may not read this"},
            "404", new String[]{"RESOLUTION_NOT_FOUND", "Nothing with that id (or nothing the caller may see)"},
            "429", new String[]{"RATE_LIMITED", "Over the caller's rate limit; see `Retry-After`"},
            "500", new String[]{"INTERNAL_ERROR", "An unexpected failure; logged"},
            "503", new String[]{"STORE_UNAVAILABLE", "The database is unavailable; see `Retry-After`"});

    /** The additional answers of the administrators' writes. */
    static final Map<String, String[]> WRITE_PROBLEMS = ordered(
            "409", new String[]{"INVALID_STATE_TRANSITION", "The projection's state does not allow it now"},
            "415", new String[]{"UNSUPPORTED_MEDIA_TYPE", "The body's media type is not accepted"});

    /** One summary per read (API.md's words); an operation added later without one gets its method's name. */
    static final Map<String, String> SUMMARIES = Map.ofEntries(
            Map.entry("GET /api/resolutions", "List resolutions, newest first (paged)"),
            Map.entry("GET /api/resolutions/{id}", "A resolution now, or as it was (?asOf=)"),
            Map.entry("GET /api/resolutions/{id}/versions", "Every text version of a resolution"),
            Map.entry("GET /api/resolutions/{id}/versions/{version}", "One text version of a resolution"),
            Map.entry("GET /api/resolutions/{id}/versions/{version}/diff", "A readable diff of two versions"),
            Map.entry("GET /api/resolutions/{id}/versions/{version}/lines", "A version's text as numbered lines"),
            Map.entry("GET /api/resolutions/{id}/tabled-amendments", "The amendments tabled to a resolution"),
            Map.entry("GET /api/resolutions/{id}/votes", "The votes cast on a resolution"),
            Map.entry("GET /api/resolutions/{id}/history", "Every event of a resolution, in order (auditor)"),
            Map.entry("GET /api/sessions", "List sessions with agenda and outcomes (paged)"),
            Map.entry("GET /api/sessions/{id}", "A session with its agenda and outcomes"),
            Map.entry("GET /api/chair/handovers", "Every hand-over of the chair, in order"),
            Map.entry("GET /api/chair", "Who held the chair on a day"),
            Map.entry("GET /api/conference", "The conference: its members and guests"),
            Map.entry("GET /api/stats", "Counts by status, topic and delegation"),
            Map.entry("GET /api/stats/timeline", "Resolutions by state at the end of each day with a change"),
            Map.entry("GET /api/stream", "Live changes as server-sent events"),
            Map.entry("GET /api/audit/events", "The global event log, in order (auditor)"),
            Map.entry("GET /api/audit/export", "The whole log as JSON lines or CSV, streamed (auditor)"),
            Map.entry("GET /api/audit/verify", "Recompute the log's tree over every stored event (auditor)"),
            Map.entry("GET /api/admin/projections", "Each projection's position, lag and rebuild (admin)"),
            Map.entry("GET /api/admin/projections/{name}", "One projection's position, lag and rebuild (admin)"),
            Map.entry("POST /api/admin/projections/{name}/rebuild",
                    "Rebuild a projection from the store beside the live one, then switch (admin)"),
            Map.entry("DELETE /api/admin/projections/{name}/rebuild", "Give up a running rebuild (admin)"),
            Map.entry("GET /api/admin/dead-letters", "Events parked by failing projections (admin)"),
            Map.entry("POST /api/admin/dead-letters/{group}/retry", "Retry a group's parked events (admin)"),
            Map.entry("DELETE /api/admin/dead-letters/{group}/{sequenceIdentifier}",
                    "Evict a parked event for good (admin)"));

    /** Media types that are not JSON, by path: what the service sends instead of springdoc's "any". */
    static final Map<String, List<String>> NOT_JSON = Map.of(
            "/api/audit/export", List.of("application/x-ndjson", "text/csv"),
            "/api/stream", List.of("text/event-stream"),
            "/api/resolutions/{id}/akn", List.of("application/akn+xml"),
            "/api/sessions/{id}/decisions.pdf", List.of("application/pdf"),
            "/api/feed.atom", List.of("application/atom+xml"),
            "/api/ledger/public-key", List.of("text/plain"),
            "/api/ledger/checkpoint", List.of("text/plain"));

    @Bean
    public OpenApiCustomizer querySideAnswers() {
        return openApi -> {
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components);
            components.addSchemas(PROBLEM_SCHEMA, problemSchema());
            READ_PROBLEMS.forEach((status, c) -> components.addResponses("Problem" + status, problem(status, c)));
            WRITE_PROBLEMS.forEach((status, c) -> components.addResponses("Problem" + status, problem(status, c)));
            openApi.setServers(List.of(new Server().url("/").description("this instance")));
            if (openApi.getPaths() == null) {
                return;
            }
            // a route mapped with and without a trailing slash is described once, without it
            List.copyOf(openApi.getPaths().keySet()).stream()
                    .filter(p -> p.length() > 1 && p.endsWith("/")
                            && openApi.getPaths().containsKey(p.substring(0, p.length() - 1)))
                    .forEach(openApi.getPaths()::remove);
            Set<String> tags = new TreeSet<>();
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                if (operation.getTags() != null) {
                    tags.addAll(operation.getTags());
                }
                document(path, method, operation);
            }));
            removeUnusedSchemas(openApi);
            openApi.setTags(tags.stream().map(name -> new Tag().name(name)
                    .description("Reads of " + name.replace("-controller", "").replace('-', ' '))).toList());
        };
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getSummary() == null || operation.getSummary().isBlank()) {
            operation.setSummary(SUMMARIES.getOrDefault(method + " " + path, humanize(operation.getOperationId())));
        }
        if (!TOKEN_REQUIRED.matcher(path).matches() && method == PathItem.HttpMethod.GET) {
            // anonymous callers see what is published; a token shows more
            operation.setSecurity(List.of(new SecurityRequirement(), new SecurityRequirement().addList(BEARER)));
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        responses.forEach((status, response) -> {
            if (status.startsWith("2") && response.getContent() != null && NOT_JSON.containsKey(path)
                    && !response.getContent().containsKey("*/*")) {
                // a declared type that is not what is sent (e.g. springdoc's JSON for a byte[] answer)
                response.getContent().clear();
                response.getContent().put("*/*", new MediaType());
            }
            if (response.getContent() != null && response.getContent().containsKey("*/*")) {
                MediaType any = response.getContent().remove("*/*");
                for (String type : NOT_JSON.getOrDefault(path, List.of("application/json"))) {
                    response.getContent().addMediaType(type, !NOT_JSON.containsKey(path) ? any
                            : "application/pdf".equals(type) ? new MediaType().schema(new StringSchema().format("binary"))
                            : new MediaType().schema(new StringSchema()));
                }
            }
        });
        READ_PROBLEMS.keySet().forEach(status -> responses.computeIfAbsent(status,
                s -> new ApiResponse().$ref("#/components/responses/Problem" + status)));
        if (method != PathItem.HttpMethod.GET) {
            WRITE_PROBLEMS.keySet().forEach(status -> responses.computeIfAbsent(status,
                    s -> new ApiResponse().$ref("#/components/responses/Problem" + status)));
        }
        responses.computeIfAbsent("406", s -> new ApiResponse()
                .description("The `Accept` header allows none of the media types above; no body"));
        operation.setResponses(responses);
    }

    /** Drops schemas nothing refers to (springdoc's {@code JsonNode} or {@code StreamingResponseBody} answers). */
    static void removeUnusedSchemas(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        try {
            boolean removed = true;
            while (removed) {
                removed = false;
                String all = io.swagger.v3.core.util.Json.mapper().writeValueAsString(
                        Map.of("paths", openApi.getPaths(), "components", openApi.getComponents()));
                for (String name : List.copyOf(openApi.getComponents().getSchemas().keySet())) {
                    if (!all.contains("#/components/schemas/" + name + "\"")) {
                        openApi.getComponents().getSchemas().remove(name);
                        removed = true;
                    }
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String humanize(String operationId) {
        if (operationId == null || operationId.isBlank()) {
            return "Read";
        }
        String words = operationId.replaceAll("_\\d+$", "").replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static Schema<?> problemSchema() {
        Schema<?> fieldProblem = new ObjectSchema()
                .addProperty("field", new StringSchema())
                .addProperty("message", new StringSchema());
        return new ObjectSchema()
                .description("RFC 9457 problem detail with a stable, machine-readable `code`")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("code", new StringSchema().description("stable, machine-readable"))
                .addProperty("errors", new ArraySchema().items(fieldProblem))
                .required(List.of("type", "title", "status", "code"));
    }

    private static ApiResponse problem(String status, String[] codeAndMeaning) {
        String code = codeAndMeaning[0];
        Map<String, Object> example = ordered(
                "type", "https://resolution-ledger.io/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'),
                "title", code.charAt(0) + code.substring(1).replace('_', ' ').toLowerCase(Locale.ROOT),
                "status", Integer.parseInt(status),
                "detail", "Why the request was refused, for a person to read.",
                "code", code);
        ApiResponse response = new ApiResponse()
                .description(codeAndMeaning[1] + " (problem detail, e.g. " + code + ")")
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)).example(example)));
        if (status.equals("429") || status.equals("503")) {
            response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before trying again")
                    .schema(new IntegerSchema()));
        }
        return response;
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }
}
