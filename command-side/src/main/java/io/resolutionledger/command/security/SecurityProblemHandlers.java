package io.resolutionledger.command.security;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.command.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/** 401 and 403 as problem details, like every other error; never the reason a token was refused in detail. */
class SecurityProblemHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ProblemWriter problems;

    SecurityProblemHandlers(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException exception) throws IOException {
        boolean badToken = exception instanceof OAuth2AuthenticationException;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        problems.write(request, response, ErrorCode.UNAUTHENTICATED, badToken
                ? "The bearer token is malformed, expired, not yet valid or not signed by a trusted key."
                : "Authentication required: send Authorization: Bearer <token>.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException exception) throws IOException {
        problems.write(request, response, ErrorCode.FORBIDDEN,
                "Your token does not grant this action (commands need the role 'delegate' and a valid "
                        + "'delegation' claim; auditors change nothing).");
    }
}
