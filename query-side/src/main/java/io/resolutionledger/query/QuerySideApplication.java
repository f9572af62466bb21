package io.resolutionledger.query;

import io.resolutionledger.metrics.PrometheusNaming;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The query side: projections of the event store, the query API and the live stream of changes. */
@SpringBootApplication
@ConfigurationPropertiesScan
// ledger.webhooks is one record for both services, in shared-security
@org.springframework.boot.context.properties.EnableConfigurationProperties(io.resolutionledger.webhooks.WebhookProperties.class)
@Import(PrometheusNaming.class) // metric names as Prometheus users expect, the same on both services
public class QuerySideApplication {

    public static void main(String[] args) {
        // Axon 4.12+ would otherwise call its vendor at start-up (see STACK.md)
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
