package io.resolutionledger.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security observes each filter of its chain, each authentication and each authorization as a Micrometer
 * observation of its own when an observation registry is present (Boot's actuator provides one): for a command
 * that was a dozen timers looked up and updated before the controller ran, about a tenth of the command JVM's CPU
 * in the profile of issue 11. The request as a whole is still observed ({@code http.server.requests}), refusals by
 * status; the security filters are not observed one by one. Both services import it (their SecurityConfig); on the
 * query side each authenticated read paid the same, and the reads outnumber the commands.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityObservations {

    @Bean
    public SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
