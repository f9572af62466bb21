package io.resolutionledger.query.config;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells idle processors that the event store has moved. Axon's pooled streaming processor gives its event stream a
 * callback, once, for whenever events become available; the JDBC store's stream cannot call it (another process
 * appends), so without this a caught-up processor looks again only every 500 ms, most of a change's latency.
 * One thread polls the store's head ({@code max(global_index)}, an index-only read) every fetch delay and wakes
 * the waiting processors when it moved within the last few polls (the store's own reader may need a poll of its
 * own to fetch the events), and at least every half second anyway, so that a transaction that committed late,
 * below the head, is picked up no later than before.
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
public class StoreWatcher {

    private static final Logger log = LoggerFactory.getLogger(StoreWatcher.class);
    private static final long RECENT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long PERIODIC_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final JdbcTemplate jdbc;
    private final long intervalMillis;
    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService executor;
    private long head = -1;
    private long movedAt;
    private long wokenAt;

    public StoreWatcher(DataSource dataSource, ProjectionProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.intervalMillis = Math.max(5, properties.fetchDelay().toMillis());
    }

    /** The callback runs whenever the store has (or may have) new events, until it is forgotten. */
    public void listen(Runnable callback) {
        listeners.add(callback);
    }

    public void forget(Runnable callback) {
        listeners.remove(callback);
    }

    @PostConstruct
    void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "event-store-watcher");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::tick, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private void tick() {
        if (listeners.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        try {
            Long current = jdbc.queryForObject(
                    "SELECT coalesce(max(global_index), 0) FROM ledger_write.domain_event_entry", Long.class);
            if (current != null && current != head) {
                head = current;
                movedAt = now;
            }
        } catch (DataAccessException e) {
            // the database is away: let the processors find out themselves (they retry with back-off)
            log.debug("cannot read the event store's head: {}", e.getMessage());
            movedAt = now;
        }
        if (now - movedAt < RECENT_NANOS || now - wokenAt >= PERIODIC_NANOS) {
            wokenAt = now;
            for (Runnable callback : listeners) {
                try {
                    callback.run();
                } catch (RuntimeException e) {
                    log.warn("a processor's wake-up failed", e);
                }
            }
        }
    }
}
