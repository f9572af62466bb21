package io.resolutionledger.query.integrity;

import io.resolutionledger.query.config.ProjectionProperties;
import io.resolutionledger.query.config.ProjectionTransactionManager;
import io.resolutionledger.query.eventstore.EventStoreGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;

/**
 * The hash chain is a processor of its own with exactly one segment (a chain has one order) and an error handler
 * that propagates: a failing link stops the chain and is retried, it is never skipped.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class IntegrityConfig {

    public static final String GROUP = "integrity";

    @Bean
    ConfigurerModule integrityProcessor(ProjectionProperties properties, DataSource dataSource,
                                        EventStoreGateway gateway) {
        return configurer -> configurer.eventProcessing()
                .registerPooledStreamingEventProcessor(GROUP, config -> gateway.log(), (config, builder) -> builder
                        .transactionManager(ProjectionTransactionManager.of(config, dataSource, properties))
                        .batchSize(properties.batchSize())
                        .initialSegmentCount(1)
                        .maxClaimedSegments(1)
                        .tokenClaimInterval(properties.tokenClaimInterval().toMillis()))
                .registerListenerInvocationErrorHandler(GROUP, config -> PropagatingErrorHandler.instance());
    }
}
