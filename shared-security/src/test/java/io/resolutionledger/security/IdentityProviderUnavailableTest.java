package io.resolutionledger.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

import java.net.ServerSocket;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An identity provider that does not answer (nothing listens at its address) makes the bearer-token filter answer
 * 503 with {@code Retry-After} through the services' failure handler, never a 500 (Spring's own handler rethrows)
 * and never a 401 (the token may be fine); a malformed token is still a 401. Spring Security's real filter, provider
 * and Nimbus decoder, with the decoder the services build around them.
 */
class IdentityProviderUnavailableTest {

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String signedToken() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPrivateKey key = (RSAPrivateKey) generator.generateKeyPair().getPrivate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer("http://idp.test").subject("person-1").audience("ledger")
                        .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** The filter as the services install it; answers the response. */
    private static MockHttpServletResponse filter(JwtDecoder decoder, String token) throws Exception {
        BearerTokenAuthenticationFilter filter = new BearerTokenAuthenticationFilter(
                new ProviderManager(List.of(new JwtAuthenticationProvider(decoder instanceof IdentityProviderGuard
                        ? decoder : new IdentityProviderGuard(decoder)))));
        filter.setAuthenticationFailureHandler(new IdentityProviderFailureHandler(
                (request, response, e) -> response.sendError(401),
                (request, response) -> {
                    response.setStatus(503);
                    response.setContentType("application/problem+json");
                    response.getWriter().write("{\"code\":\"IDENTITY_PROVIDER_UNAVAILABLE\"}");
                }));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/resolutions");
        request.addHeader("Authorization", "Bearer " + token);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        assertThat(chain.getRequest()).as("a request that was not authenticated goes no further").isNull();
        return response;
    }

    @Test
    void a_jwk_set_that_does_not_answer_is_a_503_with_retry_after() throws Exception {
        JwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri("http://127.0.0.1:" + closedPort() + "/certs").build();
        MockHttpServletResponse response = filter(decoder, signedToken());
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo(IdentityProviderFailureHandler.RETRY_AFTER_SECONDS);
        assertThat(response.getContentAsString()).contains("IDENTITY_PROVIDER_UNAVAILABLE");
    }

    @Test
    void an_issuer_whose_discovery_does_not_answer_is_a_503_too() throws Exception {
        // the services' own decoder of an identity provider: built while the provider is away (a service starts)
        JwtDecoder decoder = LedgerJwtConfiguration.issuerDecoder("http://127.0.0.1:" + closedPort() + "/realms/dmk",
                null, "ledger", java.time.Duration.ofSeconds(30));
        MockHttpServletResponse response = filter(decoder, signedToken());
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isNotBlank();
    }

    @Test
    void a_malformed_token_is_still_a_401() throws Exception {
        JwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri("http://127.0.0.1:" + closedPort() + "/certs").build();
        MockHttpServletResponse response = filter(decoder, "not-a-jwt");
        assertThat(response.getStatus()).isEqualTo(401);
    }
}
