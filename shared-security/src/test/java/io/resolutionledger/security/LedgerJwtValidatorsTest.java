package io.resolutionledger.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token rules both services share, one case per rule: each broken claim alone makes the token invalid. */
class LedgerJwtValidatorsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String ISSUER = "https://idp.example/realms/ledger";
    private static final OAuth2TokenValidator<Jwt> RULES = LedgerJwtValidators.create(ISSUER, "ledger",
            Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC));

    private static Jwt.Builder valid() {
        return Jwt.withTokenValue("t").header("alg", "RS256")
                .issuer(ISSUER).audience(List.of("ledger", "account")).subject("a7f1")
                .issuedAt(NOW.minusSeconds(60)).notBefore(NOW.minusSeconds(60)).expiresAt(NOW.plusSeconds(300))
                .claim("roles", List.of("delegate")).claim("delegation", "DE-BY");
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("another issuer", (UnaryOperator<Jwt.Builder>) b -> b.issuer("https://evil.example")),
                Arguments.of("no issuer", (UnaryOperator<Jwt.Builder>) b -> b.claims(c -> c.remove("iss"))),
                Arguments.of("wrong audience", (UnaryOperator<Jwt.Builder>) b -> b.audience(List.of("account"))),
                Arguments.of("no audience", (UnaryOperator<Jwt.Builder>) b -> b.claims(c -> c.remove("aud"))),
                Arguments.of("no expiry", (UnaryOperator<Jwt.Builder>) b -> b.claims(c -> c.remove("exp"))),
                Arguments.of("expired", (UnaryOperator<Jwt.Builder>) b -> b.expiresAt(NOW.minusSeconds(31))),
                Arguments.of("not yet valid (nbf)", (UnaryOperator<Jwt.Builder>) b -> b.notBefore(NOW.plusSeconds(31))),
                Arguments.of("issued in the future, no nbf", (UnaryOperator<Jwt.Builder>) b -> b
                        .claims(c -> c.remove("nbf")).issuedAt(NOW.plusSeconds(120))),
                Arguments.of("neither nbf nor iat", (UnaryOperator<Jwt.Builder>) b -> b
                        .claims(c -> { c.remove("nbf"); c.remove("iat"); })),
                Arguments.of("no subject", (UnaryOperator<Jwt.Builder>) b -> b.claims(c -> c.remove("sub"))),
                Arguments.of("blank subject", (UnaryOperator<Jwt.Builder>) b -> b.subject(" ")),
                Arguments.of("delegate without delegation", (UnaryOperator<Jwt.Builder>) b -> b
                        .claims(c -> c.remove("delegation"))),
                Arguments.of("delegate with a malformed delegation", (UnaryOperator<Jwt.Builder>) b -> b
                        .claim("delegation", "Bavaria")),
                Arguments.of("delegation not a string", (UnaryOperator<Jwt.Builder>) b -> b
                        .claim("delegation", List.of("DE-BY", "DE-BE"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void a_token_breaking_one_rule_is_refused(String rule, UnaryOperator<Jwt.Builder> breaking) {
        assertThat(RULES.validate(breaking.apply(valid()).build()).hasErrors()).as(rule).isTrue();
    }

    @Test
    void a_token_keeping_every_rule_is_accepted() {
        assertThat(RULES.validate(valid().build()).hasErrors()).isFalse();
    }

    @Test
    void keycloak_tokens_without_nbf_are_valid_from_their_issue_time() {
        assertThat(RULES.validate(valid().claims(c -> c.remove("nbf")).build()).hasErrors()).isFalse();
    }

    @Test
    void auditors_and_admins_need_no_delegation() {
        for (String role : List.of("auditor", "admin")) {
            Jwt jwt = valid().claims(c -> c.remove("delegation")).claim("roles", List.of(role)).build();
            assertThat(RULES.validate(jwt).hasErrors()).as(role).isFalse();
        }
    }

    @Test
    void the_same_roles_map_to_the_same_authorities_on_both_sides() {
        Jwt jwt = valid().claim("roles", List.of("Delegate", "AUDITOR", "offline_access", "admin")).build();
        assertThat(new LedgerRoles().convert(jwt).getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_DELEGATE", "ROLE_AUDITOR", "ROLE_ADMIN");
        Jwt odd = valid().claim("roles", "delegate").build();
        assertThat(new LedgerRoles().convert(odd).getAuthorities()).isEmpty();
    }

    @Test
    void a_fixed_key_is_trusted_on_loopback_only() {
        FixedKeyGuard.requireLoopback(new MockEnvironment().withProperty("server.address", "127.0.0.1"));
        FixedKeyGuard.requireLoopback(new MockEnvironment().withProperty("server.address", "localhost"));
        FixedKeyGuard.requireLoopback(new MockEnvironment().withProperty("server.address", "::1"));
        assertThatThrownBy(() -> FixedKeyGuard.requireLoopback(new MockEnvironment()))
                .hasMessageContaining("unset (all interfaces)");
        assertThatThrownBy(() -> FixedKeyGuard.requireLoopback(new MockEnvironment()
                .withProperty("server.address", "0.0.0.0"))).hasMessageContaining("0.0.0.0");
        assertThatThrownBy(() -> FixedKeyGuard.requireLoopback(new MockEnvironment()
                .withProperty("server.address", "127.0.0.1").withProperty("management.server.port", "9081")))
                .hasMessageContaining("management.server.address");
        FixedKeyGuard.requireLoopback(new MockEnvironment().withProperty("server.address", "127.0.0.1")
                .withProperty("management.server.port", "9081").withProperty("management.server.address", "127.0.0.1"));
    }
}
