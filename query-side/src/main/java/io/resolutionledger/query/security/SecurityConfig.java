package io.resolutionledger.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.query.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The same JWT contract as the command side: RS256 tokens with {@code sub}, {@code delegation} and {@code roles}.
 * Every GET of the query API is open to anonymous callers (the controllers narrow what they see); a token that is
 * present but bad or expired is a 401 even there, so that a client never silently reads less than it believes.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    public static final String DELEGATION_CLAIM = "delegation";
    public static final String ROLES_CLAIM = "roles";

    @Bean
    public SecurityFilterChain queryApi(HttpSecurity http, ObjectMapper objectMapper) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        // the auditors' toolkit and the administration: never anonymous, never a delegate
                        .requestMatchers("/api/audit/**", "/api/resolutions/*/history").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/**").permitAll()
                        // the OParl API of the published matters (publication slice): public like the JSON API
                        .requestMatchers(HttpMethod.GET, "/oparl/**").permitAll()
                        // the public dashboard: static files only, it reads the public API like anyone
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/dashboard.js", "/dashboard.css",
                                "/favicon.ico").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new RolesConverter()))
                        .authenticationEntryPoint((request, response, e) -> write(response, objectMapper,
                                Problems.of(ErrorCode.UNAUTHENTICATED, "a valid bearer token is required")))
                        .accessDeniedHandler((request, response, e) -> write(response, objectMapper,
                                Problems.of(ErrorCode.FORBIDDEN, "not allowed"))))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> write(response, objectMapper,
                                Problems.of(ErrorCode.UNAUTHENTICATED, "a valid bearer token is required")))
                        .accessDeniedHandler((request, response, e) -> write(response, objectMapper,
                                Problems.of(ErrorCode.FORBIDDEN, "not allowed"))))
                .build();
    }

    /** Local development and tests: trust one RSA public key (PEM) instead of an identity provider. */
    @Bean
    @ConditionalOnProperty(name = "ledger.security.jwt.public-key")
    public JwtDecoder publicKeyJwtDecoder(@Value("${ledger.security.jwt.public-key}") Resource publicKey,
                                          @Value("${ledger.security.jwt.issuer:}") String issuer) throws Exception {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(readPublicKey(publicKey)).build();
        OAuth2TokenValidator<Jwt> validator = issuer.isBlank()
                ? JwtValidators.createDefault()
                : new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(), new JwtIssuerValidator(issuer));
        decoder.setJwtValidator(validator);
        return decoder;
    }

    static RSAPublicKey readPublicKey(Resource resource) throws Exception {
        try (InputStream in = resource.getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "")
                    .replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        }
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

    /** {@code roles: [delegate, auditor, admin]} become ROLE_DELEGATE, ROLE_AUDITOR, ROLE_ADMIN. */
    static final class RolesConverter implements Converter<Jwt, AbstractAuthenticationToken> {
        @Override
        public AbstractAuthenticationToken convert(Jwt jwt) {
            List<String> roles = jwt.hasClaim(ROLES_CLAIM) ? jwt.getClaimAsStringList(ROLES_CLAIM) : List.of();
            Collection<GrantedAuthority> authorities = roles == null ? List.of() : roles.stream()
                    .filter(r -> r != null && !r.isBlank())
                    .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r.toUpperCase(Locale.ROOT)))
                    .toList();
            return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        }
    }
}
