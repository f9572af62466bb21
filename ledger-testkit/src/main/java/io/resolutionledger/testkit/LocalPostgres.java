package io.resolutionledger.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * The PostgreSQL of {@code ./ledger up}: the same embedded binaries as the tests, but with its data kept in a folder
 * of the project (so a second start finds the first one's ledger) and with durable commits
 * ({@code synchronous_commit=on}, {@code fsync=on}; the embedded builder turns them off by default). Runs until
 * it is sent SIGTERM/SIGINT, then stops PostgreSQL cleanly.
 *
 * <p>Arguments: data directory, port, and optionally the least-privilege roles script
 * ({@code deploy/db/ledger-roles.psql}): run once, when the {@code ledger} database is created, with the passwords
 * of {@code LEDGER_DB_OWNER_PASSWORD}, {@code LEDGER_DB_COMMAND_PASSWORD} and {@code LEDGER_DB_QUERY_PASSWORD}, so
 * that the services connect as {@code ledger_command} and {@code ledger_query} and migrate as {@code ledger_owner},
 * as in production. A data folder of an earlier start without roles keeps running as before. Started by {@code ./ledger up}, the benchmark and the fault suite from this
 * module's jar and its runtime classpath ({@code ledger-testkit/target/local-postgres.classpath}, written by
 * {@code scripts/local-postgres-classpath}): a runtime module, not a service's test classes.
 * <p>The system property {@code ledger.postgres.preload} sets {@code shared_preload_libraries} (the benchmark's
 * {@code --pg-statements} loads {@code pg_stat_statements} with it).
 */
public final class LocalPostgres {

    private LocalPostgres() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : ".data/postgres").toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 54329;
        Files.createDirectories(data);
        Path work = data.resolveSibling("postgres-work");
        Files.createDirectories(work);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(work.toFile())
                .setPort(port)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200");
        // e.g. pg_stat_statements for the benchmark's view of where PostgreSQL's time goes (-Dledger.postgres.preload)
        String preload = System.getProperty("ledger.postgres.preload", "");
        if (!preload.isBlank()) {
            builder.setServerConfig("shared_preload_libraries", preload);
        }
        EmbeddedPostgres pg = builder.start();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
             Statement st = c.createStatement()) {
            boolean created = false;
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'ledger'")) {
                if (!rs.next()) {
                    st.execute("CREATE DATABASE ledger");
                    created = true;
                }
            }
            if (args.length > 2) {
                if (created) {
                    try (Connection ledger = DriverManager.getConnection("jdbc:postgresql://localhost:" + port
                            + "/ledger", "postgres", "")) {
                        DatabaseRoles.apply(ledger, Path.of(args[2]), System.getenv("LEDGER_DB_OWNER_PASSWORD"),
                                System.getenv("LEDGER_DB_COMMAND_PASSWORD"), System.getenv("LEDGER_DB_QUERY_PASSWORD"),
                                System.getenv("LEDGER_DB_WEB_PASSWORD"));
                    }
                    System.out.println("least-privilege roles set up from " + args[2]);
                }
                try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = 'ledger_command'")) {
                    System.out.println(rs.next() ? "roles: ledger_owner, ledger_command, ledger_query"
                            : "roles: none (the data folder predates them): the services connect as postgres");
                }
                try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = 'ledger_web'")) {
                    System.out.println(rs.next() ? "roles: ledger_web"
                            : "roles: no ledger_web (the data folder predates it): the web app connects as postgres");
                }
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception e) {
                System.err.println("stopping PostgreSQL: " + e.getMessage());
            }
            stopped.countDown();
        }));
        System.out.println("PostgreSQL ready on port " + port + ", data in " + data);
        stopped.await();
    }
}
