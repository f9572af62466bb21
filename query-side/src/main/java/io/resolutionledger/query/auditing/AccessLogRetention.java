package io.resolutionledger.query.auditing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the access log ({@link AccessLogFilter}) for {@code ledger.access-log.retention} (default 180 days): every
 * {@code ledger.access-log.sweep-interval} (1 h) older rows are deleted, a bounded batch per statement so that no
 * long lock is held. It holds personal data (the readers' subjects), so it is kept no longer than needed. Several
 * instances may sweep; the deletes are idempotent.
 */
@Component
public class AccessLogRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccessLogRetention.class);
    private static final int BATCH = 10_000;

    private final JdbcTemplate jdbc;
    private final Duration retention;
    private final Duration interval;
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService sweeper;

    public AccessLogRetention(JdbcTemplate jdbc, @Value("${ledger.access-log.retention:180d}") Duration retention,
                              @Value("${ledger.access-log.sweep-interval:1h}") Duration interval) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.interval = interval;
    }

    /** Deletes the rows older than the retention; answers how many. */
    public int sweep() {
        Timestamp before = Timestamp.from(clock.instant().minus(retention));
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update("DELETE FROM ledger_read.audit_access_log WHERE id IN (SELECT id FROM "
                    + "ledger_read.audit_access_log WHERE at < ? ORDER BY at LIMIT " + BATCH + ")", before);
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            log.info("access log: {} entries older than {} deleted", total, retention);
        }
        return total;
    }

    @Override
    public void start() {
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "access-log-retention");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                log.warn("access log retention sweep failed, trying again later: {}", e.toString());
            }
        }, Math.min(interval.toMillis(), Duration.ofMinutes(1).toMillis()), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return sweeper != null && !sweeper.isShutdown();
    }
}
