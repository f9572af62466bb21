package io.resolutionledger.command;

import io.resolutionledger.metrics.PrometheusNaming;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The command side: decides on commands with event-sourced aggregates and appends the events to the store. */
@SpringBootApplication
@ConfigurationPropertiesScan
// ledger.webhooks is one record for both services, in shared-security
@org.springframework.boot.context.properties.EnableConfigurationProperties(io.resolutionledger.webhooks.WebhookProperties.class)
@Import(PrometheusNaming.class) // metric names as Prometheus users expect, the same on both services
public class CommandSideApplication {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
