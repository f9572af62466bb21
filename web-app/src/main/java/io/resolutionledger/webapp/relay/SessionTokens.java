package io.resolutionledger.webapp.relay;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * The access token of the session's sign-in, through Spring's {@link OAuth2AuthorizedClientManager}: refreshed with
 * the refresh token shortly before it expires. A sign-in whose token has expired and cannot be refreshed (the
 * provider refused, or a development sign-in, which has none) ends here: the session is invalidated, and the caller
 * answers 401 {@code NOT_SIGNED_IN}.
 */
@Component
public class SessionTokens {

    private static final Logger log = LoggerFactory.getLogger(SessionTokens.class);

    /** The session had a sign-in, and it has just ended. */
    public static final class SignInEnded extends Exception {
        SignInEnded(String message) {
            super(message, null, false, false);
        }
    }

    private final OAuth2AuthorizedClientManager manager;
    private final SecurityContextLogoutHandler signOut = new SecurityContextLogoutHandler();

    public SessionTokens(OAuth2AuthorizedClientManager manager) {
        this.manager = manager;
    }

    /** The bearer token to send, empty for an anonymous reader. */
    public Optional<String> bearer(Authentication authentication, HttpServletRequest request,
                                   HttpServletResponse response) throws SignInEnded {
        return accessToken(authentication, request, response).map(OAuth2AccessToken::getTokenValue);
    }

    /** The session's access token (renewed when due), empty for an anonymous reader. */
    public Optional<OAuth2AccessToken> accessToken(Authentication authentication, HttpServletRequest request,
                                                   HttpServletResponse response) throws SignInEnded {
        if (!(authentication instanceof OAuth2AuthenticationToken signedIn)) {
            return Optional.empty();
        }
        OAuth2AuthorizedClient client;
        try {
            client = manager.authorize(OAuth2AuthorizeRequest
                    .withClientRegistrationId(signedIn.getAuthorizedClientRegistrationId())
                    .principal(signedIn)
                    .attribute(HttpServletRequest.class.getName(), request)
                    .attribute(HttpServletResponse.class.getName(), response)
                    .build());
        } catch (OAuth2AuthorizationException e) {
            log.info("the sign-in of a session ended: its token could not be refreshed ({})", e.getError());
            end(authentication, request, response);
            throw new SignInEnded("Your sign-in has ended (its token could not be renewed); sign in again.");
        }
        OAuth2AccessToken token = client == null ? null : client.getAccessToken();
        if (token == null || (token.getExpiresAt() != null && !token.getExpiresAt().isAfter(Instant.now()))) {
            end(authentication, request, response);
            throw new SignInEnded("Your sign-in has expired; sign in again.");
        }
        return Optional.of(token);
    }

    private void end(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        signOut.logout(request, response, authentication);
    }
}
