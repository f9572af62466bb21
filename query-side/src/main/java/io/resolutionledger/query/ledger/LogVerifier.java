package io.resolutionledger.query.ledger;

import io.resolutionledger.api.proof.Checkpoint;
import io.resolutionledger.api.proof.CompactRange;
import io.resolutionledger.api.proof.Merkle;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/audit/verify}: recomputes the whole tree from the stored events, read through Axon's event store in
 * global-index order (the order the log assigns), and compares it with what the log stored and with every checkpoint
 * the log's key signed. Whoever can write to the database can change an event and rewrite the stored tree to match,
 * but cannot sign: the recomputed roots then differ from the signed ones. What is found:
 * <ul>
 *   <li>an event whose bytes changed, one removed, one inserted, two swapped: the first log index whose recomputed
 *   leaf differs from the stored leaf (or from the event the log recorded there);</li>
 *   <li>the same with the stored tree rewritten to match: the first signed checkpoint whose root the events no longer
 *   produce; the change lies between the checkpoint before it and that one (exactly one index when checkpoints are
 *   issued per event, as in the tests);</li>
 *   <li>an event that is not a leaf after {@code ledger.log.verify-grace}, or a checkpoint not signed by the key.</li>
 * </ul>
 * Memory is O(log n) (a compact range and a page of stored leaf hashes); the cost is one pass over the store.
 */
@Component
public class LogVerifier {

    private static final long PAGE = 10_000;

    private final LogStore store;
    private final LeafReader reader;
    private final LogSigner signer;
    private final Duration verifyGrace;
    private final Clock clock = Clock.systemUTC();

    public LogVerifier(LogStore store, LeafReader reader, LogSigner signer,
                       @Value("${ledger.log.verify-grace:2m}") Duration verifyGrace) {
        this.store = store;
        this.reader = reader;
        this.signer = signer;
        this.verifyGrace = verifyGrace;
    }

    /**
     * Where the recomputation departs from the log.
     *
     * @param index the first log index that differs (for a rewritten tree: the first index the change may be at)
     * @param upTo  for a rewritten tree, the last index the change may be at (null when {@code index} is exact)
     */
    public record Mismatch(long index, Long upTo, Long globalIndex, String eventIdentifier, String reason) {
    }

    /**
     * @param size        leaves in the log
     * @param events      events in the store
     * @param rootHash    the root recomputed from the first {@code size} events (base64)
     * @param checkpoint  the size of the latest signed checkpoint checked (null if none)
     * @param checkpoints how many signed checkpoints were checked
     * @param pending     events in the store that are not leaves yet (the appender's lag)
     */
    public record Verification(boolean valid, long size, long events, String rootHash, Long checkpoint,
                               int checkpoints, long pending, Mismatch firstMismatch, List<String> problems) {
    }

    private static final class Run {
        Mismatch first;
        final List<String> problems = new ArrayList<>();

        void mismatch(Mismatch m) {
            if (first == null || m.index() < first.index()) {
                first = m;
            }
        }
    }

    public Verification verify() {
        long size = store.size();
        List<LogStore.StoredCheckpoint> checkpoints = store.checkpoints(signer.keyId());
        Run run = new Run();
        List<Checkpoint> signed = new ArrayList<>();
        for (LogStore.StoredCheckpoint stored : checkpoints) {
            try {
                Checkpoint checkpoint = Checkpoint.open(stored.note(), signer.verifier());
                if (checkpoint.size() != stored.size() || !Arrays.equals(checkpoint.rootHash(), stored.rootHash())) {
                    run.problems.add("the stored columns of checkpoint " + stored.size() + " differ from its note");
                }
                signed.add(checkpoint);
            } catch (RuntimeException e) {
                run.problems.add("checkpoint " + stored.size() + " is not signed by " + signer.verifier() + ": "
                        + e.getMessage());
            }
        }
        CompactRange tree = new CompactRange();
        long events = 0;
        long pending = 0;
        long lastGlobal = -1;
        int nextCheckpoint = 0;
        while (nextCheckpoint < signed.size() && signed.get(nextCheckpoint).size() == 0) {
            nextCheckpoint++;
        }
        long previousCheckpointSize = 0;
        byte[] rootAtSize = size == 0 ? Merkle.EMPTY_ROOT : null;
        Instant cutoff = clock.instant().minus(verifyGrace);
        java.util.Map<Long, StoredLeaf> page = java.util.Map.of();
        long pageStart = 0;
        long pageEnd = 0;
        long head = reader.headIndex();
        try (BlockingStream<TrackedEventMessage<?>> stream = reader.openAfter(-1)) {
            while (lastGlobal < head && stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                long own = LeafReader.position(event.trackingToken());
                if (own <= lastGlobal) {
                    run.problems.add("event " + event.getIdentifier() + " committed after later events and after "
                            + "the log had passed its place: it is not in the log");
                    run.mismatch(new Mismatch(events, null, null, event.getIdentifier(),
                            "an event committed too late to take its place in the log"));
                    continue;
                }
                lastGlobal = own;
                long index = events++;
                byte[] hash = reader.leaf(index, event).hash();
                if (index < size) {
                    if (index >= pageEnd) {
                        pageStart = index;
                        pageEnd = index + PAGE;
                        page = storedLeaves(pageStart, pageEnd);
                    }
                    StoredLeaf stored = page.get(index);
                    if (stored == null) {
                        run.mismatch(new Mismatch(index, null, own, event.getIdentifier(),
                                "the log has no leaf at this index"));
                    } else if (!stored.eventIdentifier().equals(event.getIdentifier()) || stored.globalIndex() != own) {
                        run.mismatch(new Mismatch(index, null, own, event.getIdentifier(), "the log has event "
                                + stored.eventIdentifier() + " (global index " + stored.globalIndex() + ") here, the "
                                + "store has event " + event.getIdentifier() + " (global index " + own + "): an event "
                                + "was removed, inserted or moved"));
                    } else if (!Arrays.equals(stored.hash(), hash)) {
                        run.mismatch(new Mismatch(index, null, own, event.getIdentifier(),
                                "the stored event no longer hashes to its leaf: its bytes were changed"));
                    }
                } else {
                    pending++;
                    if (event.getTimestamp().isBefore(cutoff)) {
                        run.mismatch(new Mismatch(index, null, own, event.getIdentifier(),
                                "the event was recorded at " + event.getTimestamp() + " and is still not a leaf"));
                    }
                }
                tree.append(hash);
                if (tree.size() == size) {
                    rootAtSize = tree.root();
                }
                while (nextCheckpoint < signed.size() && signed.get(nextCheckpoint).size() == tree.size()) {
                    Checkpoint checkpoint = signed.get(nextCheckpoint++);
                    if (!Arrays.equals(checkpoint.rootHash(), tree.root())) {
                        run.mismatch(new Mismatch(previousCheckpointSize, checkpoint.size() - 1, null, null,
                                "the events no longer produce the root signed in checkpoint " + checkpoint.size()
                                        + ": the history between index " + previousCheckpointSize + " and "
                                        + (checkpoint.size() - 1) + " was changed (and the stored tree rewritten)"));
                    }
                    previousCheckpointSize = checkpoint.size();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.problems.add("verification interrupted");
        }
        if (events < size) {
            run.mismatch(new Mismatch(events, null, null, null, "the log has " + size + " leaves but the store only "
                    + events + " events: events were deleted"));
        }
        for (int i = nextCheckpoint; i < signed.size(); i++) {
            Checkpoint checkpoint = signed.get(i);
            run.mismatch(new Mismatch(Math.min(events, previousCheckpointSize), checkpoint.size() - 1, null, null,
                    "checkpoint " + checkpoint.size() + " was signed, but the store has only " + events + " events"));
            break;
        }
        if (rootAtSize != null && size > 0 && !Arrays.equals(rootAtSize, store.root(size))) {
            run.problems.add("the stored tree's root at size " + size + " is not the root of the stored events");
        }
        Long latest = signed.isEmpty() ? null : signed.get(signed.size() - 1).size();
        boolean valid = run.first == null && run.problems.isEmpty();
        return new Verification(valid, size, events, rootAtSize == null ? null
                : Base64.getEncoder().encodeToString(rootAtSize), latest, signed.size(), pending, run.first,
                run.problems);
    }

    private record StoredLeaf(long globalIndex, String eventIdentifier, byte[] hash) {
    }

    /** The stored leaves [from, to) by log index (a deleted row is simply absent). */
    private java.util.Map<Long, StoredLeaf> storedLeaves(long from, long to) {
        java.util.Map<Long, StoredLeaf> leaves = new java.util.HashMap<>();
        store.jdbc().query("SELECT l.global_index, l.event_identifier, n.hash, l.log_index FROM ledger_read.log_leaf l "
                        + "LEFT JOIN ledger_read.log_node n ON n.level = 0 AND n.node_index = l.log_index "
                        + "WHERE l.log_index >= ? AND l.log_index < ?",
                rs -> {
                    leaves.put(rs.getLong(4), new StoredLeaf(rs.getLong(1), rs.getString(2), rs.getBytes(3)));
                }, from, to);
        return leaves;
    }
}
