package io.resolutionledger.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;

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
 * The provider's discovery and keys are fetched on first use, so a service starts while its provider is away and
 * answers 503 meanwhile ({@link IdentityProviderGuard}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerJwtProperties.class)
public class LedgerJwtConfiguration {

    /**
     * Wraps the configured decoder (this one, or a test's) in a {@link CachingJwtDecoder}: a token is verified once
     * until its expiry. {@code ledger.security.jwt.cache-size} (default 10,000 tokens; 0: no cache).
     */
    @Bean
    public static BeanPostProcessor cachingJwtDecoders(@Value("${ledger.security.jwt.cache-size:10000}") long size) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder) && size > 0) {
                    return new CachingJwtDecoder(decoder, size, Clock.systemUTC());
                }
                return bean;
            }
        };
    }

    @Bean
    public JwtDecoder ledgerJwtDecoder(LedgerJwtProperties properties, Environment environment,
                                       @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}")
                                       String issuerUri) {
        String issuer = properties.issuer() != null ? properties.issuer() : blankToNull(issuerUri);
        if (properties.publicKey() != null) {
            FixedKeyGuard.requireLoopback(environment);
            if (issuer == null) {
                throw new IllegalStateException("ledger.security.jwt.public-key needs ledger.security.jwt.issuer: "
                        + "the iss claim the tokens signed with that key carry");
            }
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(readRsaKey(properties))
                    .signatureAlgorithm(SignatureAlgorithm.RS256)
                    .build();
            decoder.setJwtValidator(LedgerJwtValidators.create(issuer, properties.audience(), properties.clockSkew()));
            return decoder;
        }
        if (issuer != null) {
            return issuerDecoder(issuer, properties.jwkSetUri(), properties.audience(), properties.clockSkew());
        }
        throw new IllegalStateException("no token issuer is trusted: set "
                + "spring.security.oauth2.resourceserver.jwt.issuer-uri (SPRING_SECURITY_OAUTH2_RESOURCESERVER_"
                + "JWT_ISSUER_URI) to the identity provider's OIDC issuer");
    }

    /**
     * The decoder of an identity provider's tokens. Its discovery (Nimbus asks the issuer at once) is deferred to the
     * first token by Spring's {@link SupplierJwtDecoder}, which tries again on the next token until it succeeds: a
     * service starts while its provider is away. Until then, and whenever the provider's keys cannot be fetched,
     * {@link IdentityProviderGuard} makes it a 503.
     */
    public static JwtDecoder issuerDecoder(String issuer, java.net.URI jwkSetUri, String audience,
                                           java.time.Duration clockSkew) {
        return new IdentityProviderGuard(new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder = jwkSetUri != null
                    ? NimbusJwtDecoder.withJwkSetUri(jwkSetUri.toString())
                    : NimbusJwtDecoder.withIssuerLocation(issuer);
            NimbusJwtDecoder decoder = builder.jwsAlgorithms(algorithms -> {
                algorithms.clear();
                algorithms.add(SignatureAlgorithm.RS256);
                algorithms.add(SignatureAlgorithm.ES256);
            }).build();
            decoder.setJwtValidator(LedgerJwtValidators.create(issuer, audience, clockSkew));
            return decoder;
        }));
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
