package io.resolutionledger.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Judges answers by a service's own OpenAPI description, as a validating proxy would: the operation must be
 * described, the status must be one of its responses, the answer's media type one of that response's, a response
 * described without content must come without a body, and a JSON body must match the schema (JSON Schema checked by
 * networknt's validator with the OpenAPI 3.0/3.1 dialect, {@code $ref}s resolved inside the description).
 *
 * <p>Use: {@code contract.check("GET", "/api/resolutions/r-1", 200, "application/json", body)} returns the
 * violations; {@link #violations()} collects those of every answer checked so far.
 */
public final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCUMENT = "https://contract.resolution-ledger.test/openapi.json";

    private final JsonNode description;
    private final SchemaRegistry schemas;
    private final List<PathTemplate> paths = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private int checked;

    private record PathTemplate(String template, Pattern pattern, int literalLength) {
    }

    public OpenApiContract(String openApiJson) {
        try {
            this.description = JSON.readTree(openApiJson);
        } catch (IOException e) {
            throw new UncheckedIOException("not an OpenAPI description", e);
        }
        boolean v31 = description.path("openapi").asText().startsWith("3.1");
        this.schemas = SchemaRegistry.withDialect(v31 ? Dialects.getOpenApi31() : Dialects.getOpenApi30(),
                builder -> builder.schemas(Map.of(DOCUMENT, openApiJson)));
        description.path("paths").fieldNames().forEachRemaining(template -> {
            String regex = Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            paths.add(new PathTemplate(template, Pattern.compile(regex),
                    template.replaceAll("\\{[^}/]+}", "").length()));
        });
        // a literal segment wins over a template: /api/sessions/{id} must not swallow /api/sessions/decisions
        paths.sort(Comparator.comparingInt(PathTemplate::literalLength).reversed());
    }

    public JsonNode description() {
        return description;
    }

    /** Checks one answer; {@code path} without the query string. Returns (and records) what the description forbids. */
    public synchronized List<String> check(String method, String path, int status, String contentType, String body) {
        checked++;
        List<String> found = new ArrayList<>();
        String where = method.toUpperCase(Locale.ROOT) + " " + path + " -> " + status;
        Optional<PathTemplate> template = paths.stream().filter(p -> p.pattern().matcher(path).matches()).findFirst();
        if (template.isEmpty()) {
            found.add(where + ": no path of the description matches");
            return record(found);
        }
        JsonNode operation = description.path("paths").path(template.get().template())
                .path(method.toLowerCase(Locale.ROOT));
        String pointer = "/paths/" + escape(template.get().template()) + "/" + method.toLowerCase(Locale.ROOT);
        if (operation.isMissingNode()) {
            found.add(where + ": " + method + " is not described for " + template.get().template());
            return record(found);
        }
        JsonNode responses = operation.path("responses");
        String key = String.valueOf(status);
        if (!responses.has(key)) {
            key = (status / 100) + "XX";
        }
        if (!responses.has(key)) {
            key = "default";
        }
        if (!responses.has(key)) {
            found.add(where + ": status " + status + " is not described (described: " + names(responses) + ")");
            return record(found);
        }
        pointer += "/responses/" + key;
        JsonNode response = responses.path(key);
        for (int depth = 0; depth < 10 && response.has("$ref"); depth++) {
            pointer = response.get("$ref").asText().substring(1);
            response = description.at(pointer);
        }
        JsonNode content = response.path("content");
        boolean hasBody = body != null && !body.isEmpty();
        if (content.isMissingNode() || content.isEmpty()) {
            if (hasBody) {
                found.add(where + ": described without content, but answered a body (" + contentType + ")");
            }
            return record(found);
        }
        if (!hasBody) {
            found.add(where + ": described with content " + names(content) + ", but answered no body");
            return record(found);
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        String described = null;
        for (Iterator<String> it = content.fieldNames(); it.hasNext(); ) {
            String candidate = it.next();
            if (matches(candidate, mediaType) && (described == null || candidate.length() > described.length())) {
                described = candidate;
            }
        }
        if (described == null) {
            found.add(where + ": answered " + mediaType + ", described " + names(content));
            return record(found);
        }
        JsonNode schemaNode = content.path(described).path("schema");
        boolean json = mediaType.equals("application/json") || mediaType.endsWith("+json");
        if (json && !schemaNode.isMissingNode()) {
            JsonNode instance;
            try {
                instance = JSON.readTree(body);
            } catch (IOException e) {
                found.add(where + ": " + mediaType + " body is not JSON");
                return record(found);
            }
            Schema schema = schemas.getSchema(SchemaLocation.of(DOCUMENT + "#" + pointer + "/content/"
                    + escape(described) + "/schema"));
            for (Error error : schema.validate(instance)) {
                found.add(where + ": " + error.getInstanceLocation() + " " + error.getMessage());
            }
        }
        return record(found);
    }

    /** Every violation of every answer checked so far. */
    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    public synchronized int checked() {
        return checked;
    }

    private List<String> record(List<String> found) {
        violations.addAll(found);
        return found;
    }

    private static boolean matches(String described, String actual) {
        if (described.equals("*/*") || described.equals(actual)) {
            return true;
        }
        return described.endsWith("/*") && actual.startsWith(described.substring(0, described.length() - 1));
    }

    private static String names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    /** JSON pointer escaping of one reference token (RFC 6901). */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
