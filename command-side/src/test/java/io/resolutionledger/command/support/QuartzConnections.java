package io.resolutionledger.command.support;

import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.scheduling.quartz.LocalDataSourceJobStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Quartz keeps its job store's connection providers in one registry per JVM, keyed by the scheduler's name, which
 * clustered instances must share. A test that runs a second command-side instance in the same JVM therefore
 * overwrites the test context's providers with its own, and closing it leaves them pointing at its closed pool. This
 * puts the test context's back (as Spring's {@link LocalDataSourceJobStore} registers them). In production each JVM
 * runs one instance and none of this arises.
 */
public final class QuartzConnections {

    private QuartzConnections() {
    }

    public static void restore(DataSource dataSource, String schedulerName) {
        DBConnectionManager.getInstance().addConnectionProvider(
                LocalDataSourceJobStore.TX_DATA_SOURCE_PREFIX + schedulerName, new Provider(dataSource, true));
        DBConnectionManager.getInstance().addConnectionProvider(
                LocalDataSourceJobStore.NON_TX_DATA_SOURCE_PREFIX + schedulerName, new Provider(dataSource, false));
    }

    private record Provider(DataSource dataSource, boolean transactional) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return transactional ? DataSourceUtils.doGetConnection(dataSource) : dataSource.getConnection();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    }
}
