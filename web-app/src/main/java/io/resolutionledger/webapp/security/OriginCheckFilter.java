package io.resolutionledger.webapp.security;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.webapp.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Defence in depth beside the CSRF token: a state-changing request ({@code POST}, {@code PUT}, {@code PATCH},
 * {@code DELETE}) whose browser says it comes from another site ({@code Sec-Fetch-Site: cross-site} or
 * {@code same-site}) or from another origin ({@code Origin}) is refused with 403 {@code CSRF_TOKEN_INVALID} before
 * the token is even looked at. Clients that send neither header (scripts, older browsers) are left to the token.
 */
public class OriginCheckFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final URI publicUrl;
    private final ProblemResponses problems;

    public OriginCheckFilter(URI publicUrl, ProblemResponses problems) {
        this.publicUrl = publicUrl;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SAFE.contains(request.getMethod())) {
            String site = request.getHeader("Sec-Fetch-Site");
            if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
                problems.write(response, ErrorCode.CSRF_TOKEN_INVALID, "This request comes from another site ("
                        + "Sec-Fetch-Site: " + site + "); only the web app's own pages may change anything.");
                return;
            }
            String origin = request.getHeader("Origin");
            // a form the page itself posts (the development sign-in) says "Origin: null" under the pages'
            // Referrer-Policy no-referrer; the browser's own Sec-Fetch-Site vouches that it is of this origin
            boolean ownFormWithoutReferrer = "null".equals(origin) && "same-origin".equalsIgnoreCase(site);
            if (origin != null && !ownFormWithoutReferrer && !origin.equalsIgnoreCase(ownOrigin(request))) {
                problems.write(response, ErrorCode.CSRF_TOKEN_INVALID, "This request comes from another origin ("
                        + "Origin: " + origin + "); only the web app's own pages may change anything.");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private String ownOrigin(HttpServletRequest request) {
        if (publicUrl != null) {
            return origin(publicUrl.getScheme(), publicUrl.getHost(), publicUrl.getPort());
        }
        return origin(request.getScheme(), request.getServerName(), request.getServerPort());
    }

    static String origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port < 0 || (s.equals("http") && port == 80) || (s.equals("https") && port == 443);
        return s + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
