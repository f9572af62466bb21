package io.resolutionledger.api.error;

import java.io.EOFException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The one answer of both services to "is the database away?": a failure whose cause chain (or what was attached to it
 * as suppressed) holds a connection-level failure is the store being unavailable (503 with {@code Retry-After}),
 * not a client's mistake and not a bug. Decided by exception types and SQL states only (never by message text), so
 * it holds for whatever wraps the failure: Axon's {@code EventStoreException}/{@code JdbcException}, Spring's
 * {@code DataAccessResourceFailureException}, {@code CannotCreateTransactionException} — they all carry the JDBC
 * driver's or the pool's exception as their cause.
 */
public final class StoreFailures {

    /** HikariCP's stand-in for a connection it has closed under its holder; it throws SQL exceptions without state. */
    private static final String CLOSED_POOL_CONNECTION = "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection";

    private StoreFailures() {
    }

    public static boolean isStoreUnavailable(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        if (failure != null) {
            todo.push(failure);
        }
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (isConnectionFailure(t)) {
                return true;
            }
            if (t.getCause() != null) {
                todo.push(t.getCause());
            }
            for (Throwable suppressed : t.getSuppressed()) {
                todo.push(suppressed);
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                todo.push(sql.getNextException());
            }
        }
        return false;
    }

    private static boolean isConnectionFailure(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof ConnectException || t instanceof EOFException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state == null) {
                return thrownBy(sql, CLOSED_POOL_CONNECTION);
            }
            // 08: connection exception; 53: insufficient resources; 57P: operator intervention (shutdown, restart)
            return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P");
        }
        return false;
    }

    private static boolean thrownBy(Throwable t, String className) {
        StackTraceElement[] trace = t.getStackTrace();
        for (int i = 0; i < Math.min(trace.length, 4); i++) {
            if (trace[i].getClassName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
