package io.resolutionledger.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.query.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A bulkhead between HTTP reads and the projections, which share the query side's connection pool: at most
 * {@code ledger.http.max-concurrent-reads} API requests (default: the pool size less
 * {@code ledger.http.projection-reserve}, 8) run at once; one more waits up to {@code ledger.http.read-wait} for a
 * slot and is otherwise answered 503 {@code READS_SATURATED} with {@code Retry-After}. So a burst of readers can
 * never take every connection and stall the projections (and with them every reader's freshness). The live stream
 * is not counted here (it holds no connection while open; {@link StreamConnectionLimitFilter} caps it).
 */
@Component
@Order(2)
public class ReadBulkheadFilter extends OncePerRequestFilter {

    private final Semaphore slots;
    private final int capacity;
    private final Duration wait;
    private final ObjectMapper objectMapper;

    public ReadBulkheadFilter(@Value("${spring.datasource.hikari.maximum-pool-size:10}") int poolSize,
                              @Value("${ledger.http.projection-reserve:8}") int reserve,
                              @Value("${ledger.http.max-concurrent-reads:0}") int maxConcurrentReads,
                              @Value("${ledger.http.read-wait:2s}") Duration wait,
                              ObjectMapper objectMapper) {
        this.capacity = maxConcurrentReads > 0 ? maxConcurrentReads : Math.max(2, poolSize - reserve);
        this.slots = new Semaphore(capacity, true);
        this.wait = wait;
        this.objectMapper = objectMapper;
    }

    public int capacity() {
        return capacity;
    }

    public int available() {
        return slots.availablePermits();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/api/") || path.equals("/api/stream");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            ProblemDetail problem = Problems.of(ErrorCode.READS_SATURATED,
                    "Too many reads at once on this server; try again after Retry-After.");
            response.setStatus(problem.getStatus());
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            objectMapper.writeValue(response.getOutputStream(), problem);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            slots.release();
        }
    }
}
