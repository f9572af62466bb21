package io.resolutionledger.query.security;

import io.resolutionledger.security.LedgerRoles;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Optional;
import java.util.Set;

/**
 * Who is reading: a member of the conference (a valid token with role delegate, auditor or admin) sees everything;
 * anyone else sees only what is public (published resolutions, sessions, the chair, figures).
 */
public record Viewer(boolean member, Optional<String> delegation) {

    public static final Viewer ANONYMOUS = new Viewer(false, Optional.empty());

    private static final Set<String> MEMBER_ROLES = Set.of("ROLE_DELEGATE", "ROLE_AUDITOR", "ROLE_ADMIN");

    public static Viewer of(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken jwt) || !jwt.isAuthenticated()) {
            return ANONYMOUS;
        }
        boolean member = jwt.getAuthorities().stream().anyMatch(a -> MEMBER_ROLES.contains(a.getAuthority()));
        return new Viewer(member, Optional.ofNullable(jwt.getToken().getClaimAsString(LedgerRoles.DELEGATION_CLAIM)));
    }
}
