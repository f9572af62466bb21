package io.resolutionledger.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.query.web.Problems;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the live stream ({@code GET /api/stream}, open to anonymous readers), which holds a connection for as long as
 * the client likes: at most {@code per-address} connections per client address (429 {@code RATE_LIMITED} beyond) and
 * {@code global} per instance (503 {@code STREAM_CAPACITY_REACHED} beyond), both with {@code Retry-After}; and no
 * connection lives longer than {@code max-lifetime} (the servlet container's async timeout ends it, and the slot is
 * free again). So one client cannot hold every connection, and the others still get in.
 *
 * <p>The counts are of this instance's own open connections, which is what the cap protects. The client address is
 * the socket's peer; behind a reverse proxy set {@code server.forward-headers-strategy=native} so that it is the
 * client's.
 */
@Component
@Order(1)
@EnableConfigurationProperties(StreamLimitProperties.class)
public class StreamConnectionLimitFilter extends OncePerRequestFilter {

    private final ObjectMapper objectMapper;
    private final ConcurrentHashMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile StreamLimitProperties limits;

    public StreamConnectionLimitFilter(StreamLimitProperties limits, ObjectMapper objectMapper) {
        this.limits = limits;
        this.objectMapper = objectMapper;
    }

    /** Other limits from now on (tests, operations); connections already open keep their slot. */
    public void setLimits(StreamLimitProperties limits) {
        this.limits = limits;
    }

    public StreamLimitProperties limits() {
        return limits;
    }

    /** Open stream connections of this instance. */
    public int open() {
        return open.get();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || !"/api/stream".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        StreamLimitProperties current = limits;
        String address = request.getRemoteAddr();
        AtomicInteger mine = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (mine.incrementAndGet() > current.perAddress()) {
            release(address, mine);
            refuse(response, ErrorCode.RATE_LIMITED, current, "This address already holds "
                    + current.perAddress() + " live-stream connections; close one or wait as long as Retry-After says.");
            return;
        }
        if (open.incrementAndGet() > current.global()) {
            open.decrementAndGet();
            release(address, mine);
            refuse(response, ErrorCode.STREAM_CAPACITY_REACHED, current,
                    "Every live-stream connection of this server is taken; try again after Retry-After.");
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable releaseOnce = () -> {
            if (released.compareAndSet(false, true)) {
                open.decrementAndGet();
                release(address, mine);
            }
        };
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().setTimeout(current.maxLifetime().toMillis());
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        releaseOnce.run();
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {
                        releaseOnce.run();
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                        releaseOnce.run();
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                        // the same request: keep listening
                        event.getAsyncContext().addListener(this);
                    }
                });
            } else {
                releaseOnce.run();
            }
        }
    }

    private void release(String address, AtomicInteger mine) {
        if (mine.decrementAndGet() <= 0) {
            perAddress.remove(address, mine);
        }
    }

    private void refuse(HttpServletResponse response, ErrorCode code, StreamLimitProperties current, String detail)
            throws IOException {
        ProblemDetail problem = Problems.of(code, detail);
        response.setStatus(problem.getStatus());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, current.retryAfter().toSeconds())));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
