package io.resolutionledger.query.config;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/**
 * The transactions of the projections' processors. Unless durable commits are asked for, each one tells PostgreSQL
 * not to wait for its WAL flush ({@code SET LOCAL synchronous_commit TO off}): a projection's rows and its token
 * commit together, so a commit that a database crash loses takes the token back with the rows and the batch is
 * simply handled again; nothing is lost or doubled, and the change is visible a flush earlier. It affects only
 * these transactions (LOCAL), never the event store's appends, which stay durable.
 */
public final class ProjectionTransactionManager implements TransactionManager {

    private final TransactionManager delegate;
    private final JdbcTemplate jdbc;
    private final boolean durableCommits;

    public ProjectionTransactionManager(TransactionManager delegate, JdbcTemplate jdbc, boolean durableCommits) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.durableCommits = durableCommits;
    }

    /** For a processor's builder: Axon's transaction manager of the configuration, on the projections' DataSource. */
    public static ProjectionTransactionManager of(Configuration config, DataSource dataSource,
                                                  ProjectionProperties properties) {
        return new ProjectionTransactionManager(config.getComponent(TransactionManager.class),
                new JdbcTemplate(dataSource), properties.durableCommits());
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = delegate.startTransaction();
        if (!durableCommits) {
            try {
                jdbc.execute("SET LOCAL synchronous_commit TO off");
            } catch (RuntimeException e) {
                transaction.rollback();
                throw e;
            }
        }
        return transaction;
    }
}
