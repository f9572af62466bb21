package io.resolutionledger.command.security;

import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.security.LedgerRoles;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is calling, from the validated token only: the person ({@code sub}), the delegation it acts for (null for
 * auditors and administrators without one) and its roles. A request body can never change any of it.
 */
public record Caller(String subject, DelegationCode delegation, Set<Role> roles) {

    public enum Role {
        DELEGATE, AUDITOR, ADMIN;

        public String authority() {
            return "ROLE_" + name();
        }
    }

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public static Caller from(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            throw new IllegalStateException("no authenticated caller");
        }
        Set<String> authorities = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        Set<Role> roles = java.util.Arrays.stream(Role.values())
                .filter(r -> authorities.contains(r.authority()))
                .collect(Collectors.toSet());
        String delegation = jwt.getClaimAsString(LedgerRoles.DELEGATION_CLAIM);
        return new Caller(jwt.getSubject(),
                DelegationCode.isValid(delegation) ? DelegationCode.of(delegation) : null, roles);
    }
}
