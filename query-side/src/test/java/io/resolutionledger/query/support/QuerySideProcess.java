package io.resolutionledger.query.support;

import io.resolutionledger.query.QuerySideApplication;
import io.resolutionledger.testkit.TestDatabase;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another query side in a JVM of its own, on the tests' database: for what only a real process shows, such as a
 * crash ({@link #kill()} is SIGKILL: no shutdown hook, no rollback by the application, connections cut by the kernel).
 * It runs the classes of this build (the test class path), with the settings the tests' own context uses; its log is
 * {@code target/query-side-process-NAME.log}.
 */
public final class QuerySideProcess {

    private final Process process;
    private final String applicationName;

    private QuerySideProcess(Process process, String applicationName) {
        this.process = process;
        this.applicationName = applicationName;
    }

    /** Starts one and waits until it answers its health check (at most two minutes). */
    public static QuerySideProcess start(TestDatabase.Database database, Path signingKey, String webhookKey,
                                         String name) throws IOException {
        int port = freePort();
        String applicationName = "query-side-process-" + name + "-" + ProcessHandle.current().pid();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String url = database.url() + (database.url().contains("?") ? "&" : "?")
                + "ApplicationName=" + applicationName;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classPath, QuerySideApplication.class.getName(),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--ledger.security.jwt.public-key=classpath:dev-keys/dev-public.pem",
                "--ledger.security.jwt.issuer=resolution-ledger-dev",
                "--axon.axonserver.enabled=false",
                "--ledger.log.signing-key=" + signingKey,
                "--ledger.log.origin=ledger.test/dmk",
                "--ledger.log.gap-grace=60s",
                "--ledger.log.checkpoint-interval=1h",
                "--ledger.projections.poll-interval=1s",
                "--ledger.projections.token-claim-interval=500ms",
                "--ledger.webhooks.allowed-hosts=127.0.0.1,localhost",
                "--ledger.webhooks.secret-key=" + webhookKey,
                "--ledger.webhooks.poll-interval=100ms",
                "--ledger.webhooks.backoff=300ms",
                "--ledger.webhooks.max-attempts=4"));
        Path log = Files.createDirectories(Path.of("target")).resolve("query-side-process-" + name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        QuerySideProcess started = new QuerySideProcess(process, applicationName);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        try {
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the query side process ended; see " + log);
                        }
                        return http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        } catch (RuntimeException notUp) {
            started.kill();
            throw new IllegalStateException("the query side process did not come up; see " + log, notUp);
        }
        return started;
    }

    /** The {@code application_name} of its database connections (to see in {@code pg_stat_activity}). */
    public String applicationName() {
        return applicationName;
    }

    /**
     * SIGTERM, a graceful stop: its processors release the segments they claimed, so that the tests' own query side
     * takes them back at once rather than after the claim timeout (SIGKILL if it has not ended within a minute).
     */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** SIGKILL, and waits until it is gone. */
    public void kill() {
        if (!process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the query side process did not end after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
