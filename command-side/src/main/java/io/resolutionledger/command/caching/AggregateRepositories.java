package io.resolutionledger.command.caching;

import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

/**
 * What each aggregate's repository is built from: the store-checked caching repository
 * ({@link StoreCheckedCachingRepository}) over a bounded cache of its own per aggregate type (Axon keys a cache by
 * the aggregate's identifier only, and a session's id sent as a resolution's must not find the session;
 * {@code ledger.commands.aggregate-cache-size} aggregates per type, default 10,000, least recently used first out), the
 * snapshot trigger, and Axon's own parameter resolvers and handler definitions of the Spring context, so that
 * command handlers still receive the directories and the clock as parameters. Each aggregate's package declares its
 * repository bean with {@link #repository} (the aggregates are package-private) and names it in {@code @Aggregate}.
 */
@Configuration(proxyBeanMethods = false)
public class AggregateRepositories {

    /** The bean names under which Axon's Spring Boot infrastructure (InfraConfiguration) declares them. */
    static final String PARAMETER_RESOLVERS = "parameterResolverFactory";
    static final String HANDLER_DEFINITION = "handlerDefinition";

    private final EventStore eventStore;
    private final SnapshotTriggerDefinition snapshotTrigger;
    private final ParameterResolverFactory parameterResolvers;
    private final HandlerDefinition handlerDefinition;
    private final long cacheSize;

    AggregateRepositories(EventStore eventStore,
                          @Qualifier("ledgerSnapshotTrigger") SnapshotTriggerDefinition snapshotTrigger,
                          @Qualifier(PARAMETER_RESOLVERS) ParameterResolverFactory parameterResolvers,
                          @Qualifier(HANDLER_DEFINITION) HandlerDefinition handlerDefinition,
                          @Value("${ledger.commands.aggregate-cache-size:10000}") long cacheSize) {
        this.eventStore = eventStore;
        this.snapshotTrigger = snapshotTrigger;
        this.parameterResolvers = parameterResolvers;
        this.handlerDefinition = handlerDefinition;
        this.cacheSize = cacheSize;
    }

    public <T> StoreCheckedCachingRepository<T> repository(Class<T> aggregateType) {
        return StoreCheckedCachingRepository.builder(aggregateType)
                .eventStore(eventStore)
                // bounded: the aggregates in use (a session's resolutions) stay, the rest are loaded again when needed
                .cache(new CaffeineCache(cacheSize))
                .snapshotTriggerDefinition(snapshotTrigger)
                .parameterResolverFactory(parameterResolvers)
                .handlerDefinition(handlerDefinition)
                .build();
    }
}
