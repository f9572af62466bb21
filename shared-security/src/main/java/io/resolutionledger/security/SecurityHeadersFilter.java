package io.resolutionledger.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The same protective headers on every answer of both services — pages, API answers, problem details, also those
 * that filters before Spring Security write (rate limits, stream caps): it runs first of all filters.
 * <ul>
 *   <li>{@code Content-Security-Policy}: scripts, styles, images and connections from the service's own origin only,
 *       no plugins, no {@code <base>}, forms post only to itself, never framed ({@code frame-ancestors 'none'}).
 *       The dashboard (static/) has no inline script or style, so it runs under it unchanged. Swagger UI sets inline
 *       styles, so its pages alone may use them.</li>
 *   <li>{@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY} (for browsers without CSP 2),
 *       {@code Referrer-Policy: no-referrer} (links out of the dashboard leak no URL with ids).</li>
 * </ul>
 */
public class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    static final String SWAGGER_POLICY = POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        boolean swagger = path.startsWith(request.getContextPath() + "/swagger-ui");
        response.setHeader("Content-Security-Policy", swagger ? SWAGGER_POLICY : POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
