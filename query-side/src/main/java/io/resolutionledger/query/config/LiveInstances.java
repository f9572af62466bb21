package io.resolutionledger.query.config;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How many query-side instances are alive: the one thing Axon does not know when it shares segments. Axon's pooled
 * processor asks its {@link MaxSegmentProvider} on every coordination round how many segments it may hold, releases
 * the surplus itself and claims free segments up to that number; but its token claims show only instances that hold
 * a segment, so a newly started instance would never get one. Each instance therefore records a heartbeat
 * ({@code ledger_read.query_instance}), and {@link #fairShare(int)} is the provider: segments ÷ live instances,
 * rounded up. When an instance dies its heartbeat stops, the others' share grows, and they claim its segments once
 * Axon's claim on them times out.
 */
@Component
public class LiveInstances {

    private static final Logger log = LoggerFactory.getLogger(LiveInstances.class);

    private final JdbcTemplate jdbc;
    private final Duration interval;
    private final String instanceId = UUID.randomUUID().toString();
    private volatile int live = 1;
    private ScheduledExecutorService executor;

    public LiveInstances(DataSource dataSource, @Value("${ledger.projections.heartbeat:5s}") Duration interval) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.interval = interval;
    }

    /** The provider for a processor of {@code segments} segments. */
    public MaxSegmentProvider fairShare(int segments) {
        return processor -> Math.max(1, (segments + live - 1) / Math.max(1, live));
    }

    /** This instance's id: its heartbeat row, and its part of the token claims' owner (AxonConfig). */
    public String id() {
        return instanceId;
    }

    public int live() {
        return live;
    }

    @PostConstruct
    void start() {
        heartbeatSafely();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "query-instance-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::heartbeatSafely, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
        try {
            jdbc.update("DELETE FROM ledger_read.query_instance WHERE instance_id = ?", instanceId);
        } catch (RuntimeException e) {
            log.debug("could not sign off: {}", e.getMessage());
        }
    }

    void heartbeat() {
        jdbc.update("INSERT INTO ledger_read.query_instance (instance_id, seen_at) VALUES (?, now()) "
                + "ON CONFLICT (instance_id) DO UPDATE SET seen_at = now()", instanceId);
        long aliveWithin = Math.max(15, interval.toSeconds() * 3);
        Integer count = jdbc.queryForObject("SELECT count(*) FROM ledger_read.query_instance "
                + "WHERE seen_at > now() - make_interval(secs => ?)", Integer.class, aliveWithin);
        jdbc.update("DELETE FROM ledger_read.query_instance WHERE seen_at < now() - interval '1 day'");
        live = count == null || count < 1 ? 1 : count;
    }

    private void heartbeatSafely() {
        try {
            heartbeat();
        } catch (RuntimeException e) {
            // the database may be away: keep the last count and try again next time
            log.debug("heartbeat skipped: {}", e.getMessage());
        }
    }
}
