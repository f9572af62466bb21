package io.resolutionledger.command.config;

import org.quartz.SchedulerConfigException;
import org.quartz.spi.ClassLoadHelper;
import org.quartz.spi.SchedulerSignaler;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.scheduling.quartz.LocalDataSourceJobStore;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Spring's job store on the application's data source and transactions, with connections registered under a name of
 * this scheduler's own. Quartz keeps connection providers in one registry per JVM; Spring's
 * {@link LocalDataSourceJobStore} registers them under the scheduler's name, which every instance of a cluster
 * shares (it is the {@code SCHED_NAME} of the job tables). With more than one application context in a JVM (the test
 * suite, an embedding host) the last one started would take over the others' connections, and once it closed, leave
 * them on a closed pool. Each scheduler here uses its own registration, so the cluster name stays shared and the
 * connections stay with their context.
 */
public class ContextLocalJobStore extends LocalDataSourceJobStore {

    @Override
    public void initialize(ClassLoadHelper loadHelper, SchedulerSignaler signaler) throws SchedulerConfigException {
        DataSource transactional = SchedulerFactoryBean.getConfigTimeDataSource();
        DataSource nonTransactional = SchedulerFactoryBean.getConfigTimeNonTransactionalDataSource();
        super.initialize(loadHelper, signaler);
        if (transactional == null) {
            return; // the superclass has refused already
        }
        DataSource plain = nonTransactional != null ? nonTransactional : transactional;
        String own = getInstanceName() + "." + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(TX_DATA_SOURCE_PREFIX + own,
                new Provider(transactional, true));
        DBConnectionManager.getInstance().addConnectionProvider(NON_TX_DATA_SOURCE_PREFIX + own,
                new Provider(plain, false));
        setDataSource(TX_DATA_SOURCE_PREFIX + own);
        setNonManagedTXDataSource(NON_TX_DATA_SOURCE_PREFIX + own);
    }

    /** As Spring's: the transactional one joins the Spring transaction of the command that sets a deadline. */
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
