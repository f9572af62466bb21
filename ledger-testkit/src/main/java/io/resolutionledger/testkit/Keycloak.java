package io.resolutionledger.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Keycloak for tests: the Maven Central distribution (unpacked by the build into {@code target/keycloak}),
 * started on loopback in development mode (its own H2 file store, wiped before each start) with the very realm file
 * that docker-compose.yml imports ({@code deploy/keycloak/ledger-realm.json}). Keycloak 26 needs Java 21+:
 * {@link #findJava21()} looks for one ({@code LEDGER_KEYCLOAK_JAVA_HOME}, the running JVM, {@code /usr/lib/jvm/*}).
 *
 * <p>Tokens come from real OAuth flows: authorization code with PKCE through the login form for the public client
 * {@code ledger-dashboard}, client credentials for the confidential {@code ledger-scripts}. People and roles are
 * set up through Keycloak's admin REST API, as an operator would in the admin console.
 */
public final class Keycloak implements AutoCloseable {

    public static final String REALM = "ledger";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Process process;
    private final Path log;
    private final String base;
    private final String adminPassword;
    private final String scriptsSecret;
    private final String dashboardUrl;
    private final String webClientSecret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private Keycloak(Process process, Path log, String base, String adminPassword, String scriptsSecret,
                     String dashboardUrl, String webClientSecret) {
        this.process = process;
        this.log = log;
        this.base = base;
        this.adminPassword = adminPassword;
        this.scriptsSecret = scriptsSecret;
        this.dashboardUrl = dashboardUrl;
        this.webClientSecret = webClientSecret;
    }

    /** A JDK 21 or newer to run Keycloak with, if this machine has one. */
    public static Optional<Path> findJava21() {
        Stream.Builder<Path> candidates = Stream.builder();
        String configured = System.getenv("LEDGER_KEYCLOAK_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        if (Runtime.version().feature() >= 21) {
            candidates.add(Path.of(System.getProperty("java.home")));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                dirs.sorted(Comparator.reverseOrder()).forEach(candidates::add);
            } catch (IOException ignored) {
                // no list, no candidates from there
            }
        }
        return candidates.build().filter(home -> Files.isExecutable(home.resolve("bin/java")))
                .filter(home -> featureVersion(home) >= 21).findFirst();
    }

    private static int featureVersion(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // not a JDK we can tell
        }
        return 0;
    }

    /** The unpacked distribution under target/keycloak, or empty when the build did not unpack one. */
    public static Optional<Path> distribution() {
        Path dir = Path.of("target", "keycloak");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> dists = Files.list(dir)) {
            return dists.filter(d -> Files.isExecutable(d.resolve("bin/kc.sh"))).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static Keycloak start(Path distribution, Path javaHome, Path realmFile) throws IOException {
        return start(distribution, javaHome, realmFile, "http://127.0.0.1:" + freePort());
    }

    /**
     * Starts Keycloak with the realm's web-app client {@code ledger-web} redirecting to {@code webUrl} (its
     * {@code LEDGER_WEB_URL}); its secret is {@link #webClientSecret()}.
     */
    public static Keycloak start(Path distribution, Path javaHome, Path realmFile, String webUrl) throws IOException {
        Path data = distribution.resolve("data");
        deleteTree(data.resolve("h2"));
        deleteTree(data.resolve("import"));
        Files.createDirectories(data.resolve("import"));
        Files.copy(realmFile, data.resolve("import/ledger-realm.json"));
        int port = freePort();
        int managementPort = freePort();
        String adminPassword = secret();
        String scriptsSecret = secret();
        String webClientSecret = secret();
        String dashboardUrl = "http://127.0.0.1:" + freePort();
        Path log = distribution.getParent().resolve("keycloak.log");
        ProcessBuilder builder = new ProcessBuilder(distribution.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + managementPort,
                "--health-enabled=true", "--import-realm", "--cache=local")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", javaHome.toString());
        env.put("PATH", javaHome.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        // the realm file's placeholders, as docker-compose.yml passes them
        env.put("LEDGER_SCRIPTS_CLIENT_SECRET", scriptsSecret);
        env.put("LEDGER_DASHBOARD_URL", dashboardUrl);
        env.put("LEDGER_WEB_URL", webUrl);
        env.put("LEDGER_WEB_CLIENT_SECRET", webClientSecret);
        Keycloak keycloak = new Keycloak(builder.start(), log, "http://127.0.0.1:" + port, adminPassword,
                scriptsSecret, dashboardUrl, webClientSecret);
        Runtime.getRuntime().addShutdownHook(new Thread(keycloak::close));
        keycloak.awaitReady(managementPort, Duration.ofMinutes(10));
        return keycloak;
    }

    private void awaitReady(int managementPort, Duration timeout) {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            Awaitility.await("Keycloak ready").atMost(timeout).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Keycloak stopped (exit " + process.exitValue() + "):\n"
                                    + logTail());
                        }
                        return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("Keycloak not ready: " + e.getMessage() + "\n" + logTail(), e);
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The secret of the web app's confidential client {@code ledger-web}. */
    public String webClientSecret() {
        return webClientSecret;
    }

    /**
     * A person's part of a browser sign-in that a client (the web app) started: the authorization address it
     * redirected to, the login form filled in and sent; answers where Keycloak sends the browser back (the client's
     * redirect address with {@code code} and {@code state}).
     */
    public String submitLogin(String authorizationUrl, String username, String password) {
        Map<String, String> jar = new LinkedHashMap<>();
        HttpResponse<String> page = browse(jar, HttpRequest.newBuilder(URI.create(authorizationUrl)).GET());
        Matcher action = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").matcher(page.body());
        if (page.statusCode() != 200 || !action.find()) {
            throw new IllegalStateException("no login form (" + page.statusCode() + "): " + page.body());
        }
        HttpResponse<String> login = browse(jar, HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
                        "credentialId", "")))));
        return login.headers().firstValue("Location").orElseThrow(() ->
                new IllegalStateException("login not redirected (" + login.statusCode() + "): " + login.body()));
    }

    /** The realm's OIDC issuer, as the tokens name it. */
    public String issuer() {
        return base + "/realms/" + REALM;
    }

    // ---- OAuth flows ----

    /**
     * Logs a person in through the browser flow of the public client {@code ledger-dashboard}: authorization request
     * with a PKCE challenge, the login form, the redirect with the code, the code exchanged with the verifier.
     */
    public String loginThroughDashboard(String username, String password) {
        // Keycloak marks its login cookies Secure, which java.net.CookieManager never sends over http: a small jar
        Map<String, String> jar = new LinkedHashMap<>();
        String verifier = secret() + secret();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
        String state = UUID.randomUUID().toString();
        String redirect = dashboardUrl + "/callback";
        String authorize = issuer() + "/protocol/openid-connect/auth?" + form(Map.of("client_id", "ledger-dashboard",
                "response_type", "code", "scope", "openid", "redirect_uri", redirect, "state", state,
                "code_challenge", challenge, "code_challenge_method", "S256"));
        HttpResponse<String> page = browse(jar, HttpRequest.newBuilder(URI.create(authorize)).GET());
        Matcher action = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").matcher(page.body());
        if (page.statusCode() != 200 || !action.find()) {
            throw new IllegalStateException("no login form (" + page.statusCode() + "): " + page.body());
        }
        String loginUrl = action.group(1).replace("&amp;", "&");
        HttpResponse<String> login = browse(jar, HttpRequest.newBuilder(URI.create(loginUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
                        "credentialId", "")))));
        String location = login.headers().firstValue("Location").orElseThrow(() ->
                new IllegalStateException("login not redirected (" + login.statusCode() + "): " + login.body()));
        Map<String, String> query = parseQuery(URI.create(location).getRawQuery());
        if (!location.startsWith(redirect) || !state.equals(query.get("state")) || query.get("code") == null) {
            throw new IllegalStateException("unexpected redirect: " + location);
        }
        JsonNode tokens = json(send(http, HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                        "client_id", "ledger-dashboard", "code", query.get("code"), "redirect_uri", redirect,
                        "code_verifier", verifier)))).build()));
        return tokens.path("access_token").asText();
    }

    private HttpResponse<String> browse(Map<String, String> jar, HttpRequest.Builder request) {
        if (!jar.isEmpty()) {
            request.header("Cookie", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = send(http, request.timeout(Duration.ofSeconds(30)).build());
        for (String cookie : response.headers().allValues("Set-Cookie")) {
            String pair = cookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (value.isEmpty() || cookie.toLowerCase().contains("max-age=0")) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
        return response;
    }

    /** A token of the confidential client {@code ledger-scripts} (client credentials), with the wrong secret too. */
    public HttpResponse<String> clientCredentials(boolean rightSecret) {
        String credentials = Base64.getEncoder().encodeToString(("ledger-scripts:" + (rightSecret ? scriptsSecret
                : "wrong")).getBytes(StandardCharsets.UTF_8));
        return send(http, HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
    }

    public String scriptsToken() {
        HttpResponse<String> response = clientCredentials(true);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("client credentials refused: " + response.body());
        }
        return json(response).path("access_token").asText();
    }

    /** A token of the master realm's admin: another issuer, another audience. */
    public String masterAdminToken() {
        return json(send(http, HttpRequest.newBuilder(URI.create(base
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password", "client_id",
                        "admin-cli", "username", "admin", "password", adminPassword)))).build()))
                .path("access_token").asText();
    }

    // ---- what an operator does in the admin console ----

    /** Adds a person (with a password that needs no change) to the given groups of the realm. */
    public void addPerson(String username, String password, String... groups) {
        addNamedPerson(username, password, "Test", username, groups);
    }

    /** Adds a person with a name (the ID token's {@code name}: first and last name) to groups of the realm. */
    public void addNamedPerson(String username, String password, String firstName, String lastName,
                               String... groups) {
        String admin = masterAdminToken();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("enabled", true);
        user.put("email", username + "@example.org");
        user.put("emailVerified", true);
        user.put("firstName", firstName);
        user.put("lastName", lastName);
        user.put("credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        HttpResponse<String> created = send(http, adminRequest(admin, "/users")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(user))).build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("user not created: " + created.statusCode() + " " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        String userId = location.substring(location.lastIndexOf('/') + 1);
        for (String group : groups) {
            String groupId = null;
            for (JsonNode g : json(send(http, adminRequest(admin, "/groups?exact=true&search="
                    + URLEncoder.encode(group, StandardCharsets.UTF_8)).GET().build()))) {
                if (g.path("name").asText().equals(group)) {
                    groupId = g.path("id").asText();
                }
            }
            if (groupId == null) {
                throw new IllegalStateException("the realm has no group " + group);
            }
            HttpResponse<String> joined = send(http, adminRequest(admin, "/users/" + userId + "/groups/" + groupId)
                    .PUT(HttpRequest.BodyPublishers.noBody()).build());
            if (joined.statusCode() != 204) {
                throw new IllegalStateException("not joined " + group + ": " + joined.body());
            }
        }
    }

    /** Ends every session of a person at the provider (Users → Sessions → Sign out): its refresh tokens die. */
    public void signOutEverywhere(String username) {
        String admin = masterAdminToken();
        String userId = json(send(http, adminRequest(admin, "/users?exact=true&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8)).GET().build())).get(0).path("id").asText();
        HttpResponse<String> out = send(http, adminRequest(admin, "/users/" + userId + "/logout")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        if (out.statusCode() != 204) {
            throw new IllegalStateException("sessions not ended: " + out.statusCode() + " " + out.body());
        }
    }

    /** Gives the service account of {@code ledger-scripts} a realm role (Clients → Service account roles). */
    public void grantScriptsRole(String role) {
        String admin = masterAdminToken();
        String clientId = json(send(http, adminRequest(admin, "/clients?clientId=ledger-scripts").GET().build()))
                .get(0).path("id").asText();
        String userId = json(send(http, adminRequest(admin, "/clients/" + clientId + "/service-account-user")
                .GET().build())).path("id").asText();
        JsonNode roleRep = json(send(http, adminRequest(admin, "/roles/" + role).GET().build()));
        HttpResponse<String> granted = send(http, adminRequest(admin, "/users/" + userId + "/role-mappings/realm")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + roleRep + "]")).build());
        if (granted.statusCode() != 204) {
            throw new IllegalStateException("role not granted: " + granted.body());
        }
    }

    private HttpRequest.Builder adminRequest(String token, String path) {
        return HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + REALM + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20));
    }

    // ---- helpers ----

    /** The claims of a JWT, unverified (the services verify; the test only looks). */
    public static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
