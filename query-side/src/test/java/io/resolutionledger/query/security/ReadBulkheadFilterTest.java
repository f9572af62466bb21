package io.resolutionledger.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The bulkhead lets as many reads run as it has slots; one more waits, then gets a 503 with Retry-After. */
class ReadBulkheadFilterTest {

    @Test
    void reads_beyond_the_slots_are_refused_503_and_the_rest_of_the_pool_stays_for_the_projections()
            throws Exception {
        // pool 10, reserve 8: two reads at once
        ReadBulkheadFilter bulkhead = new ReadBulkheadFilter(10, 8, 0, Duration.ofMillis(100), new ObjectMapper());
        assertThat(bulkhead.capacity()).isEqualTo(2);
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<?>[] running = new CompletableFuture<?>[2];
        for (int i = 0; i < 2; i++) {
            running[i] = CompletableFuture.runAsync(() -> {
                try {
                    bulkhead.doFilter(get("/api/resolutions"), new MockHttpServletResponse(), (req, res) -> {
                        inside.countDown();
                        try {
                            release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse refused = new MockHttpServletResponse();
        bulkhead.doFilter(get("/api/sessions"), refused, (req, res) -> {
            throw new AssertionError("no slot was free");
        });
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"code\":\"READS_SATURATED\"");

        MockHttpServletResponse stream = new MockHttpServletResponse();
        boolean[] passed = {false};
        bulkhead.doFilter(get("/api/stream"), stream, (req, res) -> passed[0] = true);
        assertThat(passed[0]).as("the live stream is capped elsewhere").isTrue();

        release.countDown();
        CompletableFuture.allOf(running).get(10, TimeUnit.SECONDS);
        assertThat(bulkhead.available()).isEqualTo(2);
        boolean[] served = {false};
        bulkhead.doFilter(get("/api/sessions"), new MockHttpServletResponse(), (req, res) -> served[0] = true);
        assertThat(served[0]).isTrue();
    }

    private static MockHttpServletRequest get(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRequestURI(path);
        return request;
    }
}
