package io.resolutionledger.webapp.security;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /bff/me}: who this session signed in as, for the pages — never a token. The person's claims come from
 * the sign-in's ID token (the realm puts {@code delegation} and {@code roles} there as in the access token);
 * {@code expiresAt} is when the current sign-in's token ends (renewed by refresh where the provider gave one).
 * Whether a delegation holds the chair is not here: the query side's {@code /api/chair} says so for a day.
 */
@RestController
public class MeController {

    @GetMapping("/bff/me")
    public ResponseEntity<Map<String, Object>> me(Authentication authentication) {
        Map<String, Object> me = new LinkedHashMap<>();
        if (authentication instanceof OAuth2AuthenticationToken token && token.getPrincipal() instanceof OidcUser user) {
            me.put("authenticated", true);
            me.put("sub", user.getSubject());
            me.put("name", name(user));
            me.put("delegation", user.getClaimAsString("delegation"));
            me.put("roles", SignedInUsers.roles(user.getClaims().get("roles")));
            me.put("expiresAt", user.getIdToken().getExpiresAt());
            me.put("devLogin", LedgerClientRegistrations.DEV.equals(token.getAuthorizedClientRegistrationId()));
        } else {
            me.put("authenticated", false);
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(me);
    }

    private static String name(OidcUser user) {
        for (String claim : new String[] {"name", "preferred_username"}) {
            String value = user.getClaimAsString(claim);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return user.getSubject();
    }
}
