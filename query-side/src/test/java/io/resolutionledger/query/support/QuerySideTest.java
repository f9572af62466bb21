package io.resolutionledger.query.support;

import io.resolutionledger.command.support.TestDatabase;
import io.resolutionledger.query.QuerySideApplication;
import io.resolutionledger.query.config.Projections;
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
                "ledger.projections.poll-interval=1s",
                "ledger.projections.token-claim-interval=500ms",
                "ledger.stream.heartbeat=2s",
                "server.shutdown=immediate",
                // tests call the audit endpoints far more often than a person would; RateLimitTest lowers it per test
                "ledger.rate-limit.audit.per-minute=600000",
                "ledger.rate-limit.audit.burst=100000",
                "axon.axonserver.enabled=false"
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

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    protected Http http() {
        return new Http("http://localhost:" + port);
    }

    /** Waits until every projection has handled every event in the store. */
    protected void awaitProjectionsCaughtUp() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM ledger_write.domain_event_entry",
                Long.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> Projections.ALL.stream().allMatch(name -> {
            StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                    .orElseThrow();
            var status = processor.processingStatus();
            // a rebuilt processor stays "replaying" until an event beyond its reset position: positions tell more
            return !status.isEmpty() && status.values().stream()
                    .allMatch(s -> !s.isErrorState() && s.getCurrentPosition().orElse(-1) >= head);
        }));
    }

    protected LedgerEvents ledger() {
        return new LedgerEvents(storageEngine, jdbc);
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
