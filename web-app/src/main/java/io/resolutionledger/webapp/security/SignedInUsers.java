package io.resolutionledger.webapp.security;

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

    private SignedInUsers() {
    }

    public static List<GrantedAuthority> authorities(Object roles) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String role : roles(roles)) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT)));
        }
        return authorities;
    }

    public static List<String> roles(Object roles) {
        List<String> out = new ArrayList<>();
        if (roles instanceof Collection<?> collection) {
            for (Object role : collection) {
                if (role != null) {
                    out.add(role.toString());
                }
            }
        } else if (roles instanceof String single && !single.isBlank()) {
            out.add(single);
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
