package io.resolutionledger.webapp.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.security.LedgerHeadersConfiguration;
import io.resolutionledger.security.ManagementPort;
import io.resolutionledger.webapp.WebProperties;
import io.resolutionledger.webapp.devlogin.DevLoginProperties;
import io.resolutionledger.webapp.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import java.io.IOException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.web.client.RestClient;

import java.util.List;
import java.util.Map;

/**
 * Who is signed in, and what protects the session:
 * <ul>
 *   <li>Sign-in with Spring Security's {@code oauth2Login}: authorization code with PKCE (S256, also for this
 *       confidential client), registration {@value LedgerClientRegistrations#OIDC}; the tokens stay in the session
 *       ({@link HttpSessionOAuth2AuthorizedClientRepository}, so in PostgreSQL through Spring Session), never in the
 *       browser. The session id changes at sign-in (session fixation), and so does the CSRF token.</li>
 *   <li>CSRF: the token in the cookie {@code XSRF-TOKEN}, which the page's script reads and sends back as
 *       {@code X-XSRF-TOKEN} (a form sends {@code _csrf}) on every state-changing request anywhere, sign-out and the
 *       development sign-in included; missing or wrong: 403 {@code CSRF_TOKEN_INVALID}. {@link OriginCheckFilter}
 *       checks {@code Origin} and {@code Sec-Fetch-Site} before it.</li>
 *   <li>{@code /bff/command/**} needs a sign-in (401 {@code NOT_SIGNED_IN} without); everything else is open, the
 *       pages included (anonymous readers see what the query side shows anonymous readers).</li>
 *   <li>Sign-out: {@code POST /bff/logout} ends the session and answers where the page goes next: the identity
 *       provider's end-session address (RP-initiated logout) after an OIDC sign-in, {@code /} otherwise.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@Import(LedgerHeadersConfiguration.class)
@EnableConfigurationProperties({WebProperties.class, OidcProperties.class, DevLoginProperties.class})
public class WebSecurityConfig {

    public static final String CSRF_COOKIE = "XSRF-TOKEN";
    public static final String CSRF_HEADER = "X-XSRF-TOKEN";
    static final String SIGN_IN = "/oauth2/authorization/" + LedgerClientRegistrations.OIDC;

    @Bean
    LedgerClientRegistrations clientRegistrations(OidcProperties oidc, DevLoginProperties devLogin,
                                                  WebProperties web) {
        return new LedgerClientRegistrations(oidc, devLogin.enabled(), web.connectTimeout());
    }

    /** The tokens of a sign-in live in its session (PostgreSQL), so every instance of the web app finds them. */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(),
                new HttpSessionSecurityContextRepository());
    }

    @Bean
    CookieCsrfTokenRepository csrfTokenRepository(Environment environment) {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookieName(CSRF_COOKIE);
        repository.setHeaderName(CSRF_HEADER);
        boolean secure = environment.getProperty("server.servlet.session.cookie.secure", Boolean.class, true);
        repository.setCookieCustomizer(cookie -> cookie.secure(secure).sameSite("Lax").path("/"));
        return repository;
    }

    /** What a sign-in does to the session, for both sign-ins: a new session id, a new CSRF token. */
    @Bean
    SessionAuthenticationStrategy sessionAuthenticationStrategy(CookieCsrfTokenRepository csrfTokenRepository) {
        return new CompositeSessionAuthenticationStrategy(List.of(new ChangeSessionIdAuthenticationStrategy(),
                new CsrfAuthenticationStrategy(csrfTokenRepository)));
    }

    /**
     * Access tokens, refreshed through the refresh token before they expire ({@code ledger.web.token-refresh-before},
     * 30 s ahead). When the refresh is
     * refused, Spring's failure handler forgets the authorized client and the relay signs the session out.
     */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
                                                         OAuth2AuthorizedClientRepository authorizedClients,
                                                         WebProperties web) {
        RestClientRefreshTokenTokenResponseClient refresh = new RestClientRefreshTokenTokenResponseClient();
        refresh.setRestClient(tokenEndpointClient(web));
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations,
                authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken(r -> r.accessTokenResponseClient(refresh).clockSkew(web.tokenRefreshBefore()))
                .build());
        return manager;
    }

    @Bean
    SecurityFilterChain webApp(HttpSecurity http, LedgerClientRegistrations registrations,
                               CookieCsrfTokenRepository csrfTokenRepository,
                               SessionAuthenticationStrategy sessionAuthenticationStrategy,
                               SecurityContextRepository securityContextRepository,
                               OAuth2AuthorizedClientRepository authorizedClients, ProblemResponses problems,
                               WebProperties web, Environment environment, ObjectMapper objectMapper)
            throws Exception {
        http
                // CSP, nosniff, frame and referrer policy come from LedgerHeadersConfiguration's filter, on every answer
                .headers(h -> h.contentTypeOptions(c -> c.disable()).frameOptions(f -> f.disable()))
                .securityContext(c -> c.securityContextRepository(securityContextRepository))
                .requestCache(c -> c.requestCache(new NullRequestCache()))
                .sessionManagement(s -> s.sessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy()))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokenRepository)
                        .csrfTokenRequestHandler(new SpaCsrfTokenRequestHandler()))
                .addFilterBefore(new OriginCheckFilter(web.publicUrl(), problems), CsrfFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(ManagementPort.requestsOnIt(environment)).permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health").permitAll()
                        // metrics and the rest of the actuator: administrators only on the API port
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers("/bff/command/**").authenticated()
                        .anyRequest().permitAll())
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> problems.write(response,
                                ErrorCode.NOT_SIGNED_IN, "Sign in first: this needs a signed-in person."))
                        .accessDeniedHandler((request, response, e) -> {
                            if (e instanceof CsrfException) {
                                problems.write(response, ErrorCode.CSRF_TOKEN_INVALID, "This request lacks the "
                                        + "session's CSRF token (cookie " + CSRF_COOKIE + ", sent back as header "
                                        + CSRF_HEADER + "), or carries a wrong one; nothing was done.");
                            } else {
                                problems.write(response, ErrorCode.FORBIDDEN, "not allowed");
                            }
                        }))
                .logout(logout -> logout
                        .logoutUrl("/bff/logout")
                        .invalidateHttpSession(true)
                        .clearAuthentication(true)
                        .deleteCookies(environment.getProperty("server.servlet.session.cookie.name", "SESSION"))
                        .logoutSuccessHandler(logoutSuccessHandler(registrations, objectMapper)));
        if (registrations.oidcEnabled()) {
            RestClientAuthorizationCodeTokenResponseClient codeExchange =
                    new RestClientAuthorizationCodeTokenResponseClient();
            codeExchange.setRestClient(tokenEndpointClient(web));
            // the provider's configuration is read on the first sign-in: while it cannot be, a 503, not Spring's 500
            http.addFilterBefore(new OncePerRequestFilter() {
                @Override
                protected boolean shouldNotFilter(HttpServletRequest request) {
                    return !request.getRequestURI().equals(SIGN_IN);
                }

                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                FilterChain chain) throws ServletException, IOException {
                    try {
                        registrations.findByRegistrationId(LedgerClientRegistrations.OIDC);
                    } catch (IllegalStateException e) {
                        LoggerFactory.getLogger(WebSecurityConfig.class).warn("sign-in refused: {}", e.getMessage());
                        problems.write(response, ErrorCode.UPSTREAM_UNAVAILABLE, "The identity provider cannot be "
                                + "reached at the moment; try signing in again shortly.", web.retryAfterSeconds());
                        return;
                    }
                    chain.doFilter(request, response);
                }
            }, OAuth2AuthorizationRequestRedirectFilter.class);
            http.oauth2Login(login -> login
                    .clientRegistrationRepository(registrations)
                    .authorizedClientRepository(authorizedClients)
                    .loginPage(SIGN_IN)
                    .authorizationEndpoint(a -> a.authorizationRequestResolver(pkce(registrations)))
                    .tokenEndpoint(t -> t.accessTokenResponseClient(codeExchange))
                    .userInfoEndpoint(u -> u.userAuthoritiesMapper(SignedInUsers.fromIdToken()))
                    .defaultSuccessUrl("/", true)
                    .failureUrl("/?signin=failed"));
        }
        return http.build();
    }

    /** Only the OIDC registration starts a redirect; PKCE (S256) on it, although the client is confidential. */
    private static OAuth2AuthorizationRequestResolver pkce(ClientRegistrationRepository registrations) {
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return new OAuth2AuthorizationRequestResolver() {
            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
                return request.getRequestURI().equals(SIGN_IN) ? resolver.resolve(request) : null;
            }

            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
                return LedgerClientRegistrations.OIDC.equals(registrationId)
                        ? resolver.resolve(request, registrationId) : null;
            }
        };
    }

    /**
     * Where the page goes after sign-out, as JSON {@code {"logoutUrl": …}} rather than a redirect: the page calls
     * sign-out with {@code fetch} (to send the CSRF header) and then navigates there itself. After an OIDC sign-in it
     * is the provider's end-session address with the ID token hint (RP-initiated logout), back to {@code /}.
     */
    private static OidcClientInitiatedLogoutSuccessHandler logoutSuccessHandler(
            ClientRegistrationRepository registrations, ObjectMapper objectMapper) {
        OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        handler.setPostLogoutRedirectUri("{baseUrl}/");
        handler.setDefaultTargetUrl("/");
        handler.setAlwaysUseDefaultTargetUrl(false);
        handler.setRedirectStrategy((request, response, url) -> {
            response.setStatus(200);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setHeader("Cache-Control", "no-store");
            objectMapper.writeValue(response.getOutputStream(), Map.of("signedOut", true, "logoutUrl", url));
        });
        return handler;
    }

    /** The token endpoint's client with bounded waits (Spring's default has none), and Spring's own converters. */
    private static RestClient tokenEndpointClient(WebProperties web) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(web.connectTimeout());
        factory.setReadTimeout(web.readTimeout());
        return RestClient.builder()
                .requestFactory(factory)
                .messageConverters(converters -> {
                    converters.clear();
                    converters.add(new FormHttpMessageConverter());
                    converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build();
    }
}
