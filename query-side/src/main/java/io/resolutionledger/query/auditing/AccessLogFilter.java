package io.resolutionledger.query.auditing;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import io.resolutionledger.api.limits.TokenBuckets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Writes every use of the auditors' toolkit and of the administration to {@code ledger_read.audit_access_log}:
 * {@code /api/audit/**}, {@code /api/admin/**}, {@code /api/resolutions/{id}/history} and any
 * {@code /api/resolutions/{id}?asOf=}. Refused attempts (401, 403) are written too.
 * <p>
 * It runs before Spring Security's filter chain (so it also sees the requests that chain refuses) and writes once the
 * response is complete (for a streamed export: when the stream ends). The caller is read from the security context
 * that the bearer token filter keeps in a request attribute; a request whose token was refused has none.
 * A failed write is logged and does not change the answer.
 * <p>
 * A request without an accepted token (anonymous, or refused with 401) is written only while its client address is
 * within {@code ledger.access-log.anonymous-per-minute} (burst {@code ledger.access-log.anonymous-burst}): one
 * anonymous client cannot fill the table, nor push the accountable entries (every authenticated use is written,
 * always) out of reach. What is left out is counted ({@link #unloggedAnonymous}) and summed up in the service log.
 * Rows older than the retention are removed by {@link AccessLogRetention}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class AccessLogFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AccessLogFilter.class);
    private static final Pattern HISTORY = Pattern.compile("^/api/resolutions/[^/]+/history/?$");
    private static final Pattern RESOLUTION = Pattern.compile("^/api/resolutions/[^/]+/?$");
    private static final int MAX_PATH = 2048;
    private static final int MAX_QUERY = 4096;

    private final JdbcTemplate jdbc;
    private final RequestAttributeSecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();
    private final Clock clock = Clock.systemUTC();
    private final TokenBuckets anonymous;
    private final AtomicLong unloggedAnonymous = new AtomicLong();

    public AccessLogFilter(JdbcTemplate jdbc,
                           @Value("${ledger.access-log.anonymous-per-minute:60}") int anonymousPerMinute,
                           @Value("${ledger.access-log.anonymous-burst:30}") int anonymousBurst) {
        this.jdbc = jdbc;
        this.anonymous = new TokenBuckets(new TokenBuckets.Limits(anonymousPerMinute / 60.0, anonymousBurst), 10_000);
    }

    /** The per-address budget of anonymous entries (tests change it at run time instead of a new context). */
    public TokenBuckets anonymousBudget() {
        return anonymous;
    }

    /** Anonymous requests left out of the log since the start. */
    public long unloggedAnonymous() {
        return unloggedAnonymous.get();
    }

    /** Whether a request is one the access log records. */
    static boolean audited(String path, String asOf) {
        return path.startsWith("/api/audit/") || path.equals("/api/audit") || path.startsWith("/api/admin/")
                || path.equals("/api/admin") || HISTORY.matcher(path).matches()
                || (asOf != null && RESOLUTION.matcher(path).matches());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !audited(path(request), request.getParameter("asOf"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Timestamp at = Timestamp.from(clock.instant());
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        record(at, request, response);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                    }
                });
            } else {
                record(at, request, response);
            }
        }
    }

    private void record(Timestamp at, HttpServletRequest request, HttpServletResponse response) {
        try {
            SecurityContext context = contexts.loadDeferredContext(request).get();
            Authentication caller = context == null ? null : context.getAuthentication();
            String subject = null;
            String delegation = null;
            String[] roles = new String[0];
            if (caller instanceof JwtAuthenticationToken jwt) {
                subject = jwt.getToken().getSubject();
                delegation = jwt.getToken().getClaimAsString("delegation");
                roles = jwt.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                        .map(a -> a.startsWith("ROLE_") ? a.substring(5).toLowerCase(java.util.Locale.ROOT) : a)
                        .sorted().toArray(String[]::new);
            } else if (anonymous.tryAcquire(String.valueOf(request.getRemoteAddr())) > 0) {
                long left = unloggedAnonymous.incrementAndGet();
                if (left == 1 || left % 1000 == 0) {
                    log.warn("{} anonymous requests to audited paths left out of the access log so far (over the "
                            + "per-address limit), the latest from {}", left, request.getRemoteAddr());
                }
                return;
            }
            jdbc.update("""
                    INSERT INTO ledger_read.audit_access_log (at, user_subject, delegation, roles, method, path,
                        query, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, at, subject, delegation, roles, request.getMethod(), cut(path(request), MAX_PATH),
                    cut(request.getQueryString(), MAX_QUERY), response.getStatus());
        } catch (RuntimeException e) {
            log.warn("access to {} {} not logged: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        }
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
