package io.resolutionledger.command.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;

/**
 * Idempotency-Key support. The interceptor is a bean of type {@code MessageHandlerInterceptor<CommandMessage<?>>}:
 * Axon's Spring Boot auto-configuration ({@code InterceptorAutoConfiguration}) registers every such bean on the
 * {@code CommandBus}, whichever bus is in use. Records older than {@code ledger.idempotency.retention} (7 days by
 * default) are deleted periodically: a key protects retries, not forever.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class IdempotencyConfig {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyConfig.class);

    @Bean
    public IdempotencyStore idempotencyStore(DataSource dataSource) {
        return new IdempotencyStore(new JdbcTemplate(dataSource));
    }

    @Bean
    public IdempotencyInterceptor idempotencyInterceptor(IdempotencyStore store, AnswerRenderer renderer) {
        return new IdempotencyInterceptor(store, renderer);
    }

    @Bean
    public IdempotencyCleanup idempotencyCleanup(IdempotencyStore store, Clock clock,
                                                 @Value("${ledger.idempotency.retention:P7D}") Duration retention) {
        return new IdempotencyCleanup(store, clock, retention);
    }

    /** Deletes expired records; runs on one instance or many alike (a DELETE by age is idempotent). */
    public static class IdempotencyCleanup {
        private final IdempotencyStore store;
        private final Clock clock;
        private final Duration retention;

        IdempotencyCleanup(IdempotencyStore store, Clock clock, Duration retention) {
            this.store = store;
            this.clock = clock;
            this.retention = retention;
        }

        @Scheduled(initialDelayString = "${ledger.idempotency.cleanup-interval:PT1H}",
                fixedDelayString = "${ledger.idempotency.cleanup-interval:PT1H}")
        public void run() {
            try {
                int deleted = store.deleteOlderThan(clock.instant().minus(retention));
                if (deleted > 0) {
                    log.info("deleted {} idempotency records older than {}", deleted, retention);
                }
            } catch (RuntimeException e) {
                log.warn("idempotency cleanup failed; will retry: {}", e.toString());
            }
        }
    }
}
