package io.resolutionledger.query.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 */
public final class NotifiedEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final EventStorageEngine engine;
    private final Set<NotifiedStream> open = ConcurrentHashMap.newKeySet();

    public NotifiedEventSource(EventStorageEngine engine) {
        this.engine = engine;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        NotifiedStream stream = new NotifiedStream(trackingToken);
        open.add(stream);
        return stream;
    }

    /** The store may hold events no open stream has read yet. */
    public void wakeAll() {
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

    private final class NotifiedStream implements BlockingStream<TrackedEventMessage<?>> {

        private final ReentrantLock lock = new ReentrantLock();
        private final Condition woken = lock.newCondition();
        private TrackingToken lastToken;
        private Stream<? extends TrackedEventMessage<?>> current;
        private Iterator<? extends TrackedEventMessage<?>> iterator;
        private TrackedEventMessage<?> peeked;
        /** Whether the store may have moved since the current read ended (true at first: nothing read yet). */
        private boolean stale = true;
        private volatile Runnable callback;
        private volatile boolean closed;

        private NotifiedStream(TrackingToken start) {
            this.lastToken = start;
        }

        void wake() {
            lock.lock();
            try {
                stale = true;
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
                    if (iterator != null && iterator.hasNext()) {
                        peeked = iterator.next();
                        lastToken = peeked.trackingToken();
                    } else if (stale) {
                        stale = false;
                        reopen();
                    } else {
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
            current = engine.readEvents(lastToken, false);
            iterator = current.iterator();
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
