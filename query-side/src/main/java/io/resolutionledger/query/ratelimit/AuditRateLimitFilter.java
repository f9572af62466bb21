package io.resolutionledger.query.ratelimit;

import io.resolutionledger.api.limits.TokenBuckets;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.query.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * 429 {@code RATE_LIMITED} with {@code Retry-After} for a caller over its budget on {@code /api/audit/**}. Runs after
 * Spring Security (order -100), so the caller is the verified token's {@code sub} (the client address when there is
 * none; anonymous callers are refused 401 by security before this anyway).
 */
@Component
@Order(0)
public class AuditRateLimitFilter extends OncePerRequestFilter {

    private final AuditRateLimiter limiter;
    private final ObjectMapper objectMapper;

    public AuditRateLimitFilter(AuditRateLimiter limiter, ObjectMapper objectMapper) {
        this.limiter = limiter;
        this.objectMapper = objectMapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limiter.enabled() || !request.getRequestURI().startsWith("/api/audit/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long wait = limiter.buckets().tryAcquire(callerKey(request));
        if (wait > 0) {
            ProblemDetail problem = Problems.of(ErrorCode.RATE_LIMITED,
                    "Too many audit requests from this caller; wait as long as Retry-After says and try again.");
            response.setStatus(problem.getStatus());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(TokenBuckets.retryAfterSeconds(wait)));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            objectMapper.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(request, response);
    }

    static String callerKey(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken) && authentication.getName() != null) {
            return "sub:" + authentication.getName();
        }
        return "ip:" + request.getRemoteAddr();
    }
}
