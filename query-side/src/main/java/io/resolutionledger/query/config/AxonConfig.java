package io.resolutionledger.query.config;

import io.resolutionledger.api.json.LedgerJson;
import io.resolutionledger.api.serialization.LedgerSerializer;
import io.resolutionledger.api.upcasting.LedgerUpcasters;
import io.resolutionledger.query.eventstore.BatchReads;
import io.resolutionledger.query.eventstore.EventStoreGateway;
import io.micrometer.core.instrument.FunctionCounter;
import io.resolutionledger.query.eventstore.NotifiedEventSource;
import io.resolutionledger.query.eventstore.StoreNotifications;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.List;

/**
 * Axon wiring of the query side. It reads the event store the command side writes (never appends to it) and keeps
 * each projection's tracking tokens and dead letters in the read schema, on the same {@link DataSource} as the
 * projections' rows: Axon's {@code SpringTransactionManager} opens one Spring transaction per batch, the
 * {@link SpringDataSourceConnectionProvider} hands the token store that transaction's connection, and the
 * projections' {@code JdbcTemplate}s join it too, so rows and token commit (or roll back) together: exactly once.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfig {

    /**
     * The command side's event store (command-side db/write/V1__event_store.sql), read only here: Axon's defaults
     * are camelCase columns, the store's are snake_case.
     */
    public static final EventSchema EVENT_SCHEMA = EventSchema.builder()
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

    public static final TokenSchema TOKEN_SCHEMA = TokenSchema.builder()
            .setTokenTable("ledger_read.token_entry")
            .setProcessorNameColumn("processor_name")
            .setSegmentColumn("segment")
            .setTokenColumn("token")
            .setTokenTypeColumn("token_type")
            .setTimestampColumn("time_stamp")
            .setOwnerColumn("owner")
            .build();

    public static final DeadLetterSchema DEAD_LETTER_SCHEMA = DeadLetterSchema.builder()
            .deadLetterTable("ledger_read.dead_letter_entry")
            .deadLetterIdentifierColumn("dead_letter_id")
            .processingGroupColumn("processing_group")
            .sequenceIdentifierColumn("sequence_identifier")
            .sequenceIndexColumn("sequence_index")
            .messageTypeColumn("message_type")
            .eventIdentifierColumn("event_identifier")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .aggregateTypeColumn("aggregate_type")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .tokenTypeColumn("token_type")
            .tokenColumn("token")
            .enqueuedAtColumn("enqueued_at")
            .lastTouchedColumn("last_touched")
            .processingStartedColumn("processing_started")
            .causeTypeColumn("cause_type")
            .causeMessageColumn("cause_message")
            .diagnosticsColumn("diagnostics")
            .build();

    /**
     * Gap handling of the tracking tokens. The store's global_index comes from a sequence: a transaction that takes
     * a number and commits late leaves a temporary gap, one that rolls back (a version conflict) leaves a permanent
     * one. Skipping a temporary gap loses the event for good, keeping a permanent one only costs a few ids in the
     * token, so the settings lean towards waiting:
     * <ul>
     *   <li>maxGapOffset 100,000 (Axon: 10,000): at a few thousand events per second the default forgets a gap after
     *       ~3 s; a command's transaction may take longer than that under load.</li>
     *   <li>gapTimeout 60 s: a command-side transaction (one aggregate, short) that has not committed in a minute has
     *       been rolled back; only then are gaps cleaned (and only once more than gapCleaningThreshold exist).</li>
     *   <li>lowestGlobalSequence 1: the BIGSERIAL's first value; ids below it are no gaps.</li>
     *   <li>extendedGapCheckEnabled: a run of more than a batch of rolled-back ids would otherwise look like the end
     *       of the stream; the extra query runs only when a batch comes back empty.</li>
     * </ul>
     */
    static final int MAX_GAP_OFFSET = 100_000;
    static final int GAP_TIMEOUT_MILLIS = 60_000;
    static final int GAP_CLEANING_THRESHOLD = 250;
    static final long LOWEST_GLOBAL_SEQUENCE = 1;

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

    /**
     * Declared here rather than left to Axon's auto-configuration so that the query side reads exactly the tables
     * the command side writes, with gap settings chosen for them (see above), and with the ledger's upcasters (the
     * command side gives its engine the same chain). Nothing on this side appends, except the tests' fixtures.
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public EventStorageEngine eventStorageEngine(DataSource dataSource, TransactionManager transactionManager,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer serializer, ProjectionProperties properties) {
        return jdbcEngine(dataSource, transactionManager, eventSerializer, serializer, properties.batchSize(),
                LedgerUpcasters.chain());
    }

    /**
     * The JDBC engine over the command side's tables. {@code upcasters} is the ledger's chain for everything that
     * reads events as the current classes, and none for the verifiable log, which commits to the stored bytes
     * ({@link EventStoreGateway.StoredEvents}).
     */
    public static EventStorageEngine jdbcEngine(DataSource dataSource, TransactionManager transactionManager,
                                                Serializer eventSerializer, Serializer snapshotSerializer,
                                                int batchSize, EventUpcaster upcasters) {
        return new PositionedJdbcEventStorageEngine(jdbcEngineSettings(dataSource, transactionManager,
                eventSerializer, snapshotSerializer, batchSize, upcasters));
    }

    /** The settings of {@link #jdbcEngine}, for Axon's own engine too ({@code PositionedEngineTest} compares them). */
    static JdbcEventStorageEngine.Builder jdbcEngineSettings(DataSource dataSource, TransactionManager transactionManager,
                                                           Serializer eventSerializer, Serializer snapshotSerializer,
                                                           int batchSize, EventUpcaster upcasters) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(transactionManager)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer)
                .upcasterChain(upcasters)
                .schema(EVENT_SCHEMA)
                .batchSize(batchSize)
                .maxGapOffset(MAX_GAP_OFFSET)
                .gapTimeout(GAP_TIMEOUT_MILLIS)
                .gapCleaningThreshold(GAP_CLEANING_THRESHOLD)
                .lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .extendedGapCheckEnabled(true);
    }

    /**
     * The stored path of the JDBC store: the same tables read by an engine without upcasters. It is not a bean
     * (Axon's configuration takes the one {@link EventStorageEngine} bean as the event store's) and its streams are
     * read to their end and reopened, never tailed, so they need no notifications.
     */
    public static EventStoreGateway.StoredEvents storedEvents(EventStorageEngine storedEngine) {
        return new EventStoreGateway.StoredEvents(new NotifiedEventSource(storedEngine), storedEngine::readEvents);
    }

    /**
     * The JDBC engine, whose reads of one aggregate also say each event's global position: the row has it (Axon's
     * statement selects it), Axon's default mapping only drops it. A tracked domain event carries it as a
     * {@link GlobalSequenceTrackingToken}, which {@link EventStoreGateway#aggregate} reads.
     */
    static final class PositionedJdbcEventStorageEngine extends JdbcEventStorageEngine implements BatchReads {

        PositionedJdbcEventStorageEngine(JdbcEventStorageEngine.Builder builder) {
            super(builder);
        }

        /** One batch of Axon's own read of the global stream (gap cleaning and extended gap check included). */
        @Override
        public List<? extends TrackedEventMessage<?>> readBatch(TrackingToken token, int size) {
            return EventUtils.upcastAndDeserializeTrackedEvents(fetchTrackedEvents(token, size).stream(),
                    getEventSerializer(), upcasterChain).toList();
        }

        @Override
        public long indexOf(TrackingToken token) {
            return token == null ? -1 : ((GapAwareTrackingToken) token).getIndex();
        }

        @Override
        protected DomainEventData<?> getDomainEventData(ResultSet resultSet) throws SQLException {
            return new TrackedDomainEventData<>(
                    new GlobalSequenceTrackingToken(resultSet.getLong(EVENT_SCHEMA.globalIndexColumn())),
                    super.getDomainEventData(resultSet));
        }

        /**
         * One row of the global stream, as Axon's engine reads it, with its time stamp read once and by hand
         * ({@link StoredTimestamps}): Axon's own version parses the text with a {@code DateTimeFormatter} for its gap
         * check and again for the message, 12 % of a rebuild's processor CPU. The token follows Axon's documented
         * rule for the JDBC store: an event younger than the gap timeout advances the previous token keeping gaps of
         * up to {@link #MAX_GAP_OFFSET} positions behind it (the first one counts every position from the lowest
         * global sequence on as a gap); an older one keeps none. {@code PositionedEngineTest} reads a store with
         * gaps, young and old, through this engine and through Axon's unchanged one and finds the same tokens,
         * messages and times.
         */
        @Override
        protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previous)
                throws SQLException {
            long globalIndex = resultSet.getLong(EVENT_SCHEMA.globalIndexColumn());
            String aggregateIdentifier = resultSet.getString(EVENT_SCHEMA.aggregateIdentifierColumn());
            String eventIdentifier = resultSet.getString(EVENT_SCHEMA.eventIdentifierColumn());
            String stamp = String.valueOf(readTimeStamp(resultSet, EVENT_SCHEMA.timestampColumn()));
            Instant timestamp = StoredTimestamps.parse(stamp);
            DomainEventData<?> entry = new ParsedEntry(
                    // an event that belongs to no aggregate is stored with its own id as the aggregate's
                    eventIdentifier.equals(aggregateIdentifier) ? null : resultSet.getString(EVENT_SCHEMA.typeColumn()),
                    aggregateIdentifier, resultSet.getLong(EVENT_SCHEMA.sequenceNumberColumn()), eventIdentifier,
                    stamp, timestamp, resultSet.getString(EVENT_SCHEMA.payloadTypeColumn()),
                    resultSet.getString(EVENT_SCHEMA.payloadRevisionColumn()),
                    readPayload(resultSet, EVENT_SCHEMA.payloadColumn()),
                    readPayload(resultSet, EVENT_SCHEMA.metaDataColumn()));
            boolean mayStillFill = timestamp.isAfter(
                    GenericEventMessage.clock.instant().minus(GAP_TIMEOUT_MILLIS, ChronoUnit.MILLIS));
            GapAwareTrackingToken token;
            if (previous == null) {
                token = GapAwareTrackingToken.newInstance(globalIndex, mayStillFill
                        ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalIndex), globalIndex).boxed()
                                .collect(Collectors.toCollection(TreeSet::new))
                        : Collections.emptySortedSet());
            } else {
                token = previous.advanceTo(globalIndex, mayStillFill ? MAX_GAP_OFFSET : 0);
            }
            return new TrackedDomainEventData<>(token, entry);
        }
    }

    /** Axon's entry of a stored event, with the time already read: {@link #getTimestamp} parses nothing. */
    static final class ParsedEntry extends GenericDomainEventEntry<Object> {

        private final Instant timestamp;

        ParsedEntry(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                    String stamp, Instant timestamp, String payloadType, String payloadRevision, Object payload,
                    Object metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, stamp, payloadType, payloadRevision,
                    payload, metaData);
            this.timestamp = timestamp;
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }

    /**
     * Axon's event store over the engine: the query side reads one aggregate's events through it. The projections
     * and the live stream do not use its tailing reader (which could only poll another process's appends) but the
     * {@link NotifiedEventSource}; its reader thread therefore never starts.
     */
    @Bean(name = "eventBus", destroyMethod = "shutDown")
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine) {
        return EmbeddedEventStore.builder().storageEngine(storageEngine).build();
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public NotifiedEventSource notifiedEventSource(EventStorageEngine storageEngine, MeterRegistry meters) {
        NotifiedEventSource source = new NotifiedEventSource(storageEngine);
        FunctionCounter.builder("ledger.event.source.reads", source, NotifiedEventSource::privateReads)
                .tag("kind", "private").description("reads of the event store by one stream of the global log")
                .register(meters);
        FunctionCounter.builder("ledger.event.source.reads", source, NotifiedEventSource::sharedReads)
                .tag("kind", "shared").description("reads of the event store by the shared tail, for every stream that follows it")
                .register(meters);
        FunctionCounter.builder("ledger.event.source.shared.events", source, NotifiedEventSource::sharedEvents)
                .description("events a stream of the global log took from the shared tail instead of reading them")
                .register(meters);
        return source;
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public StoreNotifications storeNotifications(NotifiedEventSource source, DataSourceProperties database,
                                                 ProjectionProperties properties) {
        return new StoreNotifications(source, database.determineUrl(), database.determineUsername(),
                database.determinePassword(), properties.pollInterval(), properties.wakeInterval());
    }

    /**
     * Every read of events goes through the gateway. With the JDBC store the global log is the notified source;
     * with Axon Server it is Axon Server's own event store, whose streams announce new events by themselves.
     */
    @Bean
    public EventStoreGateway eventStoreGateway(EventStore eventStore, ObjectProvider<NotifiedEventSource> notified,
                                               DataSource dataSource, TransactionManager transactionManager,
                                               @Qualifier("eventSerializer") Serializer eventSerializer,
                                               Serializer serializer, ProjectionProperties properties) {
        NotifiedEventSource source = notified.getIfAvailable();
        if (source == null) {
            // Axon Server: its client offers no read path without the configured upcasters, so the stored path is
            // the upcast one; leaves then follow the upcasters (README: the JDBC store is the verifiable one)
            return new EventStoreGateway(eventStore, eventStore, false,
                    new EventStoreGateway.StoredEvents(eventStore, id -> eventStore.readEvents(id, 0)));
        }
        return new EventStoreGateway(eventStore, source, true, storedEvents(jdbcEngine(dataSource,
                transactionManager, eventSerializer, serializer, properties.batchSize(), NoOpEventUpcaster.INSTANCE)));
    }

    /**
     * Token claims are owned by {@code <pid>@<host>/<instance>}: Axon's default owner is {@code <pid>@<host>} alone,
     * which two instances in one JVM (the tests' peers) or two containers that both run as pid 1 on one host name would
     * share, each then taking the other's claims for its own.
     */
    @Bean
    public TokenStore tokenStore(DataSource dataSource, Serializer serializer, LiveInstances instances) {
        return JdbcTokenStore.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .nodeId(java.lang.management.ManagementFactory.getRuntimeMXBean().getName() + "/"
                        + instances.id().substring(0, 8))
                .serializer(serializer)
                .schema(TOKEN_SCHEMA)
                .contentType(byte[].class)
                .build();
    }

    /**
     * No correlation data providers. Correlation data is what a handler's unit of work copies into the messages it
     * sends; the query side's handlers send none, and Axon's default provider (MessageOriginProvider) decoded every
     * event's metadata in every processor for nothing (7 % of a rebuild's CPU, JFR). Ordered after Axon's own module,
     * which registers the provider beans it finds.
     */
    @Bean
    public ConfigurerModule noCorrelationData() {
        return new ConfigurerModule() {
            @Override
            public void configureModule(org.axonframework.config.Configurer configurer) {
                configurer.configureCorrelationDataProviders(config -> List.of());
            }

            @Override
            public int order() {
                return Integer.MAX_VALUE;
            }
        };
    }

    /** Every pooled streaming processor's meters, registered once (see {@link ProcessorMetrics}). */
    @Bean
    public ConfigurerModule eventProcessorMetrics(MeterRegistry registry) {
        return configurer -> configurer.configureMessageMonitor(PooledStreamingEventProcessor.class,
                (config, type, name) -> new ProcessorMetrics(registry, name, Clock.systemUTC()));
    }

    /**
     * The read-models group runs as two processors, one per {@link Generation} of its tables, each with its own
     * tokens and its own dead-letter queue; {@link ReadModelGenerations} runs the live one (and, during a rebuild,
     * the one being built) and shuts the other down. The audit table's processor has one segment and no
     * dead-letter queue: it needs the log's order to know each event's position, and an event it cannot store stops
     * it (and is retried) rather than leaving a hole in the audit table.
     */
    @Bean
    public ConfigurerModule projectionProcessors(ProjectionProperties properties, DataSource dataSource,
                                                 EventStoreGateway gateway, LiveInstances instances,
                                                 ReadModelGenerations generations) {
        ConnectionProvider connections = new SpringDataSourceConnectionProvider(dataSource);
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            for (Generation generation : Generation.values()) {
                String group = generation.processor();
                processing.registerPooledStreamingEventProcessor(
                        group,
                        config -> gateway.log(),
                        (config, builder) -> builder
                                .transactionManager(ProjectionTransactionManager.of(config, dataSource, properties))
                                .batchSize(properties.batchSize())
                                .initialSegmentCount(properties.segments())
                                // tokens made for the first time (a new database, or all of them deleted): the live
                                // generation replays the store; an idle one starts at the head, since Axon starts it
                                // with the others and it projects until ReadModelGenerations shuts it down, into
                                // tables that its next rebuild empties anyway
                                .initialToken(source -> generations.refresh().runs(generation)
                                        ? source.createTailToken() : source.createHeadToken())
                                .maxSegmentProvider(instances.fairShare(properties.segments()))
                                .tokenClaimInterval(properties.tokenClaimInterval().toMillis())
                                // a work package stores its token only with a batch of its own segment's events,
                                // or when it extends its claim: after a run of the other segments' events its token
                                // stays behind the head until then, and a rebuild's switch (both generations' tokens
                                // at one position) waits for it; Axon's 5 s made a 2 s rebuild take 7 (BENCHMARKS.md)
                                .claimExtensionThreshold(properties.claimExtension().toMillis()));
                // Axon asks the queue whether an event's aggregate has parked letters before every event (one SQL
                // query per event); with the cache it asks once per segment claim whether the queue is empty and
                // then knows from memory (it marks what it parks itself), so a healthy group makes no such query.
                // A reset (the start of a rebuild into this generation) empties the generation's queue: its letters
                // belong to the rows the reset removes, and the replay meets their events again.
                processing.registerDeadLetteringEventHandlerInvokerConfiguration(group,
                        (config, builder) -> builder.enableSequenceIdentifierCache().allowReset(true));
                processing.registerDeadLetterQueue(group, config -> JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(group)
                        .connectionProvider(connections)
                        .transactionManager(config.getComponent(TransactionManager.class))
                        .schema(DEAD_LETTER_SCHEMA)
                        .genericSerializer(config.serializer())
                        .eventSerializer(config.eventSerializer())
                        .build());
            }
            singleSegment(processing, Projections.AUDIT, gateway, dataSource, properties);
            // the webhooks' outbox: one segment (subscriptions before the events they receive), and an event it
            // cannot enqueue stops it and is retried, so that no subscriber misses one
            singleSegment(processing, Projections.WEBHOOKS, gateway, dataSource, properties);
        };
    }

    /** A processor of one segment on the log whose failures stop it (to be retried), never skip an event. */
    private static void singleSegment(org.axonframework.config.EventProcessingConfigurer processing, String group,
                                      EventStoreGateway gateway, DataSource dataSource, ProjectionProperties properties) {
        processing.registerPooledStreamingEventProcessor(
                        group,
                        config -> gateway.log(),
                        (config, builder) -> builder
                                .transactionManager(ProjectionTransactionManager.of(config, dataSource, properties))
                                .batchSize(properties.batchSize())
                                .initialSegmentCount(1)
                                .tokenClaimInterval(properties.tokenClaimInterval().toMillis()))
                .registerListenerInvocationErrorHandler(group, config -> PropagatingErrorHandler.instance());
    }
}
