package io.resolutionledger.query.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The JDBC event store as a source that is told when it has moved. Another process appends (the command side), so
 * Axon's own tailing reader could only poll; instead each open stream reads the storage engine when it is woken
 * ({@link #wakeAll()}: a PostgreSQL notification or the slow safety poll of {@link StoreNotifications}) and calls
 * the callback that Axon's pooled streaming processor registers, so that a caught-up processor runs at once rather
 * than at its next 500 ms re-check. Between wake-ups an idle stream costs nothing.
 * <p>
 * Each stream reads through {@link EventStorageEngine#readEvents(TrackingToken, boolean)}: gap-aware tokens (a
 * transaction that commits late below the head is still read), upcasters, deserialization, all Axon's.
 * <p>
 * <b>One read per wake-up for the caught-up streams.</b> The processing groups, the live stream's tail and the
 * verifiable log each follow the log with a stream of their own; once caught up they would each read and decode
 * every new event (five reads of the same rows per notification). A caught-up stream therefore joins the
 * {@link Tail}: one shared read per wake-up, into a bounded ring of the events read with the token before each, from
 * which every stream whose token is one of those tokens takes its next events (the design of Axon's
 * {@code EmbeddedEventStore} producer, woken by the notification instead of polling). A stream follows the ring
 * only while its token is exactly the token the ring holds before the event (same index, same gaps), so it sees
 * what its own read would have seen; one that falls out of the ring (more than its capacity behind) or whose token
 * the ring does not hold reads privately, as before. A stream reads privately first: its start (a saved token, a
 * rebuild from the beginning, a client's replay) is rarely where the ring is.
 */
public final class NotifiedEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /**
     * Events kept for the streams that follow the log together: about two seconds of the peak rate, while the streams
     * that follow it are one wake-up apart. Each held event is live (its bytes, its decoded payload, its token), so
     * every young collection copies what the ring holds: 8,192 kept ~18 MB in the survivor spaces and made the query
     * JVM's young pauses 45-110 ms (BENCHMARKS.md, twelfth session).
     */
    public static final int DEFAULT_TAIL_CAPACITY = 1024;

    private final EventStorageEngine engine;
    private final Set<NotifiedStream> open = ConcurrentHashMap.newKeySet();
    /** Incremented by every wake-up, before the streams are told: a read that began after it sees what it announced. */
    private final AtomicLong wakeUps = new AtomicLong();
    private final Tail tail;
    private final AtomicLong privateReads = new AtomicLong();

    public NotifiedEventSource(EventStorageEngine engine) {
        this(engine, DEFAULT_TAIL_CAPACITY);
    }

    public NotifiedEventSource(EventStorageEngine engine, int tailCapacity) {
        if (tailCapacity < 2) {
            throw new IllegalArgumentException("the tail must hold at least two events, not " + tailCapacity);
        }
        this.engine = engine;
        this.tail = new Tail(tailCapacity);
    }

    /** The wake-ups so far ({@link #wakeAll()}). */
    public long wakeUps() {
        return wakeUps.get();
    }

    /** Reads of the store by a single stream (its start, or a stream the shared tail cannot serve). */
    public long privateReads() {
        return privateReads.get();
    }

    /** Reads of the store by the shared tail, each serving every stream that follows it. */
    public long sharedReads() {
        return tail.reads.get();
    }

    /** Events the streams took from the shared tail instead of reading them themselves. */
    public long sharedEvents() {
        return tail.served.get();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        NotifiedStream stream = new NotifiedStream(trackingToken);
        open.add(stream);
        return stream;
    }

    /** The store may hold events no open stream has read yet. */
    public void wakeAll() {
        wakeUps.incrementAndGet();
        for (NotifiedStream stream : open) {
            stream.wake();
        }
    }

    int openStreams() {
        return open.size();
    }

    @Override
    public TrackingToken createTailToken() {
        return engine.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return engine.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return engine.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return engine.createTokenAt(Instant.now().minus(duration));
    }

    /** An event the tail read: its place in the tail's sequence, the token before it, the event with its token. */
    private record Node(long index, TrackingToken previous, TrackedEventMessage<?> event) {
    }

    /**
     * The shared read of the log's end: a ring of the last {@code capacity} events read, each with the token before
     * it. Reads happen on behalf of a stream that needs events after a wake-up (under the lock, so the streams that
     * come for the same wake-up wait for that one read instead of reading themselves), from the token after the
     * newest event held, at most half the ring at a time.
     */
    private final class Tail {

        static final long NOT_HELD = -2;

        private final ReentrantLock lock = new ReentrantLock();
        private final Node[] ring;
        /** the index of the newest node; -1 before the first event (nodes are numbered from 0) */
        private volatile long newest = -1;
        /** the token after the newest node (where the next read starts); null while the tail has not started */
        private TrackingToken end;
        /** the wake-up count seen when the latest read began: a stream woken by wake-up n needs a read with n or more */
        private long readAtWakeUp = -1;
        /** the latest read stopped at its limit: more may be there without a wake-up */
        private boolean more;
        final AtomicLong reads = new AtomicLong();
        final AtomicLong served = new AtomicLong();

        Tail(int capacity) {
            ring = new Node[capacity];
        }

        /** The node at {@code index} while the ring still holds it, else null. */
        private Node at(long index) {
            long newestNow = newest;
            if (index < 0 || index > newestNow || index <= newestNow - ring.length) {
                return null;
            }
            Node node = ring[(int) (index % ring.length)];
            return node != null && node.index() == index ? node : null;
        }

        /**
         * Where a stream at {@code token}, woken by wake-up {@code wakeUp}, follows the tail: the index of the node
         * after which its next event comes (-1 or the newest index: after the newest held), or {@link #NOT_HELD} when
         * the tail holds no such place (it reads privately then, and the tail does not read for it). The tail starts
         * at the first stream that joins, and starts again at a stream that is ahead of it (then no stream follows it
         * any more: the ones that do are never ahead of its end).
         */
        long join(TrackingToken token, long wakeUp) {
            lock.lock();
            try {
                if (end == null || (!end.equals(token) && token.covers(end))) {
                    newest = newest + ring.length; // every held node out of reach
                    end = token;
                    readAtWakeUp = -1;
                    more = false;
                }
                long place = placeOf(token);
                if (place != NOT_HELD) {
                    readFor(wakeUp);
                }
                return place;
            } finally {
                lock.unlock();
            }
        }

        private long placeOf(TrackingToken token) {
            if (Objects.equals(end, token)) {
                return newest;
            }
            for (long i = newest; i > newest - ring.length && i >= 0; i--) {
                Node node = at(i);
                if (node == null) {
                    break;
                }
                if (Objects.equals(node.previous(), token)) {
                    return i - 1;
                }
            }
            return NOT_HELD;
        }

        /**
         * The node after {@code index} for a stream whose token is {@code token}: null when the tail has nothing newer
         * (after reading again if the latest read stopped at its limit, or began before wake-up {@code wakeUp});
         * {@link #LOST} when the ring no longer holds it or it does not follow that token.
         */
        Node next(long index, TrackingToken token, long wakeUp) {
            Node node = at(index + 1);
            if (node == null && index + 1 > newest) {
                lock.lock();
                try {
                    if (index + 1 > newest) {
                        readFor(wakeUp);
                    }
                } finally {
                    lock.unlock();
                }
                if (index + 1 > newest) {
                    return null;
                }
                node = at(index + 1);
            }
            if (node == null || !Objects.equals(node.previous(), token)) {
                return LOST;
            }
            served.incrementAndGet();
            return node;
        }

        /** Reads what is after {@link #end} if no read began at or after {@code wakeUp} (holding the lock). */
        private void readFor(long wakeUp) {
            if (readAtWakeUp >= wakeUp && !more) {
                return;
            }
            long began = wakeUps.get();
            int limit = ring.length / 2;
            reads.incrementAndGet();
            try {
                if (engine instanceof BatchReads batches) {
                    more = readBatches(batches, limit) >= limit;
                } else {
                    more = readStream(limit) == limit;
                }
            } catch (RuntimeException e) {
                // the streams read privately meanwhile (each finds itself lost): start again at the next that joins
                end = null;
                more = false;
                newest = newest + ring.length;
                throw e;
            }
            readAtWakeUp = began;
        }

        /**
         * Reads batch after batch until one ends the read: an empty one (the engine has looked past its window for
         * a wider gap), or one that holds events of its window and stops short of the window's top (every event
         * committed in the window is read; a later one is only where every position up to it is an uncommitted or
         * rolled-back append, and a commit there notifies again). A batch that reached its window's top, or held
         * only events that fill gaps, may have more after it. Stops after {@code limit} events too, at the end of a
         * batch: a batch covers at most the limit's positions (and the engine's batch size), the ring twice that.
         */
        private int readBatches(BatchReads batches, int limit) {
            int size = Math.min(batches.batchSize(), limit);
            int count = 0;
            while (count < limit) {
                long from = batches.indexOf(end);
                long top = from + size;
                long highest = Long.MIN_VALUE;
                List<? extends TrackedEventMessage<?>> batch = batches.readBatch(end, size);
                for (TrackedEventMessage<?> event : batch) {
                    add(event);
                    highest = Math.max(highest, batches.indexOf(event.trackingToken()));
                    count++;
                }
                if (batch.isEmpty() || (highest > from && highest < top)) {
                    break;
                }
            }
            return count;
        }

        /** Reads through the engine's own stream, which ends at its first empty batch. */
        private int readStream(int limit) {
            int count = 0;
            try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(end, false)) {
                Iterator<? extends TrackedEventMessage<?>> it = events.iterator();
                while (count < limit && it.hasNext()) {
                    add(it.next());
                    count++;
                }
            }
            return count;
        }

        private void add(TrackedEventMessage<?> event) {
            long index = newest + 1;
            ring[(int) (index % ring.length)] = new Node(index, end, event);
            end = event.trackingToken();
            newest = index;
        }
    }

    /** {@link Tail#next}: the stream is no longer where the tail can serve it. */
    private static final Node LOST = new Node(Long.MIN_VALUE, null, null);

    private final class NotifiedStream implements BlockingStream<TrackedEventMessage<?>> {

        private final ReentrantLock lock = new ReentrantLock();
        private final Condition woken = lock.newCondition();
        private TrackingToken lastToken;
        private Stream<? extends TrackedEventMessage<?>> current;
        private Iterator<? extends TrackedEventMessage<?>> iterator;
        private TrackedEventMessage<?> peeked;
        /** Whether the store may have moved since the current read ended (true at first: nothing read yet). */
        private boolean stale = true;
        /** the wake-up count when {@link #stale} was last set (0: none yet) */
        private long wokenBy;
        /** the private read has reached the end of the log as it was (until the next {@link #reopen}) */
        private boolean exhausted;
        /** the index of the last node taken from the tail, or {@link Tail#NOT_HELD} while reading privately */
        private long onTail = Tail.NOT_HELD;
        private volatile Runnable callback;
        private volatile boolean closed;

        private NotifiedStream(TrackingToken start) {
            this.lastToken = start;
        }

        void wake() {
            lock.lock();
            try {
                stale = true;
                wokenBy = wakeUps.get();
                woken.signalAll();
            } finally {
                lock.unlock();
            }
            Runnable onAvailable = callback;
            if (onAvailable != null) {
                onAvailable.run();
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return hasNextAvailable() ? Optional.of(peeked) : Optional.empty();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            lock.lock();
            try {
                while (peeked == null && !closed) {
                    if (onTail != Tail.NOT_HELD) {
                        // reads again only if the tail has not read since the latest wake-up of this stream
                        Node node = tail.next(onTail, lastToken, wokenBy);
                        stale = false;
                        if (node == LOST) {
                            onTail = Tail.NOT_HELD;
                            exhausted = false;
                            stale = true; // read privately from where it is
                            continue;
                        }
                        if (node != null) {
                            onTail = node.index();
                            peeked = node.event();
                            lastToken = peeked.trackingToken();
                            continue;
                        }
                    } else if (iterator != null && !exhausted) {
                        // asked once at the end: the storage engine's iterator would query the store again on
                        // every hasNext() after its last batch (it never takes a batch for the last)
                        if (iterator.hasNext()) {
                            peeked = iterator.next();
                            lastToken = peeked.trackingToken();
                        } else {
                            exhausted = true;
                        }
                        continue;
                    } else if (stale) {
                        stale = false;
                        // a stream that has read to the end once follows the shared tail if it holds its place
                        if (exhausted && lastToken != null) {
                            long place = tail.join(lastToken, wokenBy);
                            if (place != Tail.NOT_HELD) {
                                closeCurrent();
                                onTail = place;
                                continue;
                            }
                        }
                        reopen();
                        continue;
                    }
                    {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            return false;
                        }
                        woken.awaitNanos(left);
                    }
                }
                return peeked != null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(1, TimeUnit.SECONDS)) {
                if (closed || Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("stream closed");
                }
            }
            lock.lock();
            try {
                TrackedEventMessage<?> next = peeked;
                peeked = null;
                return next;
            } finally {
                lock.unlock();
            }
        }

        /** A fresh read from the last token: a finished storage stream does not look again by itself. */
        private void reopen() {
            closeCurrent();
            privateReads.incrementAndGet();
            current = engine.readEvents(lastToken, false);
            iterator = current.iterator();
            exhausted = false;
        }

        private void closeCurrent() {
            if (current != null) {
                current.close();
                current = null;
                iterator = null;
            }
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            return true;
        }

        @Override
        public void close() {
            closed = true;
            open.remove(this);
            lock.lock();
            try {
                closeCurrent();
                woken.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
