package io.resolutionledger.command.config;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.quartz.QuartzDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.quartz.Scheduler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Durable deadlines (written procedures): Axon's {@link QuartzDeadlineManager} over the Quartz scheduler that Spring
 * Boot builds from {@code spring.quartz.*} (application.yml): a JDBC job store in the write schema (migration V21),
 * clustered, on the application's data source and transaction manager. So a deadline is stored in the transaction of
 * the command that sets it, survives any restart, and fires once on one of the instances that share the database;
 * one that came while every instance was down fires as soon as one starts (Quartz's misfire policy for a one-shot
 * trigger). Axon's default, the in-memory {@code SimpleDeadlineManager}, would lose them all with the JVM.
 */
@Configuration(proxyBeanMethods = false)
public class DeadlineConfig {

    @Bean
    public DeadlineManager deadlineManager(Scheduler scheduler, org.axonframework.config.Configuration axon,
                                           TransactionManager transactionManager, Serializer serializer) {
        return QuartzDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .transactionManager(transactionManager)
                .serializer(serializer)
                .build();
    }
}
