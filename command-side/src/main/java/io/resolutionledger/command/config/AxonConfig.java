package io.resolutionledger.command.config;

import io.resolutionledger.api.json.LedgerJson;
import io.resolutionledger.api.serialization.LedgerSerializer;
import io.resolutionledger.api.upcasting.LedgerUpcasters;
import io.resolutionledger.command.clock.BusinessClock;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import io.resolutionledger.command.snapshots.SealedSnapshotStorageEngine;
import io.resolutionledger.command.snapshots.SnapshotSeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Axon wiring of the command side: Jackson for every message, the JDBC storage engine on PostgreSQL (tables owned by
 * Flyway, see db/write), snapshots, and the technical context that travels as metadata.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfig {

    private static final Logger log = LoggerFactory.getLogger(AxonConfig.class);

    /** Technical context copied from each command onto the events it causes (see README, "Metadata"). */
    public static final String USER = "user";
    public static final String DELEGATION = "delegation";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";

    @Bean
    @Primary
    public Serializer serializer() {
        return LedgerSerializer.of(LedgerJson.messageMapper());
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return LedgerSerializer.of(LedgerJson.messageMapper());
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return LedgerSerializer.of(LedgerJson.messageMapper());
    }

    /** Aggregates have private state without getters: snapshots are read and written field by field. */
    @Bean
    public Serializer snapshotSerializer() {
        return LedgerSerializer.of(LedgerJson.stateMapper());
    }

    /** Events per query when an aggregate's history is read (Axon's default). */
    static final int AGGREGATE_BATCH_SIZE = 100;

    /**
     * The JDBC engine's default reads an aggregate's events until a query comes back empty: one extra round trip
     * per load. An aggregate's sequence numbers are contiguous (the unique key and Axon's appends make them so, the
     * fault suite checks it), so a batch smaller than the batch size is the last one.
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public EventStorageEngine eventStorageEngine(DataSource dataSource,
                                                 TransactionManager transactionManager,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 @Qualifier("snapshotSerializer") Serializer snapshotSerializer,
                                                 SnapshotSeal snapshotSeal) {
        return SealedSnapshotStorageEngine.build(JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(transactionManager)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer)
                .upcasterChain(LedgerUpcasters.chain())
                .schema(EventStoreSchema.SCHEMA)
                .persistenceExceptionResolver(AxonConfig::isDuplicateKey)
                .batchSize(AGGREGATE_BATCH_SIZE)
                .finalAggregateBatchPredicate(batch -> batch.size() < AGGREGATE_BATCH_SIZE), snapshotSeal);
    }

    /** The key that seals snapshots (see {@link SnapshotSeal}): a file outside the database, or one per start. */
    @Bean
    public SnapshotSeal snapshotSeal(@Value("${ledger.snapshots.seal-key:}") String file) {
        if (file == null || file.isBlank()) {
            log.info("no ledger.snapshots.seal-key: snapshots are sealed with a key of this start only (snapshots of "
                    + "earlier starts or other instances are replayed from their events)");
            return SnapshotSeal.random();
        }
        return SnapshotSeal.fromFile(Path.of(file));
    }

    /**
     * PostgreSQL reports a second append of the same (aggregate, sequence) as SQL state 23505; Axon turns a
     * duplicate key into a {@code ConcurrencyException} (a version conflict) instead of a failure of the store.
     */
    static boolean isDuplicateKey(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Bean
    public SnapshotTriggerDefinition ledgerSnapshotTrigger(Snapshotter snapshotter, LedgerProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshots().threshold());
    }

    /** Replaces Axon's default provider (see {@link LedgerCorrelationDataProvider} for why). */
    @Bean
    public CorrelationDataProvider ledgerCorrelationDataProvider() {
        return new LedgerCorrelationDataProvider();
    }

    /**
     * The clock of every command handler: the business time an imported command declares, the wall clock otherwise
     * ({@link BusinessClock}).
     */
    @Bean
    public BusinessClock clock() {
        return new BusinessClock(Clock.systemUTC());
    }

    /**
     * Table and column names of the event store (db/write/V1__event_store.sql); the query side reads the same
     * tables. Axon's defaults are camelCase columns; these are PostgreSQL's snake_case.
     */
    public static final class EventStoreSchema {
        public static final EventSchema SCHEMA = EventSchema.builder()
                .eventTable("ledger_write.domain_event_entry")
                .snapshotTable("ledger_write.snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();

        private EventStoreSchema() {
        }
    }
}
