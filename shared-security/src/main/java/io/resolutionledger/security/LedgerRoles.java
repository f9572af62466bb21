package io.resolutionledger.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one role mapping of both services: the token's {@code roles} claim (a list of strings; Keycloak's realm-role
 * mapper of the ledger realm writes it) becomes {@code ROLE_DELEGATE}, {@code ROLE_AUDITOR}, {@code ROLE_ADMIN};
 * other roles are ignored. The validators ({@link LedgerJwtValidators}) have already refused a delegate without a
 * delegation, so the mapping needs no second look at it.
 */
public final class LedgerRoles implements Converter<Jwt, AbstractAuthenticationToken> {

    public static final String ROLES_CLAIM = "roles";
    public static final String DELEGATION_CLAIM = "delegation";
    public static final String DELEGATE = "delegate";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "admin";

    private static final Set<String> KNOWN = Set.of(DELEGATE, AUDITOR, ADMIN);

    /** The ledger's roles the token names, lower case; malformed claims name none. */
    public static Set<String> roleNames(Jwt jwt) {
        Object claim = jwt.getClaims().get(ROLES_CLAIM);
        Set<String> names = new LinkedHashSet<>();
        if (claim instanceof Iterable<?> roles) {
            for (Object role : roles) {
                if (role instanceof String name && KNOWN.contains(name.toLowerCase(Locale.ROOT))) {
                    names.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    public static String authority(String role) {
        return "ROLE_" + role.toUpperCase(Locale.ROOT);
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> authorities = roleNames(jwt).stream()
                .map(r -> (GrantedAuthority) new SimpleGrantedAuthority(authority(r)))
                .toList();
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }
}
