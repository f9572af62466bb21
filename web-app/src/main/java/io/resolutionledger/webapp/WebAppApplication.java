package io.resolutionledger.webapp;

import io.resolutionledger.metrics.PrometheusNaming;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The web app: a backend-for-frontend (BFF) for the delegations' and the chair's pages. It signs people in, keeps
 * their tokens in a server-side session and relays the pages' calls to the command side and the query side, which
 * stay plain resource servers. The browser holds a session cookie and nothing else.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(PrometheusNaming.class) // metric names as Prometheus users expect, the same as the services'
public class WebAppApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebAppApplication.class, args);
    }
}
