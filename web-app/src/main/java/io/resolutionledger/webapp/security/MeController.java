package io.resolutionledger.webapp.security;

import io.resolutionledger.webapp.relay.SessionTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /bff/me}: who this session signed in as, for the pages — never a token. The person's claims come from
 * the sign-in's ID token (the realm puts {@code delegation} and {@code roles} there as in the access token);
 * {@code expiresAt} is when the session's current access token ends: after an OIDC sign-in the web app renews it with
 * the refresh token (also on this call), after the development sign-in that is the end of the sign-in.
 * Whether a delegation holds the chair is not here: the query side's {@code /api/chair} says so for a day.
 */
@RestController
public class MeController {

    private final SessionTokens tokens;

    public MeController(SessionTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/bff/me")
    public ResponseEntity<Map<String, Object>> me(Authentication authentication, HttpServletRequest request,
                                                  HttpServletResponse response) {
        Map<String, Object> me = new LinkedHashMap<>();
        Optional<OAuth2AccessToken> access;
        try {
            // renewed here as for any call, so that what the page is told holds: a sign-in that has ended is none
            access = tokens.accessToken(authentication, request, response);
        } catch (SessionTokens.SignInEnded e) {
            access = Optional.empty();
        }
        if (access.isPresent() && authentication instanceof OAuth2AuthenticationToken token
                && token.getPrincipal() instanceof OidcUser user) {
            me.put("authenticated", true);
            me.put("sub", user.getSubject());
            me.put("name", name(user));
            me.put("delegation", user.getClaimAsString("delegation"));
            me.put("roles", SignedInUsers.roles(user.getClaims().get("roles")));
            me.put("expiresAt", access.get().getExpiresAt());
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
