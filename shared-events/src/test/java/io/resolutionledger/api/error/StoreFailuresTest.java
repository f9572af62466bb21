package io.resolutionledger.api.error;

import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class StoreFailuresTest {

    @Test
    void connectionFailuresAnywhereInTheChainMeanTheStoreIsAway() {
        assertThat(StoreFailures.isStoreUnavailable(new RuntimeException("tx",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
        assertThat(StoreFailures.isStoreUnavailable(new IllegalStateException(new RuntimeException(
                new SQLException("An I/O error occurred while sending to the backend.", "08006",
                        new EOFException()))))).isTrue();
        assertThat(StoreFailures.isStoreUnavailable(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(StoreFailures.isStoreUnavailable(new SQLException("too many connections", "53300"))).isTrue();
        assertThat(StoreFailures.isStoreUnavailable(new RuntimeException(new ConnectException("refused")))).isTrue();
    }

    @Test
    void aFailureAttachedAsSuppressedCounts() {
        RuntimeException outer = new RuntimeException("Failed to create a SQL statement");
        outer.addSuppressed(new RuntimeException(new SQLException("connection lost", "08003")));
        assertThat(StoreFailures.isStoreUnavailable(outer)).isTrue();
    }

    @Test
    void theConnectionPoolsClosedConnectionCountsByWhereItWasThrownNotByItsMessage() {
        SQLException closed = new SQLException("Connection is closed");
        closed.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection",
                        "lambda$getClosedConnection$0", "ProxyConnection.java", 515)});
        assertThat(StoreFailures.isStoreUnavailable(new RuntimeException(closed))).isTrue();
        assertThat(StoreFailures.isStoreUnavailable(new SQLException("Connection is closed"))).isFalse();
    }

    @Test
    void otherDatabaseErrorsAndBugsAreNot() {
        assertThat(StoreFailures.isStoreUnavailable(new SQLIntegrityConstraintViolationException("dup", "23505")))
                .isFalse();
        assertThat(StoreFailures.isStoreUnavailable(new SQLException("syntax", "42601"))).isFalse();
        assertThat(StoreFailures.isStoreUnavailable(new IllegalStateException("bug"))).isFalse();
        assertThat(StoreFailures.isStoreUnavailable(null)).isFalse();
        RuntimeException cycle = new RuntimeException("a");
        RuntimeException other = new RuntimeException("b", cycle);
        cycle.initCause(other);
        assertThat(StoreFailures.isStoreUnavailable(cycle)).isFalse();
    }
}
