package io.resolutionledger.command.web;

import io.resolutionledger.command.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Many writers, one version: optimistic concurrency over HTTP against the real event store. */
class ConcurrentAmendmentHttpTest extends CommandHttpTestSupport {

    @Test
    void twentyAmendmentsWithTheSameIfMatchLetExactlyOneWin() throws Exception {
        String resolution = propose(session(false));
        int threads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Response> answers = new ArrayList<>();
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String text = "Fassung " + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return post("/api/resolutions/" + resolution + "/amendments", TestTokens.delegate(SPONSOR),
                            json(Map.of("text", text)), "If-Match", "\"1\"");
                }));
            }
            start.countDown();
            for (Future<Response> f : futures) {
                answers.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(answers).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(answers).filteredOn(r -> r.status() != 200).hasSize(threads - 1)
                .allSatisfy(r -> assertProblem(r, 412, "VERSION_CONFLICT"));
        List<Long> sequence = jdbc.queryForList("SELECT sequence_number FROM ledger_write.domain_event_entry"
                + " WHERE aggregate_identifier = ? ORDER BY sequence_number", Long.class, resolution);
        assertThat(sequence).containsExactly(LongStream.range(0, 2).boxed().toArray(Long[]::new));
    }
}
