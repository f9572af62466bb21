package io.resolutionledger.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.query.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import io.resolutionledger.security.LedgerHeadersConfiguration;
import io.resolutionledger.security.LedgerJwtConfiguration;
import io.resolutionledger.security.SecurityObservations;
import io.resolutionledger.security.LedgerRoles;
import io.resolutionledger.security.ManagementPort;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import io.resolutionledger.security.IdentityProviderFailureHandler;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import java.io.IOException;

/**
 * The same JWT contract as the command side ({@link LedgerJwtConfiguration}: trusted issuer, audience, lifetime,
 * RS256/ES256, {@code sub}, a delegate's {@code delegation}, and the same role mapping).
 * Every GET of the query API is open to anonymous callers (the controllers narrow what they see); a token that is
 * present but bad or expired is a 401 even there, so that a client never silently reads less than it believes.
 */
@Configuration(proxyBeanMethods = false)
@Import({LedgerJwtConfiguration.class, LedgerHeadersConfiguration.class, SecurityObservations.class})
public class SecurityConfig {

    @Bean
    public SecurityFilterChain queryApi(HttpSecurity http, ObjectMapper objectMapper, Environment environment)
            throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // CSP, nosniff, frame and referrer policy come from LedgerHeadersConfiguration's filter, on every answer
                .headers(h -> h.contentTypeOptions(c -> c.disable()).frameOptions(f -> f.disable()))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(ManagementPort.requestsOnIt(environment)).permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health").permitAll()
                        // metrics and the rest of the actuator: administrators only on the API port
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        // the auditors' toolkit and the administration: never anonymous, never a delegate
                        .requestMatchers("/api/audit/**", "/api/resolutions/*/history").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        // an on-demand signed checkpoint of the log (issue 12)
                        .requestMatchers(HttpMethod.POST, "/api/ledger/checkpoints").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/**").permitAll()
                        // the OParl API of the published matters (publication slice): public like the JSON API
                        .requestMatchers(HttpMethod.GET, "/oparl/**").permitAll()
                        // the public dashboard: static files only, it reads the public API like anyone
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/dashboard.js", "/dashboard.css",
                                "/favicon.ico").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new LedgerRoles()))
                        .authenticationEntryPoint((request, response, e) -> write(response, objectMapper,
                                Problems.of(ErrorCode.UNAUTHENTICATED, "a valid bearer token is required")))
                        .accessDeniedHandler((request, response, e) -> write(response, objectMapper,
                                Problems.of(ErrorCode.FORBIDDEN, "not allowed")))
                        // an identity provider that does not answer: 503, not a 500 (IdentityProviderFailureHandler)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(new IdentityProviderFailureHandler(
                                        (request, response, e) -> write(response, objectMapper, Problems.of(
                                                ErrorCode.UNAUTHENTICATED, "a valid bearer token is required")),
                                        (request, response) -> write(response, objectMapper, Problems.of(
                                                ErrorCode.IDENTITY_PROVIDER_UNAVAILABLE, "the identity provider "
                                                        + "cannot be reached to check the token; try again shortly"))));
                                return filter;
                            }
                        }))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> write(response, objectMapper,
                                Problems.of(ErrorCode.UNAUTHENTICATED, "a valid bearer token is required")))
                        .accessDeniedHandler((request, response, e) -> write(response, objectMapper,
                                Problems.of(ErrorCode.FORBIDDEN, "not allowed"))))
                .build();
    }

    private static void write(HttpServletResponse response, ObjectMapper mapper, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (problem.getStatus() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
