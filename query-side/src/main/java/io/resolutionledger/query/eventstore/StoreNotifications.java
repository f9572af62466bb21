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
 */
public final class StoreNotifications implements SmartLifecycle {

    /** The channel the command side notifies on (command-side config.EventAppendNotifier). */
    public static final String CHANNEL = "ledger_events";

    private static final Logger log = LoggerFactory.getLogger(StoreNotifications.class);

    private final NotifiedEventSource source;
    private final String url;
    private final Properties credentials = new Properties();
    private final Duration pollInterval;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    public StoreNotifications(NotifiedEventSource source, String url, String user, String password,
                              Duration pollInterval) {
        this.source = source;
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
                while (running) {
                    PGNotification[] notifications = listening.getNotifications(timeout);
                    // a notification, or nothing for a poll interval (the safety net): either way, look
                    source.wakeAll();
                    if (notifications != null && notifications.length > 0) {
                        log.trace("{} notifications", notifications.length);
                    }
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
        try {
            Thread.sleep(millis);
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
