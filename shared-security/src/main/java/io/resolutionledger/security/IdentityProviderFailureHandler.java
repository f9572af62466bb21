package io.resolutionledger.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import java.io.IOException;

/**
 * The bearer-token filter's failure handler of both services: an identity provider that cannot be asked
 * ({@link IdentityProviderUnavailableException} anywhere in the cause chain) is answered by {@code unavailable} (a 503
 * problem with {@code Retry-After}); every other failure goes to the service's entry point (401). Spring's default
 * handler rethrows such a failure instead, which the servlet container turns into a 500.
 * <p>
 * Installed on {@code BearerTokenAuthenticationFilter} through {@code oauth2ResourceServer(rs ->
 * rs.withObjectPostProcessor(...))}.
 */
public final class IdentityProviderFailureHandler implements AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(IdentityProviderFailureHandler.class);

    /** Writes the 503 answer; the service's own problem-details writer. */
    @FunctionalInterface
    public interface Unavailable {
        void write(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    /** Seconds a client should wait before it tries again. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private final AuthenticationEntryPoint entryPoint;
    private final Unavailable unavailable;

    public IdentityProviderFailureHandler(AuthenticationEntryPoint entryPoint, Unavailable unavailable) {
        this.entryPoint = entryPoint;
        this.unavailable = unavailable;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException, ServletException {
        if (isIdentityProviderUnavailable(exception)) {
            log.warn("identity provider unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(),
                    exception.getCause() == null ? exception.toString() : exception.getCause().toString());
            response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
            unavailable.write(request, response);
            return;
        }
        entryPoint.commence(request, response, exception);
    }

    static boolean isIdentityProviderUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IdentityProviderUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
