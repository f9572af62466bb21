package io.resolutionledger.query.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.monitoring.MessageMonitor;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The meters of one event processor, under the names and tag Axon's dimensional Micrometer monitors give them
 * ({@code eventProcessor.ingestedCounter}, {@code .successCounter}, {@code .failureCounter}, {@code .ignoredCounter},
 * {@code .processedCounter}, {@code .allTimer}, {@code .latency}; tag {@code processorName}), registered once per
 * processor. Axon's own monitors look every meter up again by name and tags for every event, and tag their timers
 * per payload type: in a rebuild that was a seventh of the read models' processor thread (JFR, BENCHMARKS.md). Axon's
 * metrics auto-configuration is therefore off on the query side (as on the command side, see CommandTimers there),
 * and this monitor is given to every pooled streaming processor through Axon's configurer.
 * <p>
 * One meter is the ledger's own: {@code ledger.projection.visible}, from an event's own time (the command side's
 * clock, when the aggregate applied it, so a little before the command's answer) to the commit of the batch that
 * handled it, when readers of the processor's tables can see it. A histogram (Prometheus buckets), so that a
 * scrape at the start and one at the end of a window give its percentiles (the benchmark's freshness of the query
 * API). Events met in a replay are left out: their age is the rebuild's, not a reader's wait.
 */
final class ProcessorMetrics implements MessageMonitor<Message<?>> {

    private static final String PREFIX = "eventProcessor";
    private static final String TAG = "processorName";

    private final Counter ingested;
    private final Counter success;
    private final Counter failure;
    private final Counter ignored;
    private final Counter processed;
    private final Timer all;
    /** How far behind the event's own time the last event was when the processor took it, in milliseconds. */
    private final AtomicLong latency = new AtomicLong();
    private final Timer visible;
    private final Clock clock;
    /** The unit-of-work resource that collects a batch's event times until it commits. */
    private final String batchKey;

    ProcessorMetrics(MeterRegistry registry, String processor, Clock clock) {
        this.clock = clock;
        this.ingested = counter(registry, processor, "ingestedCounter");
        this.success = counter(registry, processor, "successCounter");
        this.failure = counter(registry, processor, "failureCounter");
        this.ignored = counter(registry, processor, "ignoredCounter");
        this.processed = counter(registry, processor, "processedCounter");
        this.all = Timer.builder(PREFIX + ".allTimer").tag(TAG, processor)
                .description("time an event processor spends on each event").register(registry);
        this.visible = Timer.builder("ledger.projection.visible").tag(TAG, processor)
                .description("from an event's own time to the commit of the batch that handled it (readers see it)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        this.batchKey = ProcessorMetrics.class.getName() + "." + processor;
        Gauge.builder(PREFIX + ".latency", latency, AtomicLong::get).tag(TAG, processor)
                .description("how long ago (ms) the last event an event processor took had happened")
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String processor, String name) {
        return Counter.builder(PREFIX + "." + name).tag(TAG, processor)
                .description("events of an event processor: " + name.replace("Counter", "")).register(registry);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        ingested.increment();
        if (message instanceof EventMessage<?> event) {
            long at = event.getTimestamp().toEpochMilli();
            latency.set(Math.max(0, clock.millis() - at));
            if (!(message instanceof TrackedEventMessage<?> tracked && ReplayToken.isReplay(tracked))
                    && CurrentUnitOfWork.isStarted()) {
                UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
                batch.getOrComputeResource(batchKey, key -> {
                    BatchTimes times = new BatchTimes();
                    batch.afterCommit(u -> times.record(visible, clock.millis()));
                    return times;
                }).add(at);
            }
        }
        long start = System.nanoTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                done(success);
            }

            @Override
            public void reportFailure(Throwable cause) {
                done(failure);
            }

            @Override
            public void reportIgnored() {
                done(ignored);
            }

            private void done(Counter outcome) {
                all.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                outcome.increment();
                processed.increment();
            }
        };
    }

    /** The event times of one batch, recorded as visible when it commits. */
    private static final class BatchTimes {
        private long[] times = new long[16];
        private int size;

        void add(long at) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
            }
            times[size++] = at;
        }

        void record(Timer timer, long now) {
            for (int i = 0; i < size; i++) {
                timer.record(Math.max(0, now - times[i]), TimeUnit.MILLISECONDS);
            }
        }
    }
}
