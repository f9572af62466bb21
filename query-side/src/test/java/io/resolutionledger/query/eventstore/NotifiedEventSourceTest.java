package io.resolutionledger.query.eventstore;

import io.resolutionledger.query.support.QuerySideTest;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared tail of the global log on the real store: streams at the end of the log take what one read per wake-up
 * found, see exactly what a stream of their own would have read (events and tokens, in order, late commits below the
 * head included), and a stream that falls out of the tail's ring reads on by itself without losing anything.
 */
class NotifiedEventSourceTest extends QuerySideTest {

    @Autowired
    NotifiedEventSource service;

    /** Everything a stream has now, as (aggregate, sequence, token) lines; waits up to a second for the first. */
    private static List<String> drain(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        while (stream.hasNextAvailable(seen.isEmpty() ? 1000 : 0, TimeUnit.MILLISECONDS)) {
            seen.add(line(stream.nextAvailable()));
        }
        return seen;
    }

    private static String line(TrackedEventMessage<?> event) {
        DomainEventMessage<?> domain = (DomainEventMessage<?>) event;
        return domain.getAggregateIdentifier() + "#" + domain.getSequenceNumber() + " @" + event.trackingToken();
    }

    /** What a stream of its own reads from {@code from} now, straight from the storage engine. */
    private List<String> readAlone(TrackingToken from) {
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(from, false)) {
            return events.map(NotifiedEventSourceTest::line).collect(Collectors.toList());
        }
    }

    private void schedule(String... sessions) {
        var events = ledger();
        int n = 1;
        for (String session : sessions) {
            events.schedule(session, n++, LocalDate.parse("2025-03-20"), "Hamburg", "DE-RP");
        }
        events.append();
    }

    /** Both streams read to the end by themselves, then take one new event from the tail (and so follow it). */
    private void onTheTail(NotifiedEventSource source, BlockingStream<TrackedEventMessage<?>> first,
                           BlockingStream<TrackedEventMessage<?>> second) throws InterruptedException {
        assertThat(first.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(second.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
        schedule(unique("dmk-join"));
        source.wakeAll();
        assertThat(drain(first)).hasSize(1);
        assertThat(drain(second)).hasSize(1);
    }

    @Test
    void streams_at_the_end_of_the_log_share_one_read_per_wake_up_and_see_what_they_would_have_read() throws Exception {
        NotifiedEventSource source = new NotifiedEventSource(storageEngine, 64);
        TrackingToken head = source.createHeadToken();
        try (var a = source.openStream(head); var b = source.openStream(head); var c = source.openStream(head)) {
            // each reads by itself to the end first
            assertThat(a.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(b.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(c.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(source.privateReads()).isEqualTo(3);

            schedule(unique("dmk-tail-1"), unique("dmk-tail-2"), unique("dmk-tail-3"));
            source.wakeAll();
            List<String> expected = readAlone(head);
            assertThat(expected).hasSize(3);
            assertThat(drain(a)).isEqualTo(expected);
            assertThat(drain(b)).isEqualTo(expected);
            assertThat(drain(c)).isEqualTo(expected);
            assertThat(source.sharedReads()).as("one read for the three streams").isEqualTo(1);
            assertThat(source.privateReads()).as("none of them read again by itself").isEqualTo(3);
            assertThat(source.sharedEvents()).as("private %d shared %d", source.privateReads(), source.sharedReads())
                    .isEqualTo(9);

            // the next wake-up: again one read, whoever comes first
            schedule(unique("dmk-tail-4"));
            source.wakeAll();
            List<String> next = readAlone(head).subList(3, 4);
            assertThat(drain(c)).isEqualTo(next);
            assertThat(drain(a)).isEqualTo(next);
            assertThat(drain(b)).isEqualTo(next);
            assertThat(source.sharedReads()).isEqualTo(2);
            assertThat(source.privateReads()).isEqualTo(3);

            // a wake-up with nothing new costs one read, not three
            source.wakeAll();
            assertThat(a.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(b.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(source.sharedReads()).isEqualTo(3);
        }
    }

    @Test
    void a_stream_that_falls_out_of_the_ring_reads_on_by_itself_and_misses_nothing() throws Exception {
        NotifiedEventSource source = new NotifiedEventSource(storageEngine, 4);
        TrackingToken head = source.createHeadToken();
        try (var fast = source.openStream(head); var slow = source.openStream(head)) {
            onTheTail(source, fast, slow);

            // ten events, the ring holds four and reads two at a time: the fast one reads on through the tail ...
            List<String> ten = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                ten.add(unique("dmk-ring-" + i));
            }
            schedule(ten.toArray(String[]::new));
            source.wakeAll();
            List<String> expected = readAlone(head).subList(1, 11);
            assertThat(drain(fast)).isEqualTo(expected);
            long privateBefore = source.privateReads();
            // ... the slow one's place has left the ring: it reads by itself, from where it is
            assertThat(drain(slow)).isEqualTo(expected);
            assertThat(source.privateReads()).isGreaterThan(privateBefore);
        }
    }

    @Test
    void a_late_commit_below_the_head_reaches_the_streams_that_follow_the_tail() throws Exception {
        NotifiedEventSource source = new NotifiedEventSource(storageEngine, 64);
        TrackingToken head = source.createHeadToken();
        try (var a = source.openStream(head); var b = source.openStream(head)) {
            onTheTail(source, a, b);

            String late = unique("dmk-late-tail");
            CountDownLatch appended = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> held = heldAppend(late, appended, release, false);
            assertThat(appended.await(20, TimeUnit.SECONDS)).isTrue();
            String later = unique("dmk-later-tail");
            schedule(later);
            source.wakeAll();
            assertThat(drain(a)).singleElement().asString().startsWith(later);
            assertThat(drain(b)).singleElement().asString().startsWith(later);

            release.countDown();
            held.get(20, TimeUnit.SECONDS);
            source.wakeAll();
            assertThat(drain(a)).singleElement().asString().startsWith(late);
            assertThat(drain(b)).singleElement().asString().startsWith(late);
            assertThat(source.sharedReads()).isGreaterThanOrEqualTo(2);
        }
    }

    /**
     * The storage engine as the tail sees it, counting its reads: {@link BatchReads#readBatch} and the stream that
     * ends at an empty batch.
     */
    private static final class CountingEngine implements EventStorageEngine, BatchReads {
        final EventStorageEngine engine;
        final BatchReads batches;
        final AtomicInteger batchReads = new AtomicInteger();
        final AtomicInteger streamReads = new AtomicInteger();

        CountingEngine(EventStorageEngine engine) {
            this.engine = engine;
            this.batches = (BatchReads) engine;
        }

        @Override
        public List<? extends TrackedEventMessage<?>> readBatch(TrackingToken token, int size) {
            batchReads.incrementAndGet();
            return batches.readBatch(token, size);
        }

        @Override
        public int batchSize() {
            return batches.batchSize();
        }

        @Override
        public long indexOf(TrackingToken token) {
            return batches.indexOf(token);
        }

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken token, boolean mayBlock) {
            streamReads.incrementAndGet();
            return engine.readEvents(token, mayBlock);
        }

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            engine.appendEvents(events);
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            engine.storeSnapshot(snapshot);
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            return engine.readEvents(aggregateIdentifier, firstSequenceNumber);
        }

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            return engine.readSnapshot(aggregateIdentifier);
        }

        @Override
        public TrackingToken createHeadToken() {
            return engine.createHeadToken();
        }
    }

    @Test
    void the_tail_reads_the_end_of_the_log_with_one_batch_unless_the_batch_reached_its_windows_top() throws Exception {
        assertThat(storageEngine).as("the JDBC engine reads batches").isInstanceOf(BatchReads.class);
        CountingEngine engine = new CountingEngine(storageEngine);
        // a ring of 64 reads at most 32 events at a time: a batch covers 32 positions (the engine's are larger)
        int batch = 32;
        assertThat(engine.batchSize()).isGreaterThan(batch);
        NotifiedEventSource source = new NotifiedEventSource(engine, 2 * batch);
        TrackingToken head = source.createHeadToken();
        try (var a = source.openStream(head); var b = source.openStream(head)) {
            onTheTail(source, a, b);
            assertThat(engine.batchReads).as("the joining event: one batch").hasValue(1);

            schedule(unique("dmk-batch-1"), unique("dmk-batch-2"), unique("dmk-batch-3"));
            source.wakeAll();
            List<String> expected = readAlone(head).subList(1, 4);
            assertThat(drain(a)).isEqualTo(expected);
            assertThat(drain(b)).isEqualTo(expected);
            assertThat(engine.batchReads).as("three events, short of the window's top: one batch, no empty one")
                    .hasValue(2);

            // nothing new: one (empty) batch, in which the engine looks past the window for a wider gap
            source.wakeAll();
            assertThat(a.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(engine.batchReads).hasValue(3);

            // more than a batch waiting: the first batch reaches its window's top, so the tail reads on
            List<String> many = new ArrayList<>();
            for (int i = 0; i < batch + 5; i++) {
                many.add(unique("dmk-many-" + i));
            }
            schedule(many.toArray(String[]::new));
            source.wakeAll();
            List<String> all = readAlone(head).subList(4, 4 + batch + 5);
            assertThat(drain(a)).isEqualTo(all);
            assertThat(drain(b)).isEqualTo(all);
            assertThat(engine.batchReads).as("a full batch, then the rest").hasValue(5);
            assertThat(engine.streamReads).as("only the streams' own first reads").hasValue(2);
        }
    }

    @Test
    void the_services_own_processors_and_streams_follow_the_shared_tail() {
        long before = service.sharedEvents();
        schedule(unique("dmk-service-tail"));
        // the processing groups, the live stream's tail and the verifiable log each take the event from the tail
        await().atMost(Duration.ofSeconds(20)).until(() -> service.sharedEvents() >= before + 3);
        assertThat(service.sharedReads()).isPositive();
    }
}
