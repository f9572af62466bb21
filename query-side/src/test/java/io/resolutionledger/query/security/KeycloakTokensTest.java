package io.resolutionledger.query.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.command.CommandSideApplication;
import io.resolutionledger.testkit.TestDatabase;
import io.resolutionledger.query.QuerySideApplication;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.testkit.Keycloak;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The production JWT path end to end, against a real identity provider: Keycloak (its Maven Central distribution)
 * on loopback with the realm file docker-compose.yml imports, and both services configured as in compose — they
 * trust the realm's issuer only, discover its JWK set from the issuer's OpenID configuration, and require the
 * audience {@code ledger}. Tokens come from real OAuth flows (authorization code with PKCE through the login form,
 * client credentials), never minted by the test.
 *
 * <p>Keycloak 26 needs Java 21+: where no such JDK is installed the test is skipped, saying so (never passed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakTokensTest {

    private static final String PASSWORD = "correct-horse-battery-staple";

    private Keycloak keycloak;
    private ConfigurableApplicationContext commandSide;
    private ConfigurableApplicationContext querySide;
    private Http commands;
    private Http queries;
    private String chairToken;
    private String memberToken;

    @BeforeAll
    void startKeycloakAndBothServices() throws Exception {
        Optional<Path> java21 = Keycloak.findJava21();
        Assumptions.assumeTrue(java21.isPresent(), "SKIPPED: Keycloak 26 needs a JDK 21 or newer and none was found "
                + "(LEDGER_KEYCLOAK_JAVA_HOME, the running JVM, /usr/lib/jvm/*): the IdP test did not run");
        Path distribution = Keycloak.distribution().orElseThrow(() -> new IllegalStateException(
                "target/keycloak has no Keycloak distribution: the build's unpack-keycloak step did not run"));
        Path realm = Path.of("target/test-classes/keycloak/ledger-realm.json");
        assertThat(realm).as("the realm file of deploy/keycloak, copied by the build").exists();
        assertThat(Files.readString(realm)).isEqualTo(Files.readString(Path.of("../deploy/keycloak/ledger-realm.json")));
        keycloak = Keycloak.start(distribution, java21.get(), realm);

        TestDatabase.Database database = TestDatabase.newDatabase();
        String commandConfig = "jar:" + CommandSideApplication.class.getProtectionDomain().getCodeSource()
                .getLocation() + "!/application.yml";
        if (!commandConfig.contains(".jar")) {
            commandConfig = CommandSideApplication.class.getProtectionDomain().getCodeSource().getLocation()
                    + "application.yml";
        }
        // exactly what docker-compose.yml sets: an issuer, its discovered keys, the audience; no public key
        List<String> common = List.of(
                "--server.port=0",
                "--server.shutdown=immediate",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + keycloak.issuer(),
                "--ledger.security.jwt.audience=ledger");
        commandSide = new SpringApplicationBuilder(CommandSideApplication.class).run(concat(common,
                "--spring.config.location=" + commandConfig, "--ledger.chair.recording-window=P100Y"));
        querySide = new SpringApplicationBuilder(QuerySideApplication.class).run(concat(common,
                "--ledger.projections.fetch-delay=25ms"));
        commands = new Http("http://localhost:" + commandSide.getEnvironment().getProperty("local.server.port"));
        queries = new Http("http://localhost:" + querySide.getEnvironment().getProperty("local.server.port"));

        String run = UUID.randomUUID().toString().substring(0, 8);
        keycloak.addPerson("admin-" + run, PASSWORD, "administrators");
        keycloak.addPerson("chair-" + run, PASSWORD, "DE-BY");
        keycloak.addPerson("member-" + run, PASSWORD, "DE-NW");
        keycloak.addPerson("nobody-" + run, PASSWORD);
        String adminToken = keycloak.loginThroughDashboard("admin-" + run, PASSWORD);
        chairToken = keycloak.loginThroughDashboard("chair-" + run, PASSWORD);
        memberToken = keycloak.loginThroughDashboard("member-" + run, PASSWORD);
        // the very first chair (an admin's act), so that the delegates below can do real business
        Http.Response first = post(commands, "/api/chair/handovers", adminToken,
                "{\"year\":2024,\"to\":[\"DE-BY\"],\"effectiveFrom\":\"2024-01-01\"}");
        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
        nobodyToken = keycloak.loginThroughDashboard("nobody-" + run, PASSWORD);
    }

    private String nobodyToken;

    @AfterAll
    void stop() {
        if (querySide != null) {
            querySide.close();
        }
        if (commandSide != null) {
            commandSide.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void the_realm_puts_subject_audience_roles_and_delegation_into_the_token() {
        JsonNode claims = Keycloak.claims(chairToken);
        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.issuer());
        assertThat(claims.path("sub").asText()).isNotBlank();
        assertThat(claims.path("aud").toString()).contains("\"ledger\"");
        assertThat(claims.path("roles").toString()).contains("\"delegate\"");
        assertThat(claims.path("delegation").asText()).isEqualTo("DE-BY");
        assertThat(claims.path("exp").asLong()).isGreaterThan(claims.path("iat").asLong());
        assertThat(Keycloak.claims(memberToken).path("delegation").asText()).isEqualTo("DE-NW");
    }

    @Test
    void a_delegate_logged_in_through_the_dashboard_client_acts_on_the_command_side_and_reads_on_the_query_side() {
        String session = "kc-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Response scheduled = post(commands, "/api/sessions", chairToken, "{\"sessionId\":\"" + session
                + "\",\"number\":1,\"kind\":\"REGULAR\",\"date\":\"2024-05-15\",\"place\":\"München\"}");
        assertThat(scheduled.status()).as(scheduled.body().toString()).isEqualTo(201);
        Http.Response proposed = post(commands, "/api/resolutions", memberToken, "{\"sessionId\":\"" + session
                + "\",\"title\":\"Offene Daten\",\"text\":\"Die Länder ...\",\"topics\":[\"open-data\"],"
                + "\"coSponsors\":[]}");
        assertThat(proposed.status()).as(proposed.body().toString()).isEqualTo(201);
        String id = proposed.body().path("resolutionId").asText();

        // the query side trusts the same realm: the member reads the unpublished proposal, an anonymous reader not
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(queries.get("/api/resolutions/" + id, memberToken).status()).isEqualTo(200));
        assertThat(queries.get("/api/resolutions/" + id, memberToken).body().path("sponsor").asText())
                .isEqualTo("DE-NW");
        assertThat(queries.get("/api/resolutions/" + id).status()).isEqualTo(404);
    }

    @Test
    void a_script_with_client_credentials_is_what_its_service_account_was_granted() {
        assertThat(keycloak.clientCredentials(false).statusCode()).as("a wrong client secret").isEqualTo(401);
        keycloak.grantScriptsRole("auditor");
        String script = keycloak.scriptsToken();
        assertThat(Keycloak.claims(script).path("aud").toString()).contains("\"ledger\"");
        assertThat(queries.get("/api/audit/verify", script).status()).isEqualTo(200);
        // an auditor changes nothing
        Http.Response refused = post(commands, "/api/resolutions", script, "{\"sessionId\":\"s\",\"title\":\"t\","
                + "\"text\":\"x\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void a_person_of_no_group_has_no_rights_and_tokens_of_another_realm_are_not_trusted() {
        Http.Response noRole = post(commands, "/api/resolutions", nobodyToken, "{\"sessionId\":\"s\",\"title\":\"t\","
                + "\"text\":\"x\"}");
        assertThat(noRole.status()).isEqualTo(403);
        assertThat(queries.get("/api/audit/verify", nobodyToken).status()).isEqualTo(403);

        // Keycloak's own master realm: a real token of the same server, but another issuer and audience
        String foreign = keycloak.masterAdminToken();
        Http.Response command = post(commands, "/api/resolutions", foreign, "{\"sessionId\":\"s\",\"title\":\"t\","
                + "\"text\":\"x\"}");
        assertThat(command.status()).isEqualTo(401);
        assertThat(command.body().path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(queries.get("/api/resolutions", foreign).status()).isEqualTo(401);
    }

    private static Http.Response post(Http http, String path, String token, String json) {
        return http.send(HttpRequest.newBuilder(URI.create(http.base() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static String[] concat(List<String> common, String... more) {
        return java.util.stream.Stream.concat(common.stream(), java.util.Arrays.stream(more)).toArray(String[]::new);
    }
}
