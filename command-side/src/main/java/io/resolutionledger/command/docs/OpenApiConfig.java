package io.resolutionledger.command.docs;

import io.resolutionledger.command.security.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command side's OpenAPI description ({@code /v3/api-docs}, browsable at {@code /swagger-ui.html}): title,
 * version, the JWT bearer scheme every command needs, and — added here by schema and operation, so the web layer
 * stays free of documentation annotations — request examples for each body, the success status and answer of each
 * command as API.md states them, the common headers, and the problem-detail answers.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    public static final String BEARER = "bearer-jwt";
    static final String PROBLEM_JSON = "application/problem+json";

    static {
        // the caller comes from the validated token (an argument resolver), never from the request: not a parameter
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    public OpenAPI commandSideOpenApi(@Value("${ledger.api.version:0.1.0}") String version) {
        return new OpenAPI()
                .info(new Info()
                        .title("Resolution Ledger — command API")
                        .version(version)
                        .description("""
                                Commands on the resolutions, sessions and chair of a ministers' conference. Every \
                                accepted command appends events to the ledger; nothing is updated in place. The acting \
                                delegation is always the one in the caller's JWT (claim `delegation`), never a field \
                                of the body. Errors are RFC 9457 problem details with a stable `code`. Send \
                                `Idempotency-Key` to make a retry safe and `If-Match: "<version>"` when amending. \
                                Reads are on the query side (port 8082).""")
                        .license(new License().name("EUPL-1.2")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("RS256 JWT with `sub`, `delegation` (e.g. DE-BY) and `roles` "
                                + "(delegate, auditor, admin). Locally: ./ledger token --delegation DE-BY")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Request examples by schema name (the web layer's request records). */
    static final Map<String, Map<String, Object>> REQUEST_EXAMPLES = Map.of(
            "ProposeRequest", ordered("sessionId", "dmk-2024-1",
                    "title", "Ressourcenschonung durch digitale Technologien",
                    "text", "Die Digitalministerkonferenz bittet den Bund, …",
                    "topics", List.of("sustainability", "green-it"),
                    "coSponsors", List.of("DE-HH", "DE-SN")),
            "AmendRequest", ordered("title", "Ressourcenschonung durch digitale Technologien",
                    "text", "Die Digitalministerkonferenz bittet den Bund und die Länder, …",
                    "reason", "Die Länder ausdrücklich einbeziehen"),
            "ReasonRequest", ordered("reason", "Durch den Beschluss zu TOP 4 erledigt"),
            "VoteRequest", ordered("choice", "YES"),
            "PublishRequest", ordered("reference", "DMK 1/2024, TOP 3"),
            "ScheduleRequest", ordered("sessionId", "dmk-2024-1", "number", 1, "kind", "REGULAR",
                    "date", "2024-04-19", "place", "Potsdam"),
            "HandOverRequest", ordered("year", 2025, "to", List.of("DE-RP"), "effectiveFrom", "2025-01-01"));

    /** Success answers of API.md: status and an example body, by verb-less path. */
    record Success(String status, Object example, String location) {
    }

    static final Map<String, Success> SUCCESS = Map.ofEntries(
            Map.entry("/api/resolutions", new Success("201",
                    ordered("resolutionId", "res-2024-1-3", "version", 1), "/api/resolutions/res-2024-1-3")),
            Map.entry("/api/resolutions/{id}/amendments", new Success("200", ordered("version", 2), null)),
            Map.entry("/api/resolutions/{id}/tabled-amendments", new Success("201",
                    ordered("amendmentId", "amd-7f3c"), "/api/resolutions/res-2024-1-3/tabled-amendments/amd-7f3c")),
            Map.entry("/api/resolutions/{id}/tabled-amendments/{amendmentId}/acceptance",
                    new Success("200", ordered("version", 3), null)),
            Map.entry("/api/resolutions/{id}/voting", new Success("200", ordered("version", 3, "rule",
                    ordered("kind", "QUALIFIED_MAJORITY", "minimumYes", 13, "quorum", 9, "abstentions", "NEUTRAL")),
                    null)),
            Map.entry("/api/resolutions/{id}/adoption", new Success("200",
                    ordered("tally", ordered("yes", 15, "no", 0, "abstain", 1)), null)),
            Map.entry("/api/resolutions/{id}/rejection", new Success("200",
                    ordered("tally", ordered("yes", 6, "no", 8, "abstain", 2)), null)),
            Map.entry("/api/sessions", new Success("201", ordered("sessionId", "dmk-2024-1"),
                    "/api/sessions/dmk-2024-1")),
            Map.entry("/api/chair/handovers", new Success("201",
                    ordered("year", 2025, "to", List.of("DE-RP"), "effectiveFrom", "2025-01-01"),
                    "/api/chair/handovers")));

    /** Problem answers every command may give, and those that need an id or a version in the path. */
    static final Map<String, String> COMMON_PROBLEMS = ordered(
            "400", "VALIDATION_FAILED", "401", "UNAUTHENTICATED", "403", "NOT_CHAIR", "409",
            "INVALID_STATE_TRANSITION", "413", "PAYLOAD_TOO_LARGE", "415", "UNSUPPORTED_MEDIA_TYPE", "422",
            "IDEMPOTENCY_KEY_REUSED", "503", "STORE_UNAVAILABLE");

    @Bean
    public OpenApiCustomizer commandSideExamples() {
        return openApi -> {
            if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
                openApi.getComponents().getSchemas().forEach((name, schema) -> {
                    Map<String, Object> example = REQUEST_EXAMPLES.get(name);
                    if (example != null) {
                        schema.setExample(example);
                    }
                });
            }
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (!path.startsWith("/api/")) {
                    return;
                }
                for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                    if (entry.getKey() == PathItem.HttpMethod.POST) {
                        document(path, entry.getValue());
                    }
                }
            });
        };
    }

    private static void document(String path, Operation operation) {
        addHeader(operation, "Idempotency-Key",
                "Makes a retry safe: the same key and body answer as the first request did and write nothing", "9b2f6c1e-4a57-4c8e-9f0e-2d7c5b1a3e64");
        addHeader(operation, "X-Correlation-Id",
                "Your id for this request; echoed on the answer and stored with the events it causes", "req-2024-04-19-0042");
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Success success = SUCCESS.get(path);
        if (success != null) {
            ApiResponse ok = responses.containsKey(success.status()) ? responses.get(success.status())
                    : responses.getOrDefault("200", new ApiResponse());
            if (!"200".equals(success.status())) {
                responses.remove("200");
            }
            ok.setDescription("201".equals(success.status()) ? "Created" : "OK");
            ok.setContent(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                    new MediaType().schema(new ObjectSchema()).example(success.example())));
            if (success.location() != null) {
                ok.addHeaderObject("Location", new io.swagger.v3.oas.models.headers.Header()
                        .description("The new resource").schema(new StringSchema().example(success.location())));
            }
            responses.addApiResponse(success.status(), ok);
        } else if (responses.containsKey("200")) {
            responses.get("200").setDescription("OK");
        }
        COMMON_PROBLEMS.forEach((status, code) -> responses.computeIfAbsent(status, s -> problem(status, code)));
        if (path.contains("{id}")) {
            responses.computeIfAbsent("404", s -> problem("404", path.startsWith("/api/sessions")
                    ? "SESSION_NOT_FOUND" : "RESOLUTION_NOT_FOUND"));
            responses.computeIfAbsent("412", s -> problem("412", "VERSION_CONFLICT"));
        }
        operation.setResponses(responses);
    }

    private static void addHeader(Operation operation, String name, String description, String example) {
        List<Parameter> parameters = operation.getParameters();
        if (parameters != null && parameters.stream().anyMatch(p -> name.equalsIgnoreCase(p.getName()))) {
            return;
        }
        operation.addParametersItem(new HeaderParameter().name(name).required(false).description(description)
                .schema(new StringSchema()).example(example));
    }

    private static ApiResponse problem(String status, String code) {
        Map<String, Object> example = ordered(
                "type", "https://resolution-ledger.io/problems/" + code.toLowerCase().replace('_', '-'),
                "title", code.replace('_', ' ').toLowerCase(),
                "status", Integer.parseInt(status),
                "detail", "Why the request was refused, for a person to read.",
                "code", code);
        Schema<?> schema = new ObjectSchema()
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new io.swagger.v3.oas.models.media.IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema().description("stable, machine-readable"));
        return new ApiResponse().description("Problem detail (RFC 9457), e.g. " + code)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(schema).example(example)));
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
