package io.resolutionledger.query.ledger;

import io.resolutionledger.api.proof.Checkpoint;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Issues signed checkpoints: every {@code ledger.log.checkpoint-interval} while the log grows, and on demand
 * ({@code POST /api/ledger/checkpoints}). Each one is a C2SP tlog-checkpoint signed as a C2SP note with the log's key
 * and is kept for good, so any size ever published can be asked for again and proven consistent with later ones.
 * The root comes from the stored subtrees on the tree's edge, O(log n) reads: issuing never walks the leaves.
 */
@Component
public class Checkpoints {

    private final LogStore store;
    private final LogSigner signer;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public Checkpoints(LogStore store, LogSigner signer,
                       @Value("${ledger.log.checkpoint-interval:10s}") Duration interval) {
        this.store = store;
        this.signer = signer;
        this.interval = interval;
    }

    @jakarta.annotation.PostConstruct
    void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ledger-log-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(100, interval.toMillis());
        executor.scheduleWithFixedDelay(() -> {
            try {
                issue();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Checkpoints.class).debug("no checkpoint now: {}", e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Signs the log's current size unless that size is signed already; answers the latest checkpoint. */
    public LogStore.StoredCheckpoint issue() {
        long size = store.size();
        Optional<LogStore.StoredCheckpoint> latest = store.latestCheckpoint(signer.keyId());
        if (latest.isPresent() && latest.get().size() >= size) {
            return latest.get();
        }
        byte[] root = store.root(size);
        String note = new Checkpoint(signer.origin(), size, root).sign(signer.key());
        store.saveCheckpoint(size, signer.keyId(), root, note);
        return store.checkpoint(size, signer.keyId()).orElseThrow();
    }

    public Optional<LogStore.StoredCheckpoint> latest() {
        return store.latestCheckpoint(signer.keyId());
    }

    /** The latest checkpoint, issuing one first when none exists yet. */
    public LogStore.StoredCheckpoint latestOrIssue() {
        return latest().orElseGet(this::issue);
    }

    public Optional<LogStore.StoredCheckpoint> ofSize(long size) {
        return store.checkpoint(size, signer.keyId());
    }
}
