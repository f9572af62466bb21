package io.resolutionledger.command.security;

import io.resolutionledger.security.LedgerRoles;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The caller of a command comes from the token only, through the role mapping both services share. */
class CallerTest {

    private final LedgerRoles converter = new LedgerRoles();

    private static Jwt jwt(String delegation, Object roles) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("u-1")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).claim("roles", roles);
        if (delegation != null) {
            builder.claim("delegation", delegation);
        }
        return builder.build();
    }

    private List<String> authorities(Jwt jwt) {
        return converter.convert(jwt).getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList();
    }

    @Test
    void rolesBecomeAuthorities() {
        assertThat(authorities(jwt("DE-BY", List.of("delegate", "AUDITOR", "admin", "superuser"))))
                .containsExactly("ROLE_ADMIN", "ROLE_AUDITOR", "ROLE_DELEGATE");
    }

    @Test
    void theCallerComesFromTheToken() {
        Caller caller = Caller.from(converter.convert(jwt("DE-BY", List.of("delegate"))));
        assertThat(caller.subject()).isEqualTo("u-1");
        assertThat(caller.delegation().value()).isEqualTo("DE-BY");
        assertThat(caller.has(Caller.Role.DELEGATE)).isTrue();
        assertThat(caller.has(Caller.Role.ADMIN)).isFalse();
    }
}
