package io.resolutionledger.query.ledger;

import io.resolutionledger.api.proof.CompactRange;
import io.resolutionledger.api.proof.LedgerLeaf;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Appends the store's events to the log, in global-index order, one leaf per event, each at the next dense log index.
 * <p>
 * The order must be one a rebuild reproduces: a transaction that took a lower global index may commit after a higher
 * one, so the appender only ever appends the gap-free prefix. An event is appended once every lower global index is
 * either a leaf or known never to come. A missing index is known never to come when the transaction that took it has
 * ended without committing it: PostgreSQL's snapshots tell, without any privilege. A snapshot taken at least
 * {@value #SNAPSHOT_DELAY_MILLIS} ms after the index was first seen missing names, as its {@code xmax}, a bound above
 * the id of every transaction that had started by then, that one included (it took the number in the very statement
 * that wrote its row); once a later snapshot's {@code xmin} (the oldest transaction still running) reaches that
 * bound, all of them have ended, and a number still missing was rolled back. That snapshot is taken before the batch
 * reads the store, so a commit it saw is in what the batch reads. So a rolled-back number holds the log up for about
 * a second, while a transaction that is merely slow to commit is waited for as long as it runs, up to the gap grace
 * ({@code ledger.log.gap-grace}, 60 s: the gap timeout of Axon's own processors, beyond which they skip a gap as
 * well). Each batch reopens the store's stream right after the last leaf, so an event's own global index is the
 * position of its token, never a guess. An event that commits after its number was given up (a transaction open for
 * longer than the grace, or a store whose snapshots cannot be read) is never appended out of order: verification
 * reports it.
 * <p>
 * Appending costs O(1) amortised hashes per event (the compact range of the tree's right edge is kept between
 * batches) and writes each completed perfect subtree once. Several query-side instances may run: a transaction-scoped
 * advisory lock lets one append at a time, and each batch re-reads where the log stands.
 */
@Component
public class LogAppender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LogAppender.class);

    private final LogStore store;
    private final LeafReader reader;
    private final TransactionTemplate transactions;
    private final Duration gapGrace;
    private final Duration pollInterval;
    private final int batchSize;
    private final long lowestGlobalIndex;
    private final Clock clock;
    private final Semaphore wake = new Semaphore(0);
    /** How long after an index is first seen missing the snapshot that bounds its transaction is taken. */
    static final long SNAPSHOT_DELAY_MILLIS = 1_000;

    /** When each missing global index was first seen missing (in memory: after a restart the grace starts anew). */
    private final Map<Long, Instant> missingSince = new TreeMap<>();
    /** For a missing index: a snapshot's xmax above the id of the transaction that took it (see the class comment). */
    private final Map<Long, Long> endedBelow = new TreeMap<>();
    private volatile Thread thread;
    private volatile boolean running;
    /** The compact range as of the last batch this instance appended, with the head it belongs to. */
    private CompactRange range;
    private LogStore.Head rangeHead;

    public LogAppender(LogStore store, LeafReader reader, PlatformTransactionManager transactionManager,
                       @Value("${ledger.log.gap-grace:60s}") Duration gapGrace,
                       @Value("${ledger.log.poll-interval:250ms}") Duration pollInterval,
                       @Value("${ledger.log.batch-size:1000}") int batchSize,
                       @Value("${ledger.log.lowest-global-index:1}") long lowestGlobalIndex) {
        this.store = store;
        this.reader = reader;
        this.transactions = new TransactionTemplate(transactionManager);
        this.gapGrace = gapGrace;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        this.lowestGlobalIndex = lowestGlobalIndex;
        this.clock = Clock.systemUTC();
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "ledger-log-appender");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
            try {
                current.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After Axon's event store is up, before the web server takes requests. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }

    private void run() {
        while (running) {
            try {
                int appended = appendOnce();
                if (appended < batchSize) {
                    wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("appending to the log failed, trying again: {}", e.toString());
                range = null;
                try {
                    Thread.sleep(pollInterval.toMillis() * 4);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Appends what may be appended now, up to a batch; answers how many leaves it appended. */
    public int appendOnce() {
        Integer appended = transactions.execute(status -> {
            if (!store.tryAppendLock()) {
                return 0;
            }
            LogStore.Head head = store.head();
            CompactRange tree = head.equals(rangeHead) && range != null ? range : store.range(head.size());
            List<LogStore.Appended> batch = collect(head, tree);
            if (!batch.isEmpty()) {
                store.append(batch);
                LogStore.Place last = batch.get(batch.size() - 1).place();
                LogStore.Head next = new LogStore.Head(last.logIndex() + 1, last.globalIndex());
                status.flush();
                // keep the range only once the transaction commits; a rollback makes the next batch reload it
                org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                        new org.springframework.transaction.support.TransactionSynchronization() {
                            @Override
                            public void afterCompletion(int outcome) {
                                if (outcome == STATUS_COMMITTED) {
                                    range = tree;
                                    rangeHead = next;
                                } else {
                                    range = null;
                                    rangeHead = null;
                                }
                            }
                        });
            } else {
                range = tree;
                rangeHead = head;
            }
            return batch.size();
        });
        return appended == null ? 0 : appended;
    }

    private List<LogStore.Appended> collect(LogStore.Head head, CompactRange tree) {
        List<LogStore.Appended> batch = new ArrayList<>();
        long last = head.lastGlobalIndex();
        long size = head.size();
        Instant now = clock.instant();
        missingSince.keySet().removeIf(index -> index <= head.lastGlobalIndex());
        endedBelow.keySet().removeIf(index -> index <= head.lastGlobalIndex());
        // before the store is read: a transaction it shows ended has committed into what is read below, or not at all
        LogStore.Snapshot snapshot = missingSince.isEmpty() ? null : store.snapshot();
        long storeHead = reader.headIndex();
        if (storeHead <= last) {
            return batch;
        }
        try (BlockingStream<TrackedEventMessage<?>> stream = reader.openAfter(last)) {
            // up to the head only: what lies beyond comes from the embedded store's memory, not from its table
            while (batch.size() < batchSize && last < storeHead && stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.peek().orElseThrow();
                long own = LeafReader.position(event.trackingToken());
                if (own <= last) {
                    // an event below one already taken: it filled a gap late; reopen after the last leaf next time
                    break;
                }
                if (!settled(last, own, now, snapshot)) {
                    break;
                }
                stream.nextAvailable();
                LedgerLeaf leaf = reader.leaf(size, event);
                String aggregate = event instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : null;
                String type = event instanceof DomainEventMessage<?> d ? d.getType() : null;
                batch.add(new LogStore.Appended(new LogStore.Place(size, own, event.getIdentifier(), aggregate, type),
                        tree.append(leaf.hash())));
                size++;
                last = own;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return batch;
    }

    /**
     * Whether every global index between {@code last} and {@code next} is known never to come: its transaction has
     * ended (see the class comment), or it has been missing for the whole grace.
     */
    private boolean settled(long last, long next, Instant now, LogStore.Snapshot snapshot) {
        long from = last < 0 ? lowestGlobalIndex : last + 1;
        boolean settled = true;
        boolean byGrace = false;
        for (long missing = from; missing < next; missing++) {
            Instant since = missingSince.computeIfAbsent(missing, m -> now);
            boolean ended = false;
            if (snapshot != null) {
                Long bound = endedBelow.get(missing);
                if (bound == null && !since.plusMillis(SNAPSHOT_DELAY_MILLIS).isAfter(now)) {
                    endedBelow.put(missing, snapshot.xmax());
                } else if (bound != null && snapshot.xmin() >= bound) {
                    ended = true;
                }
            }
            if (!ended) {
                if (since.plus(gapGrace).isAfter(now)) {
                    settled = false;
                } else {
                    byGrace = true;
                }
            }
            if (missingSince.size() > 100_000) {
                break;
            }
        }
        if (settled) {
            for (long missing = from; missing < next; missing++) {
                missingSince.remove(missing);
                endedBelow.remove(missing);
            }
            if (next - from > 0) {
                if (byGrace) {
                    log.warn("global indexes {}..{} still missing after the gap grace {}: the log continues after "
                            + "them; a transaction that commits one of them later is reported by verification",
                            from, next - 1, gapGrace);
                } else {
                    log.info("global indexes {}..{} were never committed (their transactions ended): the log "
                            + "continues after them", from, next - 1);
                }
            }
        }
        return settled;
    }
}
