package io.resolutionledger.command.config;

import jakarta.annotation.PreDestroy;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * Tells the query side that events were appended: {@code pg_notify('ledger_events', '')}, which PostgreSQL delivers
 * to its listeners when the transaction commits, so a listener reads the events as soon as they are readable (also
 * when a transaction commits late, below the head).
 * <p>
 * PostgreSQL serializes the commits of transactions that notify (one lock for the notification queue, held until
 * commit). So at most one append transaction per {@code interval} notifies in-transaction; a transaction that
 * commits within that interval after another one asks instead for one trailing notification after its commit
 * (sent by one thread, outside every append transaction, coalescing all such requests of the interval). Every commit
 * is thus followed by a notification within about one interval, and the notify lock is taken at most twice per
 * interval per instance, whatever the command rate. Only with the JDBC store: Axon Server tells its subscribers itself.
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
public class EventAppendNotifier implements MessageDispatchInterceptor<EventMessage<?>> {

    static final String CHANNEL = "ledger_events";
    private static final Logger log = LoggerFactory.getLogger(EventAppendNotifier.class);
    private static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', '')";

    private final JdbcTemplate jdbc;
    private final long intervalNanos;
    private final AtomicLong lastInTransaction = new AtomicLong(System.nanoTime() - TimeUnit.DAYS.toNanos(1));
    private final AtomicBoolean trailingPending = new AtomicBoolean();
    private final ScheduledExecutorService trailing = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "event-append-notifier");
        thread.setDaemon(true);
        return thread;
    });

    public EventAppendNotifier(EventBus eventBus, DataSource dataSource,
                               @Value("${ledger.notify.interval:5ms}") Duration interval) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.intervalNanos = interval.toNanos();
        eventBus.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
            unitOfWork.getOrComputeResource(EventAppendNotifier.class.getName(), key -> {
                unitOfWork.onPrepareCommit(u -> notifyOnCommit(u));
                return Boolean.TRUE;
            });
        }
        return (index, message) -> message;
    }

    private void notifyOnCommit(UnitOfWork<?> unitOfWork) {
        long now = System.nanoTime();
        long last = lastInTransaction.get();
        if (now - last >= intervalNanos && lastInTransaction.compareAndSet(last, now)) {
            jdbc.execute(NOTIFY); // joins the append's transaction: delivered at its commit
        } else {
            unitOfWork.afterCommit(u -> requestTrailing());
        }
    }

    private void requestTrailing() {
        if (trailingPending.compareAndSet(false, true)) {
            trailing.schedule(this::sendTrailing, Math.max(1, intervalNanos), TimeUnit.NANOSECONDS);
        }
    }

    private void sendTrailing() {
        // cleared before sending: a commit after this point asks for the next one
        trailingPending.set(false);
        try {
            jdbc.execute(NOTIFY);
        } catch (RuntimeException e) {
            // the listeners' safety poll finds the events anyway
            log.debug("trailing notification not sent: {}", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        trailing.shutdownNow();
    }
}
