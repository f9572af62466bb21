package io.resolutionledger.query.deadletters;

import io.resolutionledger.api.event.ResolutionProposed;
import io.resolutionledger.query.config.AxonConfig;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Test only: a projection of its own processing group ({@value #GROUP}, a pooled streaming processor with a JDBC
 * dead-letter queue, registered like the real ones) that fails on a resolution titled with {@link #MARKER} while
 * {@link #POISONED} is set, and remembers which resolutions it handled. It is part of the one test context of the
 * query side; it fails on nothing unless a test arms it.
 */
@Component
@ProcessingGroup(PoisonProjection.GROUP)
public class PoisonProjection {

    public static final String GROUP = "poison-test";
    public static final String MARKER = "POISON";
    public static final AtomicBoolean POISONED = new AtomicBoolean(false);
    public static final Set<String> HANDLED = ConcurrentHashMap.newKeySet();

    @EventHandler
    void on(ResolutionProposed event) {
        if (POISONED.get() && event.title().contains(MARKER)) {
            throw new IllegalStateException("poisoned test event " + event.resolutionId().value());
        }
        HANDLED.add(event.resolutionId().value());
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        ConfigurerModule poisonTestProcessor(DataSource dataSource) {
            ConnectionProvider connections = new SpringDataSourceConnectionProvider(dataSource);
            return configurer -> configurer.eventProcessing()
                    .registerPooledStreamingEventProcessor(GROUP, Configuration::eventStore,
                            (config, builder) -> builder.batchSize(10).initialSegmentCount(1).tokenClaimInterval(500))
                    .registerDeadLetterQueue(GROUP, config -> JdbcSequencedDeadLetterQueue.builder()
                            .processingGroup(GROUP)
                            .connectionProvider(connections)
                            .transactionManager(config.getComponent(TransactionManager.class))
                            .schema(AxonConfig.DEAD_LETTER_SCHEMA)
                            .genericSerializer(config.serializer())
                            .eventSerializer(config.eventSerializer())
                            .build());
        }
    }
}
