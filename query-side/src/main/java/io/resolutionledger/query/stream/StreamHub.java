package io.resolutionledger.query.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.query.security.Viewer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The subscribers of the live stream. Publishing never blocks a projection: a change is offered to each
 * subscriber's bounded queue and written to the network by a small pool of sender threads. A subscriber whose queue
 * is full is too slow: it gets an {@code overflow} event and is disconnected, instead of letting memory grow; its
 * client reconnects with {@code Last-Event-ID} and the replay from the event store fills the gap.
 */
@Component
public class StreamHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamHub.class);
    /** Most changes written to one subscriber with one flush. */
    static final int WRITE_BATCH = 256;

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ObjectMapper json;
    private final StreamProperties properties;
    private final ExecutorService senders;
    private final ScheduledExecutorService heartbeats;
    private volatile boolean running;

    public StreamHub(ObjectMapper json, StreamProperties properties) {
        this.json = json;
        this.properties = properties;
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(2, r -> daemon(r, "stream-sender-" + n.incrementAndGet()));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "stream-heartbeat"));
    }

    /** Registers a subscriber; it receives nothing until {@link #start(Subscriber)} (after its replay). */
    public Subscriber subscribe(Viewer viewer, SseEmitter emitter) {
        Subscriber subscriber = new Subscriber(viewer.member(), emitter, properties.bufferSize());
        emitter.onCompletion(() -> remove(subscriber));
        emitter.onTimeout(() -> remove(subscriber));
        emitter.onError(e -> remove(subscriber));
        subscribers.add(subscriber);
        return subscriber;
    }

    public void start(Subscriber subscriber) {
        subscriber.started = true;
        schedule(subscriber);
    }

    public void broadcast(List<Change> changes) {
        for (Subscriber subscriber : subscribers) {
            boolean queued = false;
            for (Change change : changes) {
                if (!subscriber.member && !change.open()) {
                    continue;
                }
                if (!subscriber.queue.offer(change)) {
                    overflow(subscriber);
                    queued = false;
                    break;
                }
                queued = true;
            }
            if (queued) {
                schedule(subscriber);
            }
        }
    }

    /**
     * Writes one change directly (the replay, before the subscriber is started). False when the subscriber has been
     * dropped meanwhile (its live changes overflowed its buffer while the replay ran, or the client went): the replay
     * then stops, and the client resumes from the last change it got.
     */
    public boolean send(Subscriber subscriber, Change change) throws IOException {
        if (subscriber.closed.get()) {
            return false;
        }
        try {
            subscriber.emitter.send(event(change));
            return true;
        } catch (IllegalStateException completed) {
            // completed by the overflow between the check and the send
            remove(subscriber);
            return false;
        }
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    private SseEmitter.SseEventBuilder event(Change change) throws JsonProcessingException {
        return SseEmitter.event()
                .id(change.cursor())
                .name(change.kind())
                .data(json.writeValueAsString(change));
    }

    private void overflow(Subscriber subscriber) {
        if (!subscriber.closed.compareAndSet(false, true)) {
            return;
        }
        subscribers.remove(subscriber);
        subscriber.queue.clear();
        log.info("stream subscriber dropped: more than {} changes behind", properties.bufferSize());
        senders.execute(() -> {
            try {
                subscriber.emitter.send(SseEmitter.event().name("overflow")
                        .data("{\"reason\":\"too slow; reconnect with Last-Event-ID\"}"));
            } catch (IOException | RuntimeException ignored) {
                // it is being dropped anyway
            }
            complete(subscriber);
        });
    }

    private void schedule(Subscriber subscriber) {
        if (subscriber.started && !subscriber.closed.get() && subscriber.draining.compareAndSet(false, true)) {
            senders.execute(() -> drain(subscriber));
        }
    }

    /**
     * Writes what the subscriber's queue holds, up to {@link #WRITE_BATCH} changes per write and one flush for them
     * (a flush per change kept a busy subscriber seconds behind on a loaded machine), in the order queued.
     */
    private void drain(Subscriber subscriber) {
        try {
            Object next;
            while (!subscriber.closed.get() && (next = subscriber.queue.poll()) != null) {
                Set<ResponseBodyEmitter.DataWithMediaType> items = new LinkedHashSet<>();
                int n = 0;
                do {
                    items.addAll(next instanceof Change change ? event(change).build()
                            : SseEmitter.event().comment("heartbeat").build());
                } while (++n < WRITE_BATCH && (next = subscriber.queue.poll()) != null);
                subscriber.emitter.send(items);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("stream subscriber gone: {}", e.getMessage());
            subscriber.closed.set(true);
            remove(subscriber);
            complete(subscriber);
            return;
        } finally {
            subscriber.draining.set(false);
        }
        if (!subscriber.queue.isEmpty()) {
            schedule(subscriber);
        }
    }

    private void heartbeat() {
        for (Subscriber subscriber : subscribers) {
            if (subscriber.started && subscriber.queue.offer(Heartbeat.INSTANCE)) {
                schedule(subscriber);
            }
        }
    }

    private void remove(Subscriber subscriber) {
        subscriber.closed.set(true);
        subscribers.remove(subscriber);
    }

    private static void complete(Subscriber subscriber) {
        try {
            subscriber.emitter.complete();
        } catch (RuntimeException ignored) {
            // already completed
        }
    }

    @Override
    public void start() {
        long period = properties.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Ends every stream before the web server's graceful shutdown, which would otherwise wait for them. */
    @Override
    public void stop() {
        running = false;
        for (Subscriber subscriber : subscribers) {
            remove(subscriber);
            complete(subscriber);
        }
        heartbeats.shutdownNow();
        senders.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private enum Heartbeat { INSTANCE }

    /** One open stream: its emitter and its bounded queue. */
    public static final class Subscriber {
        private final boolean member;
        private final SseEmitter emitter;
        private final BlockingQueue<Object> queue;
        private final AtomicBoolean draining = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile boolean started;

        private Subscriber(boolean member, SseEmitter emitter, int capacity) {
            this.member = member;
            this.emitter = emitter;
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        public boolean member() {
            return member;
        }
    }
}
