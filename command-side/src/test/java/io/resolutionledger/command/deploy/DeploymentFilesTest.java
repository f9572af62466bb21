package io.resolutionledger.command.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml, the Dockerfiles, deploy/prometheus.yml and the Spring profiles they rely on, checked by reading
 * (there is no Docker engine where the tests run): the compose file parses and names what the README's
 * "Deployment" section says — services, images or build contexts, ports, profiles, health checks and environment.
 */
class DeploymentFilesTest {

    private static Path root;
    private static Map<String, Object> compose;
    private static Map<String, Object> services;

    @BeforeAll
    static void load() throws IOException {
        root = projectRoot();
        compose = yaml(root.resolve("docker-compose.yml"));
        services = map(compose.get("services"));
    }

    @Test
    void compose_names_the_five_services() {
        assertThat(services).containsOnlyKeys("postgres", "axon-server", "command-side", "query-side", "prometheus");
        assertThat(string(service("postgres").get("image"))).isEqualTo("postgres:17");
        assertThat(string(service("axon-server").get("image"))).startsWith("axoniq/axonserver");
        assertThat(string(service("prometheus").get("image"))).startsWith("prom/prometheus");
        assertThat(list(service("axon-server").get("profiles"))).containsExactly("axon-server");
        for (String name : List.of("postgres", "command-side", "query-side", "prometheus")) {
            assertThat(service(name)).as(name + " runs in both modes").doesNotContainKey("profiles");
        }
    }

    @Test
    void compose_matches_the_readme_table() throws IOException {
        List<ReadmeRow> rows = readmeServices();
        assertThat(rows).extracting(ReadmeRow::service).containsExactlyInAnyOrderElementsOf(services.keySet());
        for (ReadmeRow row : rows) {
            Map<String, Object> service = service(row.service());
            if (row.image().startsWith("build ")) {
                String dockerfile = row.image().substring("build ".length());
                Map<String, Object> build = map(service.get("build"));
                Path context = Path.of(string(build.get("context")));
                assertThat(context.resolve(string(build.getOrDefault("dockerfile", "Dockerfile"))).normalize())
                        .as(row.service()).isEqualTo(Path.of(dockerfile).normalize());
            } else {
                assertThat(string(service.get("image"))).as(row.service()).startsWith(row.image());
            }
            for (String port : row.ports()) {
                assertThat(containerPorts(service)).as(row.service() + " publishes " + port).contains(port);
            }
            if (row.profile().isEmpty()) {
                assertThat(service).as(row.service()).doesNotContainKey("profiles");
            } else {
                assertThat(list(service.get("profiles"))).as(row.service()).containsExactly(row.profile());
            }
        }
    }

    @Test
    void the_services_are_built_from_their_modules_and_checked_for_readiness() {
        for (Map.Entry<String, String> side : Map.of("command-side", "8081", "query-side", "8082").entrySet()) {
            Map<String, Object> service = service(side.getKey());
            Map<String, Object> build = map(service.get("build"));
            assertThat(Path.of(string(build.get("context"))).normalize()).isEqualTo(Path.of(side.getKey()));
            assertThat(string(build.getOrDefault("dockerfile", "Dockerfile"))).isEqualTo("Dockerfile");
            assertThat(containerPorts(service)).contains(side.getValue());
            assertThat(String.join(" ", list(map(service.get("healthcheck")).get("test"))))
                    .contains("http://localhost:" + side.getValue() + "/actuator/health/readiness");
            assertThat(map(service.get("depends_on"))).containsKey("postgres");
            assertThat(map(map(service.get("depends_on")).get("postgres")).get("condition"))
                    .isEqualTo("service_healthy");
            Map<String, Object> axon = map(map(service.get("depends_on")).get("axon-server"));
            assertThat(axon.get("required")).as("the axon-server dependency is optional").isEqualTo(false);
            assertThat(string(service.get("stop_grace_period"))).as("longer than the 20 s shutdown phase")
                    .isEqualTo("30s");
        }
        assertThat(map(map(service("query-side").get("depends_on")).get("command-side")).get("condition"))
                .as("the query side reads the event store that the command side's Flyway creates")
                .isEqualTo("service_healthy");
        assertThat(map(service("postgres").get("healthcheck"))).containsKey("test");
    }

    @Test
    void both_services_get_their_configuration_from_environment_variables() throws IOException {
        List<String> documented = readmeVariables();
        assertThat(documented).contains("LEDGER_DB_URL", "LEDGER_DB_USER", "LEDGER_DB_PASSWORD", "PORT",
                "SPRING_PROFILES_ACTIVE", "AXON_SERVER", "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI");
        for (String side : List.of("command-side", "query-side")) {
            Map<String, Object> environment = map(service(side).get("environment"));
            assertThat(environment).as(side).containsKeys(documented.toArray(String[]::new));
            assertThat(string(environment.get("LEDGER_DB_URL"))).contains("jdbc:postgresql://postgres:5432/ledger");
            assertThat(string(environment.get("AXON_SERVER"))).contains("axon-server:8124");
            assertThat(string(environment.get("SPRING_PROFILES_ACTIVE"))).contains(":-local}");
            assertThat(string(environment.get("AXONIQ_UPDATE_CHECKER_DISABLED"))).isEqualTo("true");
        }
        assertThat(string(map(service("command-side").get("environment")).get("PORT"))).isEqualTo("8081");
        assertThat(string(map(service("query-side").get("environment")).get("PORT"))).isEqualTo("8082");
        // the database the services are pointed at is the one the postgres service creates
        Map<String, Object> postgres = map(service("postgres").get("environment"));
        assertThat(postgres.get("POSTGRES_DB")).isEqualTo("ledger");
        assertThat(string(postgres.get("POSTGRES_USER"))).contains("LEDGER_DB_USER");
    }

    @Test
    void the_applications_read_those_variables() throws IOException {
        for (String module : List.of("command-side", "query-side")) {
            String application = Files.readString(root.resolve(module + "/src/main/resources/application.yml"));
            assertThat(application).as(module).contains("${LEDGER_DB_URL:", "${LEDGER_DB_USER:",
                    "${LEDGER_DB_PASSWORD:", "${PORT:");
            Map<String, Object> yml = yaml(root.resolve(module + "/src/main/resources/application.yml"));
            assertThat(path(yml, "server", "shutdown")).as(module + ": graceful shutdown").isEqualTo("graceful");
            assertThat(path(yml, "axon", "axonserver", "enabled")).as(module + ": PostgreSQL by default")
                    .isEqualTo(false);
            assertThat(path(yml, "management", "endpoint", "health", "probes", "enabled")).isEqualTo(true);
            assertThat(string(path(yml, "management", "endpoints", "web", "exposure", "include")))
                    .contains("health", "prometheus");

            Map<String, Object> axonServer = yaml(root.resolve(module
                    + "/src/main/resources/application-axon-server.yml"));
            assertThat(path(axonServer, "axon", "axonserver", "enabled")).as(module).isEqualTo(true);
            assertThat(path(axonServer, "axon", "axonserver", "servers")).as(module)
                    .isEqualTo("${AXON_SERVER:localhost:8124}");
        }
    }

    @Test
    void the_dockerfiles_run_the_exec_jar_as_a_non_root_user_with_a_readiness_check() throws IOException {
        for (Map.Entry<String, String> side : Map.of("command-side", "8081", "query-side", "8082").entrySet()) {
            String dockerfile = Files.readString(root.resolve(side.getKey()).resolve("Dockerfile"));
            assertThat(dockerfile).as(side.getKey())
                    .containsPattern("(?m)^FROM eclipse-temurin:17-jre\\s*$")
                    .containsPattern("(?m)^COPY .*target/" + side.getKey() + "-\\*-exec\\.jar ")
                    .containsPattern("(?m)^USER (?!root|0[:\\s])\\S+")
                    .containsPattern("(?m)^HEALTHCHECK .*")
                    .contains("/actuator/health/readiness")
                    .containsPattern("(?m)^EXPOSE " + side.getValue() + "\\s*$")
                    .containsPattern("(?m)^ENTRYPOINT \\[\"java\", \"-jar\"");
        }
    }

    @Test
    void prometheus_scrapes_both_services() throws IOException {
        assertThat(list(map(service("prometheus")).get("volumes")))
                .anyMatch(v -> v.startsWith("./deploy/prometheus.yml:/etc/prometheus/prometheus.yml"));
        Map<String, Object> prometheus = yaml(root.resolve("deploy/prometheus.yml"));
        Map<String, String> targets = new LinkedHashMap<>();
        for (Object job : (List<?>) prometheus.get("scrape_configs")) {
            Map<String, Object> scrape = map(job);
            assertThat(scrape.get("metrics_path")).isEqualTo("/actuator/prometheus");
            for (Object config : (List<?>) scrape.get("static_configs")) {
                for (String target : list(map(config).get("targets"))) {
                    targets.put(target, string(scrape.get("job_name")));
                }
            }
        }
        assertThat(targets).containsKeys("command-side:8081", "query-side:8082");
    }

    // ---- the README's Deployment section ----

    record ReadmeRow(String service, String image, List<String> ports, String profile) {
    }

    /** The table of services: | `name` | `image` or build `module/Dockerfile` | ports | `profile` or blank | */
    private static List<ReadmeRow> readmeServices() throws IOException {
        List<ReadmeRow> rows = new ArrayList<>();
        Pattern row = Pattern.compile("^\\| `([a-z-]+)` \\| (build )?`([^`]+)` \\| ([0-9, ]+) \\| (?:`([a-z-]+)`)? *\\|");
        for (String line : deploymentSection().split("\n")) {
            Matcher m = row.matcher(line);
            if (m.find()) {
                List<String> ports = List.of(m.group(4).trim().split("\\s*,\\s*"));
                rows.add(new ReadmeRow(m.group(1), (m.group(2) == null ? "" : "build ") + m.group(3), ports,
                        m.group(5) == null ? "" : m.group(5)));
            }
        }
        assertThat(rows).as("the README's Deployment section lists the compose services").isNotEmpty();
        return rows;
    }

    /** The services' environment variables: the first cell of the README's Deployment rows, | `NAME`, `NAME` | … | */
    private static List<String> readmeVariables() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : deploymentSection().split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            Matcher m = Pattern.compile("`([A-Z][A-Z0-9_]+)`").matcher(line.substring(1, line.indexOf('|', 1)));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static String deploymentSection() throws IOException {
        String readme = Files.readString(root.resolve("README.md"));
        int start = readme.indexOf("\n## Deployment");
        assertThat(start).as("README.md has a Deployment section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    // ---- YAML helpers ----

    private static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("docker-compose.yml")) && Files.exists(p.resolve("command-side"))) {
                return p;
            }
        }
        throw new IllegalStateException("docker-compose.yml not found above " + Path.of("").toAbsolutePath());
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object loaded = new Yaml(new SafeConstructor(options)).load(Files.readString(file));
        assertThat(loaded).as(file + " is a YAML mapping").isInstanceOf(Map.class);
        return map(loaded);
    }

    private static Map<String, Object> service(String name) {
        assertThat(services).containsKey(name);
        return map(services.get(name));
    }

    /** Container ports of "host:container" (or "${VAR:-host}:container") entries. */
    private static List<String> containerPorts(Map<String, Object> service) {
        return list(service.get("ports")).stream().map(p -> p.substring(p.lastIndexOf(':') + 1)).toList();
    }

    private static Object path(Map<String, Object> yml, String... keys) {
        Object node = yml;
        for (String key : keys) {
            node = node instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    private static List<String> list(Object o) {
        assertThat(o).isInstanceOf(List.class);
        return ((List<?>) o).stream().map(DeploymentFilesTest::string).toList();
    }

    private static String string(Object o) {
        return Objects.toString(o, null);
    }
}
