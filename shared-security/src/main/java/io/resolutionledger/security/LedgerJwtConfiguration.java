package io.resolutionledger.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;

/**
 * The JWT decoder both services use, from {@link LedgerJwtProperties}:
 * <ul>
 *   <li>with an identity provider ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}): its keys from its
 *       JWK set (discovered from the issuer's OpenID configuration, or {@code ledger.security.jwt.jwk-set-uri}),
 *       RS256 or ES256;</li>
 *   <li>with a fixed public key ({@code ledger.security.jwt.public-key}): RS256 with that key, and only while every
 *       listener is bound to loopback ({@link FixedKeyGuard}): the development key's private half is public.</li>
 * </ul>
 * Either way the same {@link LedgerJwtValidators} apply. Without an issuer or a key the service refuses to start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerJwtProperties.class)
public class LedgerJwtConfiguration {

    @Bean
    public JwtDecoder ledgerJwtDecoder(LedgerJwtProperties properties, Environment environment,
                                       @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}")
                                       String issuerUri) {
        String issuer = properties.issuer() != null ? properties.issuer() : blankToNull(issuerUri);
        NimbusJwtDecoder decoder;
        if (properties.publicKey() != null) {
            FixedKeyGuard.requireLoopback(environment);
            if (issuer == null) {
                throw new IllegalStateException("ledger.security.jwt.public-key needs ledger.security.jwt.issuer: "
                        + "the iss claim the tokens signed with that key carry");
            }
            decoder = NimbusJwtDecoder.withPublicKey(readRsaKey(properties))
                    .signatureAlgorithm(SignatureAlgorithm.RS256)
                    .build();
        } else if (issuer != null) {
            NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder = properties.jwkSetUri() != null
                    ? NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())
                    : NimbusJwtDecoder.withIssuerLocation(issuer);
            decoder = builder.jwsAlgorithms(algorithms -> {
                algorithms.clear();
                algorithms.add(SignatureAlgorithm.RS256);
                algorithms.add(SignatureAlgorithm.ES256);
            }).build();
        } else {
            throw new IllegalStateException("no token issuer is trusted: set "
                    + "spring.security.oauth2.resourceserver.jwt.issuer-uri (SPRING_SECURITY_OAUTH2_RESOURCESERVER_"
                    + "JWT_ISSUER_URI) to the identity provider's OIDC issuer");
        }
        decoder.setJwtValidator(LedgerJwtValidators.create(issuer, properties.audience(), properties.clockSkew()));
        return decoder;
    }

    private static RSAPublicKey readRsaKey(LedgerJwtProperties properties) {
        try (InputStream in = properties.publicKey().getInputStream()) {
            return RsaKeyConverters.x509().convert(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger.security.jwt.public-key " + properties.publicKey(), e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
