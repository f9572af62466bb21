package io.resolutionledger.command.security;

import io.resolutionledger.api.value.DelegationCode;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the token's {@code roles} claim into {@code ROLE_DELEGATE}, {@code ROLE_AUDITOR}, {@code ROLE_ADMIN}.
 * {@code ROLE_DELEGATE} is granted only with a well-formed {@code delegation} claim: a delegate who cannot say for
 * whom it acts may authenticate, but may not act (403). Unknown roles are ignored.
 */
public class LedgerJwtAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    public static final String ROLES_CLAIM = "roles";
    public static final String DELEGATION_CLAIM = "delegation";

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        Object claim = jwt.getClaims().get(ROLES_CLAIM);
        if (claim instanceof Iterable<?> roles) {
            for (Object role : roles) {
                if (role instanceof String name) {
                    grant(name.toLowerCase(Locale.ROOT), jwt, authorities);
                }
            }
        }
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    private static void grant(String role, Jwt jwt, List<GrantedAuthority> authorities) {
        Caller.Role granted = switch (role) {
            case "delegate" -> DelegationCode.isValid(jwt.getClaimAsString(DELEGATION_CLAIM)) ? Caller.Role.DELEGATE : null;
            case "auditor" -> Caller.Role.AUDITOR;
            case "admin" -> Caller.Role.ADMIN;
            default -> null;
        };
        if (granted != null) {
            SimpleGrantedAuthority authority = new SimpleGrantedAuthority(granted.authority());
            if (!authorities.contains(authority)) {
                authorities.add(authority);
            }
        }
    }
}
