package io.resolutionledger.webapp.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * Deep links of the pages ({@code /resolutions/{id}}, {@code /sessions/{id}}, …) are the one page {@code /index.html},
 * whose script draws what the address names: every GET of a path whose last segment has no dot, outside the web
 * app's own routes ({@code /bff/**}, {@code /oauth2/**}, {@code /login/**}, {@code /dev-login},
 * {@code /actuator/**}, {@code /error}), is forwarded there. Files ({@code app.js}) are served as they are.
 */
public class SpaForwardFilter extends OncePerRequestFilter {

    static final List<String> OWN = List.of("/bff", "/oauth2", "/login", "/dev-login", "/actuator", "/error");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.isEmpty() || path.equals("/") || path.equals("/index.html")) {
            return true;
        }
        for (String own : OWN) {
            if (path.equals(own) || path.startsWith(own + "/")) {
                return true;
            }
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.contains(".");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.getRequestDispatcher("/index.html").forward(request, response);
    }
}
