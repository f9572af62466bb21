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
                        .license(new License().name("EUPL-1.2")
                                .url("https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("RS256 JWT with `sub`, `delegation` (e.g. DE-BY) and `roles` "
                                + "(delegate, auditor, admin). Locally: ./ledger token --delegation DE-BY")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Request examples by schema name (the web layer's request records). */
    static final Map<String, Map<String, Object>> REQUEST_EXAMPLES = ordered(
            "ProposeRequest", ordered("sessionId", "dmk-2024-1",
                    "title", "Ressourcenschonung durch digitale Technologien",
                    "text", "Die Digitalministerkonferenz bittet den Bund, …",
                    "topics", List.of("sustainability", "green-it"),
                    "coSponsors", List.of("DE-HH", "DE-SN"),
                    "addressees", List.of("BUND"), "partners", List.of("WMK")),
            "AmendRequest", ordered("title", "Ressourcenschonung durch digitale Technologien",
                    "text", "Die Digitalministerkonferenz bittet den Bund und die Länder, …",
                    "reason", "Die Länder ausdrücklich einbeziehen"),
            "TableRequest", ordered("text", "Die Digitalministerkonferenz bittet den Bund und die Länder, …",
                    "reason", "Die Länder ausdrücklich einbeziehen"),
            "ReasonRequest", ordered("reason", "Durch den Beschluss zu TOP 4 erledigt"),
            "TranslationRequest", ordered("language", "en", "version", 3,
                    "title", "Resource conservation through digital technologies",
                    "text", "The Conference of Digital Ministers asks the Federal Government, …"),
            "VoteRequest", ordered("choice", "YES"),
            "WrittenProcedureRequest", ordered("deadline", "2024-06-14T12:00:00+02:00", "rule", "unanimity"),
            "MandateRequest", ordered("task", "Den Austausch zu Smart City/Smart Region vertiefen", "owner", "DE-BB",
                    "due", "2024-12-31"),
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
            Map.entry("/api/resolutions/{id}/translations", new Success("201",
                    ordered("version", 3, "language", "en"), "/api/resolutions/res-2024-1-3/versions/3?lang=en")),
            Map.entry("/api/resolutions/{id}/voting", new Success("200", ordered("version", 3, "rule",
                    ordered("kind", "QUALIFIED_MAJORITY", "minimumYes", 13, "quorum", 9, "abstentions", "NEUTRAL")),
                    null)),
            Map.entry("/api/resolutions/{id}/written-procedure", new Success("200", ordered("version", 2, "rule",
                    ordered("name", "unanimity", "kind", "UNANIMITY", "minimumYes", 0, "quorum", 9,
                            "abstentions", "NEUTRAL"), "deadline", "2024-06-14T10:00:00Z"), null)),
            Map.entry("/api/resolutions/{id}/written-procedure/conclusion", new Success("200",
                    ordered("tally", ordered("yes", 16, "no", 0, "abstain", 0), "outcome", "ADOPTED",
                            "decidedBy", "DEADLINE"), null)),
            Map.entry("/api/subscriptions", new Success("201",
                    ordered("subscriptionId", "sub-7f3c", "secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                    "/api/subscriptions/sub-7f3c")),
            Map.entry("/api/subscriptions/{id}/secret-rotation", new Success("200",
                    ordered("subscriptionId", "sub-7f3c", "secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                            "generation", 1, "previousSecretValidUntil", "2024-06-15T10:00:00Z"), null)),
            Map.entry("/api/resolutions/{id}/mandates", new Success("201", ordered("mandateId", "m-7f3c"),
                    "/api/resolutions/res-2024-1-3/mandates/m-7f3c")),
            Map.entry("/api/resolutions/{id}/adoption", new Success("200",
                    ordered("tally", ordered("yes", 15, "no", 0, "abstain", 1)), null)),
            Map.entry("/api/resolutions/{id}/rejection", new Success("200",
                    ordered("tally", ordered("yes", 6, "no", 8, "abstain", 2)), null)),
            Map.entry("/api/sessions", new Success("201", ordered("sessionId", "dmk-2024-1"),
                    "/api/sessions/dmk-2024-1")),
            Map.entry("/api/chair/handovers", new Success("201",
                    ordered("year", 2025, "to", List.of("DE-RP"), "effectiveFrom", "2025-01-01"),
                    "/api/chair/handovers")));

    /** The problem answers any command may give: status, an example code, and what it means here. */
    static final Map<String, String[]> PROBLEMS = ordered(
            "400", new String[]{"VALIDATION_FAILED", "Malformed or invalid input (the offending fields in `errors`)"},
            "401", new String[]{"UNAUTHENTICATED", "No token, or a token that is malformed, expired or not trusted"},
            "403", new String[]{"NOT_CHAIR", "The token's delegation or role may not do this"},
            "404", new String[]{"RESOLUTION_NOT_FOUND", "An id in the path or the body names nothing of its kind"},
            "409", new String[]{"INVALID_STATE_TRANSITION", "The current state does not allow it; nothing was written"},
            "412", new String[]{"VERSION_CONFLICT", "`If-Match` names a version that is no longer current"},
            "413", new String[]{"PAYLOAD_TOO_LARGE", "The body is larger than the service accepts"},
            "415", new String[]{"UNSUPPORTED_MEDIA_TYPE", "The body is not `application/json`"},
            "422", new String[]{"IDEMPOTENCY_KEY_REUSED", "The `Idempotency-Key` was used for another request"},
            "429", new String[]{"RATE_LIMITED", "Over the caller's rate limit; see `Retry-After`"},
            "500", new String[]{"INTERNAL_ERROR", "An unexpected failure; logged, nothing half done"},
            "503", new String[]{"STORE_UNAVAILABLE", "The event store is unavailable; see `Retry-After`"});

    /** One summary per command (API.md's words); an operation added later without one gets its method's name. */
    static final Map<String, String> SUMMARIES = Map.ofEntries(
            Map.entry("/api/resolutions", "Propose a resolution"),
            Map.entry("/api/resolutions/{id}/amendments", "Amend a resolution (sponsor or co-sponsor)"),
            Map.entry("/api/resolutions/{id}/tabled-amendments", "Table an amendment to another's resolution"),
            Map.entry("/api/resolutions/{id}/translations", "Translate a version of a resolution (sponsor)"),
            Map.entry("/api/resolutions/{id}/tabled-amendments/{amendmentId}/acceptance",
                    "Accept a tabled amendment (sponsor)"),
            Map.entry("/api/resolutions/{id}/tabled-amendments/{amendmentId}/declination",
                    "Decline a tabled amendment (sponsor)"),
            Map.entry("/api/resolutions/{id}/cosponsors", "Join a resolution as co-sponsor"),
            Map.entry("/api/resolutions/{id}/withdrawal", "Withdraw a resolution (sponsor)"),
            Map.entry("/api/resolutions/{id}/voting", "Open the vote on a resolution (chair)"),
            Map.entry("/api/resolutions/{id}/votes", "Cast the caller's delegation's vote"),
            Map.entry("/api/resolutions/{id}/adoption", "Adopt a resolution whose tally meets the rule (chair)"),
            Map.entry("/api/resolutions/{id}/rejection", "Reject a resolution (chair)"),
            Map.entry("/api/resolutions/{id}/publication", "Publish an adopted resolution (chair)"),
            Map.entry("/api/sessions", "Schedule a session (chair)"),
            Map.entry("/api/sessions/{id}/opening", "Open a session (chair)"),
            Map.entry("/api/sessions/{id}/closing", "Close a session (chair)"),
            Map.entry("/api/chair/handovers", "Hand the chair over to next year's holders"));

    static final String PROBLEM_SCHEMA = "Problem";

    @Bean
    public OpenApiCustomizer commandSideExamples() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            if (openApi.getComponents().getSchemas() != null) {
                openApi.getComponents().getSchemas().forEach((name, schema) -> {
                    Map<String, Object> example = REQUEST_EXAMPLES.get(name);
                    if (example != null) {
                        schema.setExample(example);
                    }
                });
            }
            openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
            PROBLEMS.forEach((status, codeAndMeaning) -> openApi.getComponents().addResponses("Problem" + status,
                    problem(status, codeAndMeaning[0], codeAndMeaning[1])));
            // one server entry, relative: the description is served by the instance it describes
            openApi.setServers(List.of(new io.swagger.v3.oas.models.servers.Server().url("/")
                    .description("this instance")));
            if (openApi.getPaths() == null) {
                return;
            }
            java.util.Set<String> tags = new java.util.TreeSet<>();
            openApi.getPaths().forEach((path, item) -> {
                for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                    if (entry.getValue().getTags() != null) {
                        tags.addAll(entry.getValue().getTags());
                    }
                    if (path.startsWith("/api/")) {
                        document(path, entry.getKey(), entry.getValue());
                    }
                }
            });
            removeUnusedSchemas(openApi);
            openApi.setTags(tags.stream().map(name -> new io.swagger.v3.oas.models.tags.Tag().name(name)
                    .description("Commands of " + name.replace("-controller", "").replace('-', ' '))).toList());
        };
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getSummary() == null || operation.getSummary().isBlank()) {
            operation.setSummary(SUMMARIES.getOrDefault(path, humanize(operation.getOperationId())));
        }
        if (method == PathItem.HttpMethod.POST) {
            addHeader(operation, "Idempotency-Key",
                    "Makes a retry safe: the same key and body answer as the first request did and write nothing",
                    "9b2f6c1e-4a57-4c8e-9f0e-2d7c5b1a3e64");
        }
        addHeader(operation, "X-Correlation-Id",
                "Your id for this request; echoed on the answer and stored with the events it causes", "req-2024-04-19-0042");
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Success success = SUCCESS.get(path);
        if (success != null && method == PathItem.HttpMethod.POST) {
            ApiResponse ok = new ApiResponse().description("201".equals(success.status()) ? "Created" : "Done");
            responses.remove("200");
            ok.setContent(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                    new MediaType().schema(new ObjectSchema()).example(success.example())));
            if (success.location() != null) {
                ok.addHeaderObject("Location", new io.swagger.v3.oas.models.headers.Header()
                        .description("The new resource").schema(new StringSchema().example(success.location())));
            }
            responses.addApiResponse(success.status(), ok);
        } else if (method == PathItem.HttpMethod.DELETE) {
            // an ended subscription: 204, no body (springdoc would say 200 with a JSON body)
            responses.remove("200");
            responses.addApiResponse("204", new ApiResponse().description("Done; the answer has no body"));
        } else if (method == PathItem.HttpMethod.POST && isJsonNodeAnswer(responses.get("200"))) {
            // the command was applied and there is nothing to tell but that: 200 without a body
            responses.addApiResponse("200", new ApiResponse().description("Done; the answer has no body"));
        }
        PROBLEMS.keySet().forEach(status -> responses.computeIfAbsent(status, s -> new ApiResponse()
                .$ref("#/components/responses/Problem" + status)));
        if (method == PathItem.HttpMethod.POST) {
            responses.computeIfAbsent("406", s -> new ApiResponse()
                    .description("The `Accept` header allows neither JSON nor problem details; no body"));
        }
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

    /** What springdoc infers for a controller answering {@code ResponseEntity<JsonNode>}: any JSON, or none. */
    private static boolean isJsonNodeAnswer(ApiResponse response) {
        if (response == null || response.getContent() == null) {
            return response != null;
        }
        return response.getContent().values().stream().allMatch(m -> m.getSchema() == null
                || m.getSchema().get$ref() != null && m.getSchema().get$ref().endsWith("/JsonNode")
                || "object".equals(m.getSchema().getType()) && m.getSchema().getProperties() == null);
    }

    static String humanize(String operationId) {
        if (operationId == null || operationId.isBlank()) {
            return "Command";
        }
        String words = operationId.replaceAll("_\\d+$", "").replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static void addHeader(Operation operation, String name, String description, String example) {
        List<Parameter> parameters = operation.getParameters();
        if (parameters != null && parameters.stream().anyMatch(p -> name.equalsIgnoreCase(p.getName()))) {
            return;
        }
        operation.addParametersItem(new HeaderParameter().name(name).required(false).description(description)
                .schema(new StringSchema()).example(example));
    }

    /** RFC 9457 with the ledger's members: {@code code} always, {@code errors} for invalid fields. */
    static Schema<?> problemSchema() {
        Schema<?> fieldProblem = new ObjectSchema()
                .addProperty("field", new StringSchema())
                .addProperty("message", new StringSchema());
        return new ObjectSchema()
                .description("RFC 9457 problem detail with a stable, machine-readable `code`")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new io.swagger.v3.oas.models.media.IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("code", new StringSchema().description("stable, machine-readable"))
                .addProperty("errors", new io.swagger.v3.oas.models.media.ArraySchema().items(fieldProblem))
                .required(List.of("type", "title", "status", "code"));
    }

    private static ApiResponse problem(String status, String code, String meaning) {
        Map<String, Object> example = ordered(
                "type", "https://resolution-ledger.io/problems/" + code.toLowerCase().replace('_', '-'),
                "title", code.charAt(0) + code.substring(1).replace('_', ' ').toLowerCase(),
                "status", Integer.parseInt(status),
                "detail", "Why the request was refused, for a person to read.",
                "code", code);
        ApiResponse response = new ApiResponse().description(meaning + " (problem detail, e.g. " + code + ")")
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)).example(example)));
        if (status.equals("429") || status.equals("503")) {
            response.addHeaderObject("Retry-After", new io.swagger.v3.oas.models.headers.Header()
                    .description("Seconds to wait before trying again")
                    .schema(new io.swagger.v3.oas.models.media.IntegerSchema()));
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
