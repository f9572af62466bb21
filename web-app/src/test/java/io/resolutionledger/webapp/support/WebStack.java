package io.resolutionledger.webapp.support;

import io.resolutionledger.command.CommandSideApplication;
import io.resolutionledger.query.QuerySideApplication;
import io.resolutionledger.testkit.DevTokens;
import io.resolutionledger.testkit.Keycloak;
import io.resolutionledger.testkit.TestDatabase;
import io.resolutionledger.webapp.WebAppApplication;
import org.junit.jupiter.api.Assumptions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole ledger in one test JVM, as browsers meet it: the command side, the query side and the web app, each a
 * Spring Boot application of its own on a free loopback port, on one embedded PostgreSQL (one database of the
 * testkit's server). Started once per JVM ({@link #shared()}) and reused by every test.
 *
 * <p>Two ways to sign in, chosen at start ({@code ledger.webstack.sign-in} = {@code dev} or {@code keycloak}, default
 * {@code dev}; the build runs a JVM of each, see the pom): the local development login ({@code /dev-login}; the
 * services trust the development key), or a real Keycloak (its Maven Central distribution, the realm file of
 * compose; the services trust only its issuer and the web app signs in with authorization code and PKCE as the
 * confidential client {@code ledger-web}). Keycloak needs a JDK 21+: without one a {@code keycloak} stack falls back
 * to the development login, saying so, and the tests that need Keycloak skip ({@link #assumeKeycloak}).
 * {@link #signIn} signs a person in either way.
 *
 * <p>The services run with the settings of their local profile that tests need (chair recording window, webhooks to
 * loopback), passed as arguments; each application reads its own {@code application.yml} from its own jar (all
 * three are on this class path).
 */
public final class WebStack implements AutoCloseable {

    public static final String SESSION_COOKIE = "LEDGER_SESSION";

    public enum SignIn { DEV, KEYCLOAK }

    private static volatile WebStack shared;

    private final SignIn signIn;
    private final Keycloak keycloak;
    private final List<ConfigurableApplicationContext> contexts;
    private final String commandUrl;
    private final String queryUrl;
    private final String webUrl;
    private final TestDatabase.Database database;
    private final List<String> webArguments;

    private WebStack(SignIn signIn, Keycloak keycloak, List<ConfigurableApplicationContext> contexts,
                     String commandUrl, String queryUrl, String webUrl, TestDatabase.Database database,
                     List<String> webArguments) {
        this.webArguments = List.copyOf(webArguments);
        this.signIn = signIn;
        this.keycloak = keycloak;
        this.contexts = contexts;
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.webUrl = webUrl;
        this.database = database;
    }

    /** The one stack of this JVM, started on first use; its sign-in from {@code ledger.webstack.sign-in}. */
    public static WebStack shared() {
        if (shared == null) {
            synchronized (WebStack.class) {
                if (shared == null) {
                    SignIn mode = "keycloak".equalsIgnoreCase(System.getProperty("ledger.webstack.sign-in",
                            System.getenv().getOrDefault("LEDGER_WEBSTACK_SIGN_IN", "dev"))) ? SignIn.KEYCLOAK
                            : SignIn.DEV;
                    if (mode == SignIn.KEYCLOAK && Keycloak.findJava21().isEmpty()) {
                        System.err.println("WebStack: no JDK 21+ for Keycloak (LEDGER_KEYCLOAK_JAVA_HOME, "
                                + "/usr/lib/jvm/*): this JVM's stack signs in with the development login instead");
                        mode = SignIn.DEV;
                    }
                    WebStack stack = start(mode);
                    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "webstack-stop"));
                    shared = stack;
                }
            }
        }
        return shared;
    }

    /** Skips the calling test, saying why, unless this stack signs in through Keycloak. */
    public void assumeKeycloak() {
        Assumptions.assumeTrue(Keycloak.findJava21().isPresent(), "SKIPPED: Keycloak 26 needs a JDK 21 or newer and "
                + "none was found (LEDGER_KEYCLOAK_JAVA_HOME, the running JVM, /usr/lib/jvm/*): the sign-in through "
                + "the identity provider did not run");
        Assumptions.assumeTrue(signIn == SignIn.KEYCLOAK, "this JVM's stack signs in with the development login "
                + "(ledger.webstack.sign-in=dev): the Keycloak tests run in the other test JVM");
    }

    /** Skips the calling test unless this stack has the development sign-in. */
    public void assumeDevLogin() {
        Assumptions.assumeTrue(signIn == SignIn.DEV, "this JVM's stack signs in through Keycloak: the development "
                + "sign-in's tests run in the other test JVM (ledger.webstack.sign-in=dev)");
    }

    private static final String PASSWORD = "correct-horse-battery-staple";
    private static final java.util.concurrent.atomic.AtomicInteger PEOPLE = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A browser signed in as a person of a delegation ({@code role} {@code delegate}) or with another role
     * ({@code auditor}, {@code admin}; {@code delegation} null), whichever way this stack signs in: the development
     * sign-in, or a new Keycloak user in the delegation's group (or {@code auditors}, {@code administrators}) who
     * signs in through the login form. The name is the person's (first and last name in Keycloak).
     */
    public Browser signIn(String delegation, String role, String name) {
        if (signIn == SignIn.DEV) {
            return signInDev(delegation, role, name);
        }
        String group = switch (role) {
            case "delegate" -> delegation;
            case "auditor" -> "auditors";
            case "admin" -> "administrators";
            default -> throw new IllegalArgumentException("role is delegate, auditor or admin");
        };
        String username = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-"
                + ProcessHandle.current().pid() + "-" + PEOPLE.incrementAndGet();
        String[] names = name.contains(" ") ? name.split(" ", 2) : new String[] {name, ""};
        keycloak.addNamedPerson(username, PASSWORD, names[0], names[1].isEmpty() ? "-" : names[1], group);
        return signInKeycloak(username, PASSWORD);
    }

    public static WebStack start(SignIn signIn) {
        try {
            return doStart(signIn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WebStack doStart(SignIn signIn) throws IOException {
        TestDatabase.Database database = TestDatabase.newDatabase();
        int webPort = freePort();
        String webUrl = "http://127.0.0.1:" + webPort;
        Keycloak keycloak = null;
        List<String> trust;
        if (signIn == SignIn.KEYCLOAK) {
            Path distribution = Keycloak.distribution().orElseThrow(() -> new IllegalStateException(
                    "target/keycloak has no Keycloak distribution: the build's unpack-keycloak step did not run"));
            Path realm = Path.of("target/test-classes/keycloak/ledger-realm.json");
            keycloak = Keycloak.start(distribution, Keycloak.findJava21().orElseThrow(), realm, webUrl);
            // exactly what docker-compose.yml sets: an issuer, its discovered keys, the audience; no public key
            trust = List.of("--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + keycloak.issuer(),
                    "--ledger.security.jwt.audience=ledger");
        } else {
            trust = List.of("--ledger.security.jwt.public-key=classpath:dev-keys/dev-public.pem",
                    "--ledger.security.jwt.issuer=" + DevTokens.ISSUER);
        }
        List<String> common = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--server.shutdown=immediate",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                // the web app's sessions are on this class path too; the services keep none
                "--spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.session.SessionAutoConfiguration"));
        common.addAll(trust);
        List<ConfigurableApplicationContext> contexts = new ArrayList<>();
        try {
            ConfigurableApplicationContext command = new SpringApplicationBuilder(CommandSideApplication.class)
                    .run(concat(common, "--spring.config.location=" + ownConfig(CommandSideApplication.class),
                            "--ledger.chair.recording-window=P100Y", "--ledger.chair.handover-lead-time=P100Y",
                            "--ledger.chair.second-term-allowed=true",
                            "--ledger.webhooks.allowed-hosts=127.0.0.1,localhost"));
            contexts.add(command);
            ConfigurableApplicationContext query = new SpringApplicationBuilder(QuerySideApplication.class)
                    .run(concat(common, "--spring.config.location=" + ownConfig(QuerySideApplication.class),
                            "--spring.web.resources.static-locations=" + ownStatic(QuerySideApplication.class),
                            "--ledger.projections.fetch-delay=25ms",
                            "--ledger.webhooks.allowed-hosts=127.0.0.1,localhost"));
            contexts.add(query);
            String commandUrl = "http://127.0.0.1:" + command.getEnvironment().getProperty("local.server.port");
            String queryUrl = "http://127.0.0.1:" + query.getEnvironment().getProperty("local.server.port");
            List<String> web = new ArrayList<>(List.of(
                    "--server.port=" + webPort,
                    "--server.address=127.0.0.1",
                    "--server.shutdown=immediate",
                    "--spring.main.banner-mode=off",
                    "--spring.datasource.url=" + database.url(),
                    "--spring.datasource.username=" + database.user(),
                    "--spring.datasource.password=" + database.password(),
                    "--spring.config.location=" + ownConfig(WebAppApplication.class),
                    "--spring.web.resources.static-locations=" + ownStatic(WebAppApplication.class),
                    "--spring.autoconfigure.exclude=" + String.join(",", foreignAutoConfigurations(
                            "org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration")),
                    "--ledger.web.command-url=" + commandUrl,
                    "--ledger.web.query-url=" + queryUrl,
                    "--ledger.web.public-url=" + webUrl));
            if (keycloak != null) {
                web.add("--ledger.web.oidc.issuer=" + keycloak.issuer());
                web.add("--ledger.web.oidc.client-secret=" + keycloak.webClientSecret());
            } else {
                web.add("--spring.profiles.active=local");
                web.add("--ledger.web.dev-login.key=" + devKeyLocation());
            }
            contexts.add(new SpringApplicationBuilder(WebAppApplication.class).run(web.toArray(String[]::new)));
            return new WebStack(signIn, keycloak, contexts, commandUrl, queryUrl, webUrl, database, web);
        } catch (RuntimeException e) {
            for (int i = contexts.size() - 1; i >= 0; i--) {
                contexts.get(i).close();
            }
            if (keycloak != null) {
                keycloak.close();
            }
            throw e;
        }
    }

    public SignIn signIn() {
        return signIn;
    }

    public String commandUrl() {
        return commandUrl;
    }

    public String queryUrl() {
        return queryUrl;
    }

    public String webUrl() {
        return webUrl;
    }

    public TestDatabase.Database database() {
        return database;
    }

    public Optional<Keycloak> keycloak() {
        return Optional.ofNullable(keycloak);
    }

    /**
     * Another instance of the web app on the same database (so the same sessions), with the settings of this stack's
     * one and the given overrides ({@code ledger.web.command-url=…}); its address is {@code local.server.port} of its
     * environment. The caller closes it.
     */
    public ConfigurableApplicationContext anotherWebApp(String... overrides) {
        List<String> arguments = new ArrayList<>(webArguments);
        List<String> replaced = new ArrayList<>(List.of(overrides));
        replaced.add("--server.port=0");
        // a repeated option would be joined with its first value, not replace it
        for (String override : replaced) {
            String key = override.substring(0, override.indexOf('=') + 1);
            arguments.removeIf(a -> a.startsWith(key));
        }
        arguments.addAll(replaced);
        return new SpringApplicationBuilder(WebAppApplication.class).run(arguments.toArray(String[]::new));
    }

    /** The web app's Spring context (to look at its beans, e.g. the session repository). */
    public ConfigurableApplicationContext webApp() {
        return contexts.get(2);
    }

    /** A browser that has not signed in. */
    public Browser browser() {
        Browser browser = new Browser(webUrl);
        // the first page load: the session's CSRF cookie
        assertThat(browser.get("/bff/me").status()).isEqualTo(200);
        return browser;
    }

    /** A browser signed in through the development login (DEV stacks only). */
    public Browser signInDev(String delegation, String role, String name) {
        if (signIn != SignIn.DEV) {
            throw new IllegalStateException("this stack signs in through Keycloak: use signInKeycloak");
        }
        Browser browser = browser();
        Browser.Response page = browser.get("/dev-login");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Browser.Response signedIn = browser.postForm("/dev-login", Map.of("delegation",
                delegation == null ? "" : delegation, "role", role, "name", name, "_csrf", csrfField(page.body())));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
        // the page it lands on loads: the CSRF token, renewed at sign-in
        assertThat(browser.get("/bff/me").status()).isEqualTo(200);
        return browser;
    }

    /** Adds a person to Keycloak (KEYCLOAK stacks only), in the given groups: a delegation, auditors, administrators. */
    public void addPerson(String username, String password, String... groups) {
        keycloak().orElseThrow(() -> new IllegalStateException("this stack has no Keycloak")).addPerson(username,
                password, groups);
    }

    /**
     * A browser signed in through Keycloak as the web app's users do: {@code /oauth2/authorization/ledger} redirects
     * to the provider with a PKCE challenge, the login form is sent, the provider redirects back with the code, the
     * web app exchanges it and redirects to {@code /}.
     */
    public Browser signInKeycloak(String username, String password) {
        Browser browser = browser();
        SignInSteps steps = signInKeycloak(browser, username, password);
        assertThat(steps.landed().status()).as(steps.landed().body()).isEqualTo(302);
        assertThat(browser.get("/bff/me").status()).isEqualTo(200);
        return browser;
    }

    /** What a Keycloak sign-in went through, for tests that look at each step. */
    public record SignInSteps(Browser.Response start, String authorizationUrl, String callbackUrl,
                              Browser.Response landed) {
    }

    public SignInSteps signInKeycloak(Browser browser, String username, String password) {
        Keycloak idp = keycloak().orElseThrow(() -> new IllegalStateException("this stack has no Keycloak"));
        Browser.Response start = browser.get("/oauth2/authorization/ledger");
        assertThat(start.status()).as(start.body()).isEqualTo(302);
        String authorization = start.header("Location");
        String callback = idp.submitLogin(authorization, username, password);
        assertThat(callback).startsWith(webUrl + "/login/oauth2/code/ledger?");
        Browser.Response landed = browser.get(callback);
        return new SignInSteps(start, authorization, callback, landed);
    }

    /** The masked CSRF token of a server-rendered form. */
    public static String csrfField(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("the form carries a CSRF field: " + html).isTrue();
        return m.group(1);
    }

    @Override
    public void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            try {
                contexts.get(i).close();
            } catch (RuntimeException ignored) {
                // closing the rest matters more
            }
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    // ---- helpers ----

    /** The application.yml in the application's own jar (or classes folder), not the first on the class path. */
    /**
     * The pages in the application's own jar (or classes folder): both the dashboard and the web app have a
     * {@code static/index.html}, and on this shared class path the first would otherwise serve both.
     */
    static String ownStatic(Class<?> application) {
        String location = application.getProtectionDomain().getCodeSource().getLocation().toString();
        return location.endsWith(".jar") ? "jar:" + location + "!/static/" : location + "static/";
    }

    static String ownConfig(Class<?> application) {
        String location = application.getProtectionDomain().getCodeSource().getLocation().toString();
        return location.endsWith(".jar") ? "jar:" + location + "!/application.yml" : location + "application.yml";
    }

    /**
     * Auto-configurations of the other applications' libraries (Axon, springdoc), which would otherwise start in an
     * application that does not use them, because all three share this class path; plus the named ones.
     */
    public static List<String> foreignAutoConfigurations(String... more) throws IOException {
        Set<String> out = new LinkedHashSet<>(List.of(more));
        Enumeration<URL> files = WebStack.class.getClassLoader().getResources(
                "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
        while (files.hasMoreElements()) {
            URL file = files.nextElement();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(file.openStream(),
                    StandardCharsets.UTF_8))) {
                in.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .filter(l -> l.startsWith("org.axonframework.") || l.startsWith("org.springdoc."))
                        .forEach(out::add);
            }
        }
        return new ArrayList<>(out);
    }

    private static String devKeyLocation() {
        Path key = Path.of("..", "dev-keys", "dev-private.pem").toAbsolutePath().normalize();
        assertThat(key).as("the development key of dev-keys/").exists();
        return "file:" + key;
    }

    private static String[] concat(List<String> common, String... more) {
        return Stream.concat(common.stream(), Stream.of(more)).toArray(String[]::new);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
