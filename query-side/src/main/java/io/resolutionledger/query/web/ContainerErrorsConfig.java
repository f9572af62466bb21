package io.resolutionledger.query.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.web.ContainerErrors;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RestController;

/**
 * Problem details for the errors that never reach our advice (Tomcat's refusals, the firewall's {@code sendError}):
 * shared-security's {@link ContainerErrors}, installed here with this service's {@code Retry-After}.
 */
@Configuration(proxyBeanMethods = false)
public class ContainerErrorsConfig {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(ObjectMapper objectMapper) {
        return ContainerErrors.problemErrorReports(objectMapper);
    }

    /** The {@code /error} forward, hidden from the OpenAPI description (it is no operation of the API). */
    @Hidden
    @RestController
    static class ErrorForwardController extends ContainerErrors.ProblemErrorController {

        ErrorForwardController() {
            super(ProblemDetailsAdvice.RETRY_AFTER_SECONDS);
        }
    }
}
