package io.resolutionledger.query.support;

import io.resolutionledger.query.admin.ProjectionAdmin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Holds every generation switch back while open: takes the switch's advisory lock for a session of its own, so that
 * the switch of {@link ProjectionAdmin} finds it taken and tries again at the next refresh. A rebuild of a tiny store
 * otherwise switches within a few hundred milliseconds, and a test that asks for a second rebuild "while the first
 * runs" would race it.
 */
public final class SwitchHold implements AutoCloseable {

    private final Connection connection;

    public SwitchHold(DataSource dataSource) throws SQLException {
        connection = dataSource.getConnection();
        lock("SELECT pg_advisory_lock(?)");
    }

    @Override
    public void close() throws SQLException {
        try {
            // a session lock outlives the connection's return to the pool: give it back explicitly
            lock("SELECT pg_advisory_unlock(?)");
        } finally {
            connection.close();
        }
    }

    private void lock(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, ProjectionAdmin.SWITCH_LOCK);
            statement.executeQuery().close();
        }
    }
}
