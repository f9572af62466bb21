package io.resolutionledger.command.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Set;
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
    void compose_names_the_seven_services() {
        assertThat(services).containsOnlyKeys("postgres", "keycloak", "axon-server", "command-side", "query-side",
                "web", "prometheus");
        assertThat(string(service("postgres").get("image"))).startsWith("postgres:17@sha256:");
        assertThat(string(service("keycloak").get("image"))).contains("keycloak/keycloak:26");
        assertThat(string(service("axon-server").get("image"))).startsWith("axoniq/axonserver");
        assertThat(string(service("prometheus").get("image"))).startsWith("prom/prometheus");
        assertThat(list(service("axon-server").get("profiles"))).containsExactly("axon-server");
        for (String name : List.of("postgres", "keycloak", "command-side", "query-side", "web", "prometheus")) {
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
            assertThat(containerPorts(service)).as(row.service() + " publishes").containsExactlyInAnyOrderElementsOf(row.ports());
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
            String managementPort = side.getKey().equals("command-side") ? "9081" : "9082";
            assertThat(string(map(service.get("environment")).get("MANAGEMENT_SERVER_PORT"))).isEqualTo(managementPort);
            assertThat(String.join(" ", list(map(service.get("healthcheck")).get("test"))))
                    .contains("http://localhost:" + managementPort + "/actuator/health/readiness");
            assertThat(map(map(service.get("depends_on")).get("keycloak")).get("condition"))
                    .as("tokens are checked against the realm's keys").isEqualTo("service_healthy");
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
    void the_web_app_signs_in_at_the_realm_and_relays_inside_the_network() throws IOException {
        Map<String, Object> web = service("web");
        Map<String, Object> build = map(web.get("build"));
        assertThat(Path.of(string(build.get("context"))).normalize()).isEqualTo(Path.of("web-app"));
        assertThat(containerPorts(web)).containsExactly("8083");
        Map<String, Object> environment = map(web.get("environment"));
        assertThat(string(environment.get("SPRING_PROFILES_ACTIVE"))).as("no development sign-in")
                .doesNotContain("local");
        assertThat(environment.keySet()).noneMatch(k -> k.contains("DEV_KEY") || k.contains("DEV_LOGIN"));
        assertThat(string(environment.get("LEDGER_WEB_OIDC_ISSUER"))).endsWith("/realms/ledger")
                .isEqualTo(string(map(service("command-side").get("environment"))
                        .get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI")));
        assertThat(string(environment.get("LEDGER_WEB_OIDC_DISCOVERY_URI")))
                .isEqualTo("http://keycloak:8080/realms/ledger/.well-known/openid-configuration");
        assertThat(string(environment.get("LEDGER_WEB_OIDC_CLIENT_ID"))).isEqualTo("ledger-web");
        assertThat(string(environment.get("LEDGER_WEB_OIDC_CLIENT_SECRET"))).startsWith("${LEDGER_WEB_CLIENT_SECRET:?");
        assertThat(string(map(service("keycloak").get("environment")).get("LEDGER_WEB_CLIENT_SECRET")))
                .as("the realm's placeholder, the same secret").startsWith("${LEDGER_WEB_CLIENT_SECRET:?");
        assertThat(string(map(service("keycloak").get("environment")).get("LEDGER_WEB_URL")))
                .isEqualTo(string(environment.get("LEDGER_WEB_URL")));
        assertThat(string(environment.get("LEDGER_WEB_COMMAND_URL"))).isEqualTo("http://command-side:8081");
        assertThat(string(environment.get("LEDGER_WEB_QUERY_URL"))).isEqualTo("http://query-side:8082");
        assertThat(string(environment.get("LEDGER_DB_USER"))).isEqualTo("ledger_web");
        assertThat(string(environment.get("LEDGER_DB_PASSWORD"))).startsWith("${LEDGER_WEB_DB_PASSWORD:?");
        assertThat(string(environment.get("MANAGEMENT_SERVER_PORT"))).isEqualTo("9083");
        assertThat(String.join(" ", list(map(web.get("healthcheck")).get("test"))))
                .contains("http://localhost:9083/actuator/health/readiness");
        for (String dependency : List.of("postgres", "keycloak", "command-side", "query-side")) {
            assertThat(map(map(web.get("depends_on")).get(dependency)).get("condition")).as(dependency)
                    .isEqualTo("service_healthy");
        }
        assertThat(string(web.get("stop_grace_period"))).isEqualTo("30s");
        String application = Files.readString(root.resolve("web-app/src/main/resources/application.yml"));
        assertThat(application).contains("${LEDGER_DB_URL:", "${LEDGER_DB_USER:", "${LEDGER_DB_PASSWORD:", "${PORT:",
                "${LEDGER_WEB_OIDC_ISSUER:", "${LEDGER_WEB_OIDC_DISCOVERY_URI:", "${LEDGER_WEB_OIDC_CLIENT_SECRET:",
                "${LEDGER_WEB_COMMAND_URL:", "${LEDGER_WEB_QUERY_URL:", "${LEDGER_WEB_URL:");
        assertThat(Files.readString(root.resolve("deploy/db/ledger-roles.psql"))).contains("CREATE ROLE ledger_web");
        assertThat(Files.readString(root.resolve("deploy/db/10-ledger-roles.sh")))
                .contains("--set=web_password=\"$LEDGER_WEB_DB_PASSWORD\"");
    }

    @Test
    void both_services_get_their_configuration_from_environment_variables() throws IOException {
        List<String> documented = readmeVariables();
        assertThat(documented).contains("LEDGER_DB_URL", "LEDGER_DB_USER", "LEDGER_DB_PASSWORD", "PORT",
                "SPRING_PROFILES_ACTIVE", "AXON_SERVER", "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
                "LEDGER_JWT_JWK_SET_URI", "LEDGER_JWT_AUDIENCE", "MANAGEMENT_SERVER_PORT");
        for (String side : List.of("command-side", "query-side")) {
            Map<String, Object> environment = map(service(side).get("environment"));
            assertThat(environment).as(side).containsKeys(documented.toArray(String[]::new));
            assertThat(string(environment.get("LEDGER_DB_URL"))).contains("jdbc:postgresql://postgres:5432/ledger");
            assertThat(string(environment.get("AXON_SERVER"))).contains("axon-server:8124");
            assertThat(string(environment.get("SPRING_PROFILES_ACTIVE"))).isEqualTo("${LEDGER_PROFILES:-prod}");
            assertThat(string(environment.get("AXONIQ_UPDATE_CHECKER_DISABLED"))).isEqualTo("true");
        }
        assertThat(string(map(service("command-side").get("environment")).get("PORT"))).isEqualTo("8081");
        assertThat(string(map(service("query-side").get("environment")).get("PORT"))).isEqualTo("8082");
        // the database the services are pointed at is the one the postgres service creates
        Map<String, Object> postgres = map(service("postgres").get("environment"));
        assertThat(postgres.get("POSTGRES_DB")).isEqualTo("ledger");
        // least privilege: the services are not the image's superuser
        assertThat(string(map(service("command-side").get("environment")).get("LEDGER_DB_USER"))).isEqualTo("ledger_command");
        assertThat(string(map(service("query-side").get("environment")).get("LEDGER_DB_USER"))).isEqualTo("ledger_query");
        assertThat(string(postgres.get("POSTGRES_USER"))).isNotIn("ledger_command", "ledger_query");
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
        for (Map.Entry<String, String> side : Map.of("command-side", "8081", "query-side", "8082", "web-app", "8083")
                .entrySet()) {
            String dockerfile = Files.readString(root.resolve(side.getKey()).resolve("Dockerfile"));
            assertThat(dockerfile).as(side.getKey())
                    .containsPattern("(?m)^FROM eclipse-temurin:17-jre@sha256:[0-9a-f]{64}\\s*$")
                    .containsPattern("(?m)^COPY .*target/" + side.getKey() + "-\\*-exec\\.jar ")
                    .containsPattern("(?m)^USER (?!root|0[:\\s])\\S+")
                    .containsPattern("(?m)^HEALTHCHECK .*")
                    .contains("/actuator/health/readiness").contains("${MANAGEMENT_SERVER_PORT}")
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
        assertThat(targets).as("the unpublished management ports").containsKeys("command-side:9081", "query-side:9082",
                "web:9083");
    }

    // ---- secure by default ----

    /** Services whose image has no digest: none could be verified (see the README's Deployment section). */
    private static final Set<String> UNPINNED = Set.of("axon-server");

    @Test
    void compose_trusts_no_development_key_only_the_realm() throws IOException {
        for (String side : List.of("command-side", "query-side")) {
            Map<String, Object> environment = map(service(side).get("environment"));
            assertThat(string(environment.get("SPRING_PROFILES_ACTIVE"))).as(side).doesNotContain("local");
            assertThat(environment.keySet()).as(side + ": no fixed key").noneMatch(k -> k.contains("PUBLIC_KEY"));
            assertThat(string(environment.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI")))
                    .as(side).endsWith("/realms/ledger");
            assertThat(string(environment.get("LEDGER_JWT_JWK_SET_URI")))
                    .isEqualTo("http://keycloak:8080/realms/ledger/protocol/openid-connect/certs");
            assertThat(string(environment.get("LEDGER_JWT_AUDIENCE"))).isEqualTo("ledger");
        }
        assertThat(Files.readString(root.resolve("docker-compose.yml"))).doesNotContain("dev-keys", "dev-public");
    }

    @Test
    void the_local_profile_listens_on_loopback_only() throws IOException {
        Map<String, Object> webLocal = yaml(root.resolve("web-app/src/main/resources/application-local.yml"));
        assertThat(path(webLocal, "server", "address")).as("web-app: the development sign-in").isEqualTo("127.0.0.1");
        assertThat(path(yaml(root.resolve("web-app/src/main/resources/application.yml")), "ledger", "web", "dev-login",
                "enabled")).as("web-app: no development sign-in by default").isEqualTo(false);
        for (String module : List.of("command-side", "query-side")) {
            Map<String, Object> local = yaml(root.resolve(module + "/src/main/resources/application-local.yml"));
            assertThat(path(local, "server", "address")).as(module).isEqualTo("127.0.0.1");
            Map<String, Object> main = yaml(root.resolve(module + "/src/main/resources/application.yml"));
            assertThat(path(main, "ledger", "security", "jwt", "public-key")).as(module + ": no key by default").isNull();
        }
    }

    @Test
    void no_database_or_axon_server_port_is_published_and_the_rest_binds_to_loopback_by_default() {
        assertThat(service("postgres")).doesNotContainKey("ports");
        assertThat(service("axon-server")).doesNotContainKey("ports");
        for (Map.Entry<String, Object> entry : services.entrySet()) {
            Object ports = map(entry.getValue()).get("ports");
            if (ports != null) {
                assertThat(list(ports)).as(entry.getKey())
                        .allMatch(p -> p.startsWith("${LEDGER_BIND_ADDRESS:-127.0.0.1}:"));
            }
        }
    }

    @Test
    void every_image_is_pinned_by_digest_except_the_known_ones() throws IOException {
        Pattern pinned = Pattern.compile("^[a-z0-9./-]+(:[A-Za-z0-9._-]+)?@sha256:[0-9a-f]{64}$");
        for (Map.Entry<String, Object> entry : services.entrySet()) {
            Map<String, Object> service = map(entry.getValue());
            if (service.containsKey("build")) {
                continue; // built here, from a pinned base (below)
            }
            String image = string(service.get("image"));
            if (UNPINNED.contains(entry.getKey())) {
                assertThat(image).as(entry.getKey() + ": at least a fixed version").doesNotEndWith(":latest")
                        .contains(":");
            } else {
                assertThat(image).as(entry.getKey()).matches(pinned);
            }
        }
        for (String module : List.of("command-side", "query-side", "web-app")) {
            for (String line : Files.readAllLines(root.resolve(module + "/Dockerfile"))) {
                if (line.startsWith("FROM ")) {
                    assertThat(line.substring(5).trim().split("\\s+")[0]).as(module).matches(pinned);
                }
            }
        }
    }

    @Test
    void no_password_secret_or_token_has_a_default() throws IOException {
        String compose = Files.readString(root.resolve("docker-compose.yml"));
        Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]*(PASSWORD|SECRET|TOKEN)[A-Z0-9_]*)(:?[-?])([^}]*)}").matcher(compose);
        int secrets = 0;
        while (m.find()) {
            secrets++;
            if (m.group(3).endsWith("-")) {
                assertThat(m.group(4)).as(m.group(1) + " defaults to nothing but the empty string").isEmpty();
            }
        }
        assertThat(secrets).isGreaterThanOrEqualTo(7);
        for (String required : List.of("POSTGRES_PASSWORD", "LEDGER_OWNER_DB_PASSWORD", "LEDGER_COMMAND_DB_PASSWORD",
                "LEDGER_QUERY_DB_PASSWORD", "KEYCLOAK_DB_PASSWORD", "KEYCLOAK_ADMIN_PASSWORD",
                "LEDGER_SCRIPTS_CLIENT_SECRET", "LEDGER_WEB_DB_PASSWORD", "LEDGER_WEB_CLIENT_SECRET")) {
            assertThat(compose).as(required + " is required").contains("${" + required + ":?");
        }
    }

    @Test
    void axon_server_runs_without_dev_mode_and_with_access_control() {
        Map<String, Object> environment = map(service("axon-server").get("environment"));
        assertThat(string(environment.get("AXONIQ_AXONSERVER_DEVMODE_ENABLED"))).isEqualTo("false");
        assertThat(string(environment.get("AXONIQ_AXONSERVER_ACCESSCONTROL_ENABLED"))).isEqualTo("true");
        assertThat(string(environment.get("AXONIQ_AXONSERVER_ACCESSCONTROL_TOKEN"))).startsWith("${AXON_SERVER_TOKEN:?");
    }

    @Test
    void keycloak_imports_the_realm_file_in_production_mode() {
        Map<String, Object> keycloak = service("keycloak");
        assertThat(list(keycloak.get("command"))).containsExactly("start", "--import-realm");
        assertThat(list(keycloak.get("volumes"))).contains(
                "./deploy/keycloak/ledger-realm.json:/opt/keycloak/data/import/ledger-realm.json:ro");
        Map<String, Object> environment = map(keycloak.get("environment"));
        assertThat(string(environment.get("KC_DB"))).isEqualTo("postgres");
        assertThat(string(environment.get("KC_BOOTSTRAP_ADMIN_PASSWORD"))).startsWith("${KEYCLOAK_ADMIN_PASSWORD:?");
        assertThat(map(service("postgres")).get("volumes").toString()).contains("./deploy/db:/docker-entrypoint-initdb.d");
    }

    @Test
    void the_realm_has_a_group_per_delegation_the_roles_the_mappers_and_the_clients() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(root.resolve("deploy/keycloak/ledger-realm.json").toFile());
        assertThat(realm.path("realm").asText()).isEqualTo("ledger");
        List<String> roles = new ArrayList<>();
        realm.path("roles").path("realm").forEach(r -> roles.add(r.path("name").asText()));
        assertThat(roles).containsExactlyInAnyOrder("delegate", "auditor", "admin");

        // the conference (members and guests) is its own file since the sessions issue
        Map<String, Object> application = yaml(root.resolve("command-side/src/main/resources/conference/dmk.yml"));
        List<String> delegations = new ArrayList<>(list(path(application, "ledger", "conference", "members")));
        delegations.addAll(list(path(application, "ledger", "conference", "guests")));
        Map<String, JsonNode> groups = new LinkedHashMap<>();
        realm.path("groups").forEach(g -> groups.put(g.path("name").asText(), g));
        for (String delegation : delegations) {
            JsonNode group = groups.get(delegation);
            assertThat(group).as("group " + delegation).isNotNull();
            assertThat(group.path("attributes").path("delegation").get(0).asText()).isEqualTo(delegation);
            assertThat(group.path("realmRoles").toString()).isEqualTo("[\"delegate\"]");
        }
        assertThat(groups.get("auditors").path("realmRoles").toString()).isEqualTo("[\"auditor\"]");
        assertThat(groups.get("administrators").path("realmRoles").toString()).isEqualTo("[\"admin\"]");

        JsonNode scope = null;
        for (JsonNode s : realm.path("clientScopes")) {
            if (s.path("name").asText().equals("ledger")) {
                scope = s;
            }
        }
        assertThat(scope).as("client scope ledger").isNotNull();
        Map<String, JsonNode> mappers = new LinkedHashMap<>();
        scope.path("protocolMappers").forEach(m -> mappers.put(m.path("protocolMapper").asText(), m.path("config")));
        assertThat(mappers.get("oidc-audience-mapper").path("included.custom.audience").asText()).isEqualTo("ledger");
        assertThat(mappers.get("oidc-usermodel-attribute-mapper").path("claim.name").asText()).isEqualTo("delegation");
        assertThat(mappers.get("oidc-usermodel-attribute-mapper").path("user.attribute").asText()).isEqualTo("delegation");
        assertThat(mappers.get("oidc-usermodel-realm-role-mapper").path("claim.name").asText()).isEqualTo("roles");
        assertThat(mappers).containsKey("oidc-sub-mapper");
        assertThat(mappers.get("oidc-sub-mapper").path("id.token.claim").asText())
                .as("the web app's sign-in needs sub in the ID token").isEqualTo("true");
        // the person's name is for the web app's pages (ID token), never sent to the services (access token)
        assertThat(mappers.get("oidc-full-name-mapper").path("id.token.claim").asText()).isEqualTo("true");
        assertThat(mappers.get("oidc-full-name-mapper").path("access.token.claim").asText()).isEqualTo("false");
        for (Map.Entry<String, JsonNode> mapper : mappers.entrySet()) {
            if (!mapper.getKey().equals("oidc-full-name-mapper")) {
                assertThat(mapper.getValue().path("access.token.claim").asText()).as(mapper.getKey()).isEqualTo("true");
            }
        }

        Map<String, JsonNode> clients = new LinkedHashMap<>();
        realm.path("clients").forEach(c -> clients.put(c.path("clientId").asText(), c));
        JsonNode browser = clients.get("ledger-dashboard");
        assertThat(browser.path("publicClient").asBoolean()).isTrue();
        assertThat(browser.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(browser.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(browser.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(browser.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(browser.path("redirectUris").toString()).doesNotContain("\"*\"");
        JsonNode scripts = clients.get("ledger-scripts");
        assertThat(scripts.path("publicClient").asBoolean()).isFalse();
        assertThat(scripts.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(scripts.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(scripts.path("secret").asText()).as("from the environment").isEqualTo("${LEDGER_SCRIPTS_CLIENT_SECRET}");
        JsonNode web = clients.get("ledger-web");
        assertThat(web.path("publicClient").asBoolean()).as("the web app keeps a secret").isFalse();
        assertThat(web.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(web.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(web.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(web.path("serviceAccountsEnabled").asBoolean()).isFalse();
        assertThat(web.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(web.path("redirectUris").toString()).isEqualTo("[\"${LEDGER_WEB_URL}/login/oauth2/code/ledger\"]");
        assertThat(web.path("attributes").path("post.logout.redirect.uris").asText()).isEqualTo("${LEDGER_WEB_URL}/");
        assertThat(web.path("secret").asText()).as("from the environment").isEqualTo("${LEDGER_WEB_CLIENT_SECRET}");
        for (JsonNode client : clients.values()) {
            assertThat(client.path("defaultClientScopes").toString()).contains("\"ledger\"");
        }
    }

    // ---- the README's Deployment section ----

    record ReadmeRow(String service, String image, List<String> ports, String profile) {
    }

    /** The table of services: | `name` | `image` or build `module/Dockerfile` | ports | `profile` or blank | */
    private static List<ReadmeRow> readmeServices() throws IOException {
        List<ReadmeRow> rows = new ArrayList<>();
        Pattern row = Pattern.compile("^\\| `([a-z-]+)` \\| (build )?`([^`]+)` \\| ([0-9, ]+|—) \\| (?:`([a-z-]+)`)? *\\|");
        for (String line : deploymentSection().split("\n")) {
            Matcher m = row.matcher(line);
            if (m.find()) {
                List<String> ports = m.group(4).equals("—") ? List.of()
                        : List.of(m.group(4).trim().split("\\s*,\\s*"));
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
        if (service.get("ports") == null) {
            return List.of();
        }
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
