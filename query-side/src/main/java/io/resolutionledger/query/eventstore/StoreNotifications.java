package io.resolutionledger.query.eventstore;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Listens for the command side's notifications (it calls {@code pg_notify} in the transaction that appends events,
 * so a notification arrives only once those events are committed and readable, late commits below the head
 * included) and wakes the open streams of the {@link NotifiedEventSource}. One dedicated connection, outside the
 * pool: a listening connection must stay open, and a pooled one would be handed to others.
 * <p>
 * The safety net: when nothing arrived for {@code pollInterval} the streams are woken anyway (one cheap read each),
 * so a lost notification or a writer that does not notify delays an event by at most that long. While the
 * connection is down the streams are woken every poll interval (plain polling) and it reconnects; after a reconnect
 * they are woken once, to catch up with what was appended meanwhile.
 * <p>
 * <b>At most one wake-up per {@code wakeInterval}.</b> Every wake-up costs the same whatever it finds: each
 * processing group's work package opens a transaction, stores its token and commits, the shared tail reads once,
 * the live stream flushes to every client. At a steady rate the command side notifies every few milliseconds
 * (command-side {@code EventAppendNotifier}: about once per 5 ms per instance), so each wake-up found one or two
 * events and that fixed cost was paid per event (BENCHMARKS.md, "Eleventh session"). A notification that comes
 * sooner than {@code wakeInterval} after the previous wake-up therefore waits out the rest of it, and the events
 * committed meanwhile are read together: the first event after a quiet spell is read at once, a busy log is read
 * in batches of one interval's events, and no event waits longer than one interval for the wake-up that reads it.
 * A wake interval of zero wakes the streams on every notification.
 */
public final class StoreNotifications implements SmartLifecycle {

    /** The channel the command side notifies on (command-side config.EventAppendNotifier). */
    public static final String CHANNEL = "ledger_events";

    private static final Logger log = LoggerFactory.getLogger(StoreNotifications.class);

    private final NotifiedEventSource source;
    private final String url;
    private final Properties credentials = new Properties();
    private final Duration pollInterval;
    private final long wakeIntervalNanos;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    public StoreNotifications(NotifiedEventSource source, String url, String user, String password,
                              Duration pollInterval, Duration wakeInterval) {
        if (wakeInterval.isNegative() || wakeInterval.compareTo(pollInterval) >= 0) {
            throw new IllegalArgumentException("the wake interval must be at least zero and below the poll interval ("
                    + pollInterval + "), not " + wakeInterval);
        }
        this.source = source;
        this.wakeIntervalNanos = wakeInterval.toNanos();
        this.url = url;
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        credentials.setProperty("ApplicationName", "ledger-query-side-listener");
        this.pollInterval = pollInterval;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "event-store-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        closeQuietly();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        int timeout = (int) Math.max(1, pollInterval.toMillis());
        while (running) {
            try {
                PGConnection listening = connect();
                source.wakeAll();
                long wokeAt = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = listening.getNotifications(timeout);
                    if (notifications != null && notifications.length > 0) {
                        log.trace("{} notifications", notifications.length);
                        // the rest of the interval since the previous wake-up: what commits meanwhile is read with it
                        long early = wokeAt + wakeIntervalNanos - System.nanoTime();
                        if (early > 0 && !pauseNanos(early)) {
                            return;
                        }
                    }
                    // a notification, or nothing for a poll interval (the safety net): either way, look
                    source.wakeAll();
                    wokeAt = System.nanoTime();
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("not listening for appended events ({}); polling every {} ms until reconnected",
                        e.getMessage(), timeout);
                closeQuietly();
                if (!pause(timeout)) {
                    return;
                }
                source.wakeAll();
            }
        }
    }

    private PGConnection connect() throws SQLException {
        Connection opened = DriverManager.getConnection(url, credentials);
        connection = opened;
        opened.setAutoCommit(true);
        try (Statement statement = opened.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
        return opened.unwrap(PGConnection.class);
    }

    private boolean pause(long millis) {
        return pauseNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private boolean pauseNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void closeQuietly() {
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException ignored) {
                // it is being replaced
            }
        }
    }
}
