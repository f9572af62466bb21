package io.resolutionledger.webapp.relay;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.webapp.WebProperties;
import io.resolutionledger.webapp.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;

/**
 * {@code /bff/command/**} → the command side's {@code /api/**} (every method; a sign-in is required, see
 * {@code WebSecurityConfig}); {@code /bff/query/**} → the query side's {@code /api/**} (GET only; anonymous readers
 * too), {@code /bff/query/stream} streamed through.
 */
@RestController
public class RelayController {

    static final String COMMAND = "/bff/command";
    static final String QUERY = "/bff/query";

    private final Relay relay;
    private final SessionTokens tokens;
    private final WebProperties properties;
    private final ProblemResponses problems;

    public RelayController(Relay relay, SessionTokens tokens, WebProperties properties, ProblemResponses problems) {
        this.relay = relay;
        this.tokens = tokens;
        this.properties = properties;
        this.problems = problems;
    }

    @RequestMapping({COMMAND, COMMAND + "/**"})
    public void command(Authentication authentication, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String bearer;
        try {
            bearer = tokens.bearer(authentication, request, response).orElse(null);
        } catch (SessionTokens.SignInEnded e) {
            problems.write(response, ErrorCode.NOT_SIGNED_IN, e.getMessage());
            return;
        }
        if (bearer == null) {
            problems.write(response, ErrorCode.NOT_SIGNED_IN, "Sign in first: this needs a signed-in person.");
            return;
        }
        relay.relay(properties.commandUrl(), COMMAND, QUERY, request, response, bearer);
    }

    @GetMapping(QUERY + "/stream")
    public ResponseEntity<StreamingResponseBody> stream(Authentication authentication, HttpServletRequest request,
                                                        HttpServletResponse response) throws IOException {
        String bearer;
        try {
            bearer = tokens.bearer(authentication, request, response).orElse(null);
        } catch (SessionTokens.SignInEnded e) {
            problems.write(response, ErrorCode.NOT_SIGNED_IN, e.getMessage());
            return null;
        }
        StreamingResponseBody body = relay.stream(properties.queryUrl(), QUERY, request, response, bearer);
        return body == null ? null : ResponseEntity.status(response.getStatus()).body(body);
    }

    @RequestMapping({QUERY, QUERY + "/**"})
    public void query(Authentication authentication, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            response.setHeader(HttpHeaders.ALLOW, "GET, HEAD");
            problems.write(response, ErrorCode.METHOD_NOT_ALLOWED, "The query side is read only: GET.");
            return;
        }
        String bearer;
        try {
            bearer = tokens.bearer(authentication, request, response).orElse(null);
        } catch (SessionTokens.SignInEnded e) {
            problems.write(response, ErrorCode.NOT_SIGNED_IN, e.getMessage());
            return;
        }
        relay.relay(properties.queryUrl(), QUERY, QUERY, request, response, bearer);
    }
}
