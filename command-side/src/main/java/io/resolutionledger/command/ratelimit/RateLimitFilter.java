package io.resolutionledger.command.ratelimit;

import io.resolutionledger.api.limits.TokenBuckets;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.command.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * 429 {@code RATE_LIMITED} with {@code Retry-After} for a caller over its command budget. Runs after Spring
 * Security (whose filter chain has order -100), so the caller is the verified token's {@code sub}; a request
 * without an authenticated caller (none reaches here on this side: commands need a token) counts against its
 * client address. Only {@code POST /api/**} is limited.
 */
@Component
@Order(RateLimitFilter.ORDER)
public class RateLimitFilter extends OncePerRequestFilter {

    /** After the security filter chain (-100), before the MVC dispatch. */
    public static final int ORDER = 0;

    private final CommandRateLimiter limiter;
    private final ProblemWriter problems;

    public RateLimitFilter(CommandRateLimiter limiter, ProblemWriter problems) {
        this.limiter = limiter;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limiter.enabled() || !"POST".equals(request.getMethod())
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long wait = limiter.buckets().tryAcquire(callerKey(request));
        if (wait > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(TokenBuckets.retryAfterSeconds(wait)));
            problems.write(request, response, ErrorCode.RATE_LIMITED,
                    "Too many commands from this caller; wait as long as Retry-After says and try again.");
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
