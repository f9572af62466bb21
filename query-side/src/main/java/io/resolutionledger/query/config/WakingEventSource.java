package io.resolutionledger.query.config;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.ObjectProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The event store as the projections' processors see it: the same streams, able to call back when events are
 * available (through {@link StoreWatcher}), so that a caught-up pooled processor wakes up at once instead of
 * every 500 ms.
 */
public final class WakingEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> delegate;
    private final StoreWatcher watcher;

    public WakingEventSource(StreamableMessageSource<TrackedEventMessage<?>> delegate, StoreWatcher watcher) {
        this.delegate = delegate;
        this.watcher = watcher;
    }

    /**
     * The source for a processor's registration: the configuration's event store, made waking where a watcher
     * exists (the JDBC store; Axon Server's streams call back by themselves).
     */
    public static Function<Configuration, StreamableMessageSource<TrackedEventMessage<?>>> of(
            ObjectProvider<StoreWatcher> watcher) {
        return config -> {
            StoreWatcher available = watcher.getIfAvailable();
            return available == null ? config.eventStore() : new WakingEventSource(config.eventStore(), available);
        };
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new WakingStream(delegate.openStream(trackingToken), watcher);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return delegate.createTokenSince(duration);
    }

    private static final class WakingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private final StoreWatcher watcher;
        private volatile Runnable callback;

        WakingStream(BlockingStream<TrackedEventMessage<?>> delegate, StoreWatcher watcher) {
            this.delegate = delegate;
            this.watcher = watcher;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                watcher.forget(previous);
            }
            this.callback = callback;
            watcher.listen(callback);
            return true;
        }

        @Override
        public void close() {
            Runnable current = callback;
            if (current != null) {
                watcher.forget(current);
            }
            delegate.close();
        }
    }
}
