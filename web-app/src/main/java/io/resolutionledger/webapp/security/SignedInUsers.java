package io.resolutionledger.webapp.security;

import io.resolutionledger.security.LedgerRoles;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A signed-in person's roles, the same way for both sign-ins: the {@code roles} claim ({@code delegate},
 * {@code auditor}, {@code admin}) as {@code ROLE_*} authorities. The services judge every call by the access token
 * themselves; these authorities only decide what the web app itself shows (its actuator).
 */
public final class SignedInUsers {

    static final List<String> LEDGER_ROLES = List.of(LedgerRoles.DELEGATE, LedgerRoles.AUDITOR, LedgerRoles.ADMIN);

    private SignedInUsers() {
    }

    public static List<GrantedAuthority> authorities(Object roles) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String role : roles(roles)) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT)));
        }
        return authorities;
    }

    /**
     * The ledger's roles among a token's {@code roles} claim, as the services count them ({@link LedgerRoles}); the
     * provider's own (Keycloak's {@code offline_access}, {@code default-roles-ledger}, …) are left out.
     */
    public static List<String> roles(Object roles) {
        List<String> out = new ArrayList<>();
        Collection<?> all = roles instanceof Collection<?> collection ? collection
                : roles instanceof String single ? List.of(single) : List.of();
        for (Object role : all) {
            String name = role == null ? "" : role.toString().toLowerCase(Locale.ROOT);
            if (LEDGER_ROLES.contains(name) && !out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** Adds the ID token's roles to what Spring's OIDC sign-in grants. */
    public static GrantedAuthoritiesMapper fromIdToken() {
        return granted -> {
            Set<GrantedAuthority> mapped = new LinkedHashSet<>(granted);
            for (GrantedAuthority authority : granted) {
                if (authority instanceof OidcUserAuthority oidc) {
                    mapped.addAll(authorities(oidc.getIdToken().getClaims().get("roles")));
                }
            }
            return mapped;
        };
    }
}
