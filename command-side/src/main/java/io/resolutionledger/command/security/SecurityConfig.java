package io.resolutionledger.command.security;

import io.resolutionledger.command.web.ProblemWriter;
import io.resolutionledger.security.LedgerHeadersConfiguration;
import io.resolutionledger.security.LedgerJwtConfiguration;
import io.resolutionledger.security.SecurityObservations;
import io.resolutionledger.security.LedgerRoles;
import io.resolutionledger.security.ManagementPort;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.security.IdentityProviderFailureHandler;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;


/**
 * Stateless resource server: every command needs a bearer JWT that keeps the rules both services share
 * ({@link LedgerJwtConfiguration}: trusted issuer, audience, lifetime, RS256/ES256, subject, a delegate's
 * delegation). Commands need the role {@code delegate}; an administrator may only set the very first chair and
 * import history ({@code POST /api/imports}, whose lines act for the delegations they name).
 * Failures answer with problem details (401 {@code UNAUTHENTICATED}, 403 {@code FORBIDDEN}).
 */
@Configuration(proxyBeanMethods = false)
@Import({LedgerJwtConfiguration.class, LedgerHeadersConfiguration.class, SecurityObservations.class})
public class SecurityConfig {

    @Bean
    public SecurityFilterChain commandSideSecurity(HttpSecurity http, ProblemWriter problems, Environment environment)
            throws Exception {
        SecurityProblemHandlers handlers = new SecurityProblemHandlers(problems);
        http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // CSP, nosniff, frame and referrer policy come from LedgerHeadersConfiguration's filter, on every answer
                .headers(h -> h.contentTypeOptions(c -> c.disable()).frameOptions(f -> f.disable()))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(ManagementPort.requestsOnIt(environment)).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
                                "/error").permitAll()
                        // metrics and the rest of the actuator: administrators only on the API port
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/imports").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/chair/handovers").hasAnyRole("DELEGATE", "ADMIN")
                        // erasure of a person's pseudonym key
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        .requestMatchers("/api/subscriptions", "/api/subscriptions/*", "/api/subscriptions/*/secret-rotation")
                                .hasAnyRole("DELEGATE", "ADMIN")
                        // the record of a written procedure's end: the chair, or an administrator
                        .requestMatchers(HttpMethod.POST, "/api/resolutions/*/written-procedure/conclusion")
                                .hasAnyRole("DELEGATE", "ADMIN")
                        .requestMatchers("/api/**").hasRole("DELEGATE")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtAuthenticationConverter(new LedgerRoles()))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers)
                        // an identity provider that does not answer: 503, not a 500 (IdentityProviderFailureHandler)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(new IdentityProviderFailureHandler(handlers,
                                        (request, response) -> problems.write(request, response,
                                                ErrorCode.IDENTITY_PROVIDER_UNAVAILABLE, "The identity provider "
                                                        + "cannot be reached to check the token; try again shortly.")));
                                return filter;
                            }
                        }))
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
        return http.build();
    }
}
