package io.resolutionledger.query.support;

import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.time.LocalDate;
import io.resolutionledger.testkit.TestDatabase;
import io.resolutionledger.query.QuerySideApplication;
import io.resolutionledger.query.config.Projections;
import io.resolutionledger.query.config.ReadModelGenerations;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * The one Spring context of the query side's tests, on its own database of the shared embedded PostgreSQL. The
 * command side owns the event store's schema; since these tests run without it, they migrate that schema first
 * (its scripts come with the command-side jar on the test classpath), then the query side's own Flyway runs.
 * Tests share the database: each uses its own ids and compares what it added, never absolute counts.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "ledger.security.jwt.public-key=classpath:dev-keys/dev-public.pem",
                "ledger.security.jwt.issuer=resolution-ledger-dev",
                // the dev key is trusted only on loopback
                "server.address=127.0.0.1",
                // every test client is 127.0.0.1 and stream tests leave streams to the heartbeat to close:
                // StreamConnectionLimitTest sets the limits it tests itself
                "ledger.stream.limits.per-address=1000",
                "ledger.projections.poll-interval=1s",
                "ledger.projections.token-claim-interval=500ms",
                "ledger.stream.heartbeat=2s",
                "server.shutdown=immediate",
                // tests call the audit endpoints far more often than a person would; RateLimitTest lowers it per test
                "ledger.rate-limit.audit.per-minute=600000",
                "ledger.rate-limit.audit.burst=100000",
                // every test client is 127.0.0.1: AccessLogLimitsTest lowers the anonymous budget itself
                "ledger.access-log.anonymous-per-minute=600000",
                "ledger.access-log.anonymous-burst=100000",
                "axon.axonserver.enabled=false",
                // the log: the production gap grace (a rolled-back number is given up once its transaction ended), short polls,
                // checkpoints only when a test asks for one
                "ledger.log.gap-grace=60s",
                "ledger.log.poll-interval=50ms",
                "ledger.log.checkpoint-interval=1h",
                "ledger.log.origin=ledger.test/dmk"
        })
public abstract class QuerySideTest {

    protected static final TestDatabase.Database DATABASE = writeSchemaDatabase();

    @LocalServerPort
    protected int port;
    @Autowired
    protected EventStorageEngine storageEngine;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected EventProcessingConfiguration processing;
    @Autowired
    protected ReadModelGenerations generations;
    @Autowired
    protected PlatformTransactionManager transactions;
    @Autowired
    private org.axonframework.eventhandling.tokenstore.TokenStore tokens;

    /** The log's signing key: a file of its own, outside the database, as in production. */
    protected static final java.nio.file.Path SIGNING_KEY = signingKey();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add("ledger.log.signing-key", SIGNING_KEY::toString);
        // webhooks to loopback receivers, signed with the tests' key, retried quickly
        registry.add("ledger.webhooks.allowed-hosts", () -> "127.0.0.1,localhost");
        registry.add("ledger.webhooks.secret-key", () -> WEBHOOK_KEY);
        registry.add("ledger.webhooks.poll-interval", () -> "100ms");
        registry.add("ledger.webhooks.backoff", () -> "300ms");
        registry.add("ledger.webhooks.max-attempts", () -> "4");
    }

    /** The webhook key of the tests (base64), from which each subscription's secret is derived. */
    public static final String WEBHOOK_KEY = "dGhlIHRlc3RzJyB3ZWJob29rIGtleQ==";

    private static java.nio.file.Path signingKey() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "test-keys"));
            java.nio.file.Path file = java.nio.file.Files.createTempFile(dir, "log-signing-key", ".pem");
            java.nio.file.Files.writeString(file,
                    io.resolutionledger.api.proof.NoteKeys.SignerKey.generate("ledger.test/dmk").pem());
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits until every event in the store is a leaf of the log; answers the log's size. */
    protected long awaitLogged() {
        long events = jdbc.queryForObject("SELECT count(*) FROM ledger_write.domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM ledger_read.log_leaf", Long.class) >= events);
        return jdbc.queryForObject("SELECT count(*) FROM ledger_read.log_leaf", Long.class);
    }

    protected Http http() {
        return new Http("http://localhost:" + port);
    }

    /** The processors that serve readers now: the live generation's of read-models, and audit. */
    protected java.util.List<String> liveProcessors() {
        return java.util.List.of(generations.refresh().active().processor(), Projections.AUDIT);
    }

    /**
     * Waits until every projection has handled every event in the store. Alone on the database (the usual case) this
     * instance must also hold every segment: for a few seconds after a test's second instance has gone, this one
     * still holds only its former share (it learns of the departure at its next heartbeat), and the other segments'
     * events wait for it to claim them.
     */
    protected void awaitProjectionsCaughtUp() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM ledger_write.domain_event_entry",
                Long.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            boolean alone = jdbc.queryForObject("SELECT count(*) FROM ledger_read.query_instance "
                    + "WHERE seen_at > now() - interval '15 seconds'", Long.class) <= 1;
            return liveProcessors().stream().allMatch(name -> {
                var status = processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow()
                        .processingStatus();
                if (alone && status.size() < tokens.fetchSegments(name).length) {
                    return false;
                }
                // a rebuilt processor stays "replaying" until an event beyond its reset position: positions tell more
                return !status.isEmpty() && status.values().stream()
                        .allMatch(s -> !s.isErrorState() && s.getCurrentPosition().orElse(-1) >= head);
            });
        });
    }

    /**
     * Before every test, waits until no rebuild is running: one rebuild of a group at a time, so a test that starts
     * one must not meet the end of an earlier test's (which another instance may have started just before it was
     * closed), and a test that reads must not meet the switch of one.
     */
    @org.junit.jupiter.api.BeforeEach
    protected void awaitNoRebuildRunning() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM ledger_read.rebuild WHERE state = 'REBUILDING'", Long.class) == 0);
    }

    protected LedgerEvents ledger() {
        return new LedgerEvents(storageEngine, jdbc);
    }

    /** Appends one session in a transaction that stays open until {@code release}; answers when it has ended. */
    protected CompletableFuture<Void> heldAppend(String session, CountDownLatch appended, CountDownLatch release,
                                                 boolean rollBack) {
        return CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            ledger().schedule(session, 3, LocalDate.parse("2025-03-20"), "Hamburg", "DE-RP").append();
            appended.countDown();
            try {
                org.assertj.core.api.Assertions.assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (rollBack) {
                status.setRollbackOnly();
            }
        }));
    }

    private static TestDatabase.Database writeSchemaDatabase() {
        TestDatabase.Database database = TestDatabase.newDatabase();
        Flyway.configure()
                .dataSource(database.url(), database.user(), database.password())
                .schemas("ledger_write")
                .defaultSchema("ledger_write")
                .createSchemas(true)
                .locations("classpath:db/write")
                .table("flyway_history_write")
                .load()
                .migrate();
        return database;
    }
}
