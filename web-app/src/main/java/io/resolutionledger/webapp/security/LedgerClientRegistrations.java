package io.resolutionledger.webapp.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two ways to sign in, as Spring Security's client registrations:
 * <ul>
 *   <li>{@value #OIDC} — the identity provider (authorization code with PKCE, confidential client), built from its
 *       OpenID configuration on first use, not at start-up: the web app starts while the provider is away (as the
 *       services do), and a sign-in meanwhile fails and is tried again on the next one;</li>
 *   <li>{@value #DEV} — the local profile's development login: no provider at all; the registration only names
 *       whose tokens an authorized client holds (the development key's), so that a development sign-in is kept in
 *       the session exactly like an OIDC one.</li>
 * </ul>
 */
public class LedgerClientRegistrations implements ClientRegistrationRepository {

    public static final String OIDC = "ledger";
    public static final String DEV = "ledger-dev";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OidcProperties oidc;
    private final ClientRegistration dev;
    private final HttpClient http;
    private volatile ClientRegistration discovered;

    public LedgerClientRegistrations(OidcProperties oidc, boolean devLogin, Duration timeout) {
        this.oidc = oidc;
        this.dev = devLogin ? devRegistration() : null;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        if (!oidc.enabled() && !devLogin) {
            throw new IllegalStateException("nobody could sign in: set ledger.web.oidc.issuer (LEDGER_WEB_OIDC_ISSUER) "
                    + "to the identity provider's OIDC issuer, with LEDGER_WEB_OIDC_CLIENT_SECRET, or run the local "
                    + "profile on loopback for the development login");
        }
        if (oidc.enabled() && (oidc.clientSecret() == null || oidc.clientSecret().isBlank())) {
            throw new IllegalStateException("ledger.web.oidc.client-secret (LEDGER_WEB_OIDC_CLIENT_SECRET) is not set: "
                    + "the secret of the confidential client " + oidc.clientId());
        }
    }

    public boolean oidcEnabled() {
        return oidc.enabled();
    }

    public boolean devLoginEnabled() {
        return dev != null;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (DEV.equals(registrationId)) {
            return dev;
        }
        if (OIDC.equals(registrationId) && oidc.enabled()) {
            ClientRegistration registration = discovered;
            if (registration == null) {
                registration = discover();
                discovered = registration;
            }
            return registration;
        }
        return null;
    }

    private ClientRegistration discover() {
        JsonNode configuration;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(oidc.discovery())
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the identity provider's OpenID configuration " + oidc.discovery()
                        + " answered " + response.statusCode());
            }
            configuration = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the identity provider's OpenID configuration " + oidc.discovery()
                    + " cannot be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String issuer = configuration.path("issuer").asText();
        if (!oidc.issuer().equals(issuer)) {
            throw new IllegalStateException("the OpenID configuration at " + oidc.discovery() + " names the issuer "
                    + issuer + ", not the configured " + oidc.issuer());
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        configuration.fields().forEachRemaining(field -> {
            if (field.getValue().isTextual()) {
                metadata.put(field.getKey(), field.getValue().asText());
            }
        });
        return ClientRegistration.withRegistrationId(OIDC)
                .clientId(oidc.clientId())
                .clientSecret(oidc.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid")
                .authorizationUri(configuration.path("authorization_endpoint").asText())
                .tokenUri(configuration.path("token_endpoint").asText())
                .jwkSetUri(configuration.path("jwks_uri").asText())
                .issuerUri(issuer)
                .userNameAttributeName(IdTokenClaimNames.SUB)
                // end_session_endpoint: RP-initiated logout (OidcClientInitiatedLogoutSuccessHandler)
                .providerConfigurationMetadata(metadata)
                .clientName("Resolution Ledger")
                .build();
    }

    private static ClientRegistration devRegistration() {
        // never used for a redirect (the authorization request resolver only serves the OIDC registration)
        URI nowhere = URI.create("http://127.0.0.1/dev-login");
        return ClientRegistration.withRegistrationId(DEV)
                .clientId("ledger-dev-login")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/dev-login")
                .authorizationUri(nowhere.toString())
                .tokenUri(nowhere.toString())
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .clientName("Development sign-in")
                .build();
    }
}
